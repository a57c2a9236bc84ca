package dev.stoa.hub.lfs;

import dev.stoa.hub.testing.OnS3;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The LFS batch API on S3 (S3Proxy): clients transfer through presigned URLs, Stoa verifies by reading back. */
@QuarkusTest
@TestProfile(OnS3.class)
class LfsS3StoreTest implements LfsUploadContract, LfsAccessContract {
}
