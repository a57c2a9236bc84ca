package dev.stoa.hub.lfs;

import dev.stoa.hub.testing.S3ProxyTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import java.util.List;

/** The LFS batch API on S3 (S3Proxy): clients transfer through presigned URLs, Stoa verifies by reading back. */
@QuarkusTest
@TestProfile(LfsS3StoreTest.OnS3.class)
class LfsS3StoreTest implements LfsUploadContract, LfsAccessContract {

    public static class OnS3 implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(S3ProxyTestResource.class));
        }
    }
}
