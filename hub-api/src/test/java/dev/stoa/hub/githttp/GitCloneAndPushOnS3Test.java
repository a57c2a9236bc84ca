package dev.stoa.hub.githttp;

import dev.stoa.hub.testing.OnS3;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link GitCloneAndPushTest} with Stoa on S3 (S3Proxy): packs, blobs and uploads in a bucket. */
@QuarkusTest
@TestProfile(OnS3.class)
class GitCloneAndPushOnS3Test extends GitCloneAndPushTest {
}
