package dev.stoa.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.hub.testing.S3ProxyServer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

/** The contract against a real S3 API: S3Proxy, started by the test JVM. */
class S3ObjectStoreTest implements ObjectStoreContract, MultipartUploadContract, LargeObjectContract {

    static final TestS3Settings settings = TestS3Settings.of(S3ProxyServer.shared());
    @AutoClose
    static final S3ObjectStore store = new S3ObjectStore(settings);

    @BeforeAll
    static void createBucket() {
        store.checkReady();
    }

    @Override
    public ObjectStore store() {
        return store;
    }

    @Override
    public boolean signsUrls() {
        return true;
    }

    @Test
    void urlsAreSignedForThePublicEndpointWhenOneIsSet() {
        try (S3ObjectStore behindProxy = new S3ObjectStore(settings.withPublicEndpoint("https://files.example.test"))) {
            var get = behindProxy.presignGet("a/b.bin", Duration.ofMinutes(1)).orElseThrow();
            var part = behindProxy.presignUploadPart("a/b.bin", "upload-1", 3, Duration.ofMinutes(1)).orElseThrow();

            assertThat(get.getHost()).isEqualTo("files.example.test");
            assertThat(get.getPath()).isEqualTo("/" + settings.bucket() + "/a/b.bin");
            assertThat(part.getHost()).isEqualTo("files.example.test");
            assertThat(part.getQuery()).contains("uploadId=upload-1", "partNumber=3");
        }
    }
}
