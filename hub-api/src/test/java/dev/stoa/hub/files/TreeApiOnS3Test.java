package dev.stoa.hub.files;

import dev.stoa.hub.testing.OnS3;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link TreeApiTest} with Stoa on S3 (S3Proxy): packs, blobs and uploads in a bucket. */
@QuarkusTest
@TestProfile(OnS3.class)
class TreeApiOnS3Test extends TreeApiTest {
}
