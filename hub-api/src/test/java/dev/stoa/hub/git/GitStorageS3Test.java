package dev.stoa.hub.git;

import dev.stoa.hub.testing.OnS3;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The git storage on S3 (S3Proxy). */
@QuarkusTest
@TestProfile(OnS3.class)
class GitStorageS3Test extends GitStorageLocalTest {

    /** Fewer on S3Proxy, which is slower per object: still hundreds of packs to compact. */
    @Override
    public int manyCommits() {
        return 4_000;
    }
}
