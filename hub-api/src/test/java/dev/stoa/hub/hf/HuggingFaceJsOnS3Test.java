package dev.stoa.hub.hf;

import dev.stoa.hub.testing.OnS3;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link HuggingFaceJsTest} with Stoa on S3 (S3Proxy): uploads go to presigned URLs, downloads are redirects. */
@QuarkusTest
@TestProfile(OnS3.class)
class HuggingFaceJsOnS3Test extends HuggingFaceJsTest {
}
