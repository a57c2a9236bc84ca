package dev.stoa.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import dev.stoa.hub.testing.ChildProcesses;
import dev.stoa.hub.testing.RandomText;
import dev.stoa.hub.testing.S3ProxyServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;

/** Start-up checks of the S3 store: each wrong setting fails with a message that names it, and no secret. */
class S3ObjectStoreReadinessTest {

    private final S3ProxyServer s3 = S3ProxyServer.shared();
    private final TestS3Settings settings = TestS3Settings.of(s3);

    @Test
    void checkReadyCreatesAMissingBucketAndCanBeRepeated() {
        try (S3ObjectStore store = new S3ObjectStore(settings)) {
            store.checkReady();
            store.checkReady();
        }

        assertThat(s3.bucketExists(settings.bucket())).isTrue();
    }

    @Test
    void pingReportsAMissingBucketWithoutCreatingIt() {
        try (S3ObjectStore store = new S3ObjectStore(settings)) {
            assertThatThrownBy(store::ping)
                    .isInstanceOf(ObjectStoreException.class)
                    .hasMessageContaining(settings.bucket()).hasMessageContaining(S3Clients.BUCKET);
            assertThat(s3.bucketExists(settings.bucket())).isFalse();

            store.checkReady();
            store.ping();
        }
    }

    @Test
    void anUnreachableEndpointNamesTheEndpointSetting() {
        String nothingListens = "http://127.0.0.1:" + ChildProcesses.freePort();

        assertNotReady(settings.withEndpoint(nothingListens), "Cannot reach", S3Clients.ENDPOINT);
    }

    @Test
    void aServerThatIsNotS3NamesTheEndpointSetting() throws IOException {
        HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        web.start();
        try {
            assertNotReady(settings.withEndpoint("http://127.0.0.1:" + web.getAddress().getPort()), S3Clients.ENDPOINT);
        } finally {
            web.stop(0);
        }
    }

    @Test
    void rejectedCredentialsNameTheKeySettingsButNoSecret() {
        TestS3Settings wrong = settings.withSecretKey(RandomText.alphanumeric(32));

        String message = assertNotReady(wrong, S3Clients.ACCESS_KEY, S3Clients.SECRET_KEY);

        assertThat(message).doesNotContain(wrong.secretKey().orElseThrow());
    }

    @Test
    void invalidOrMissingSettingsAreNamedBeforeAnyConnection() {
        assertThatThrownBy(() -> new S3ObjectStore(settings.withBucket("Not_A_Bucket")))
                .isInstanceOf(ObjectStoreException.class).hasMessageContaining(S3Clients.BUCKET);
        assertThatThrownBy(() -> new S3ObjectStore(settings.withEndpoint(null)))
                .isInstanceOf(ObjectStoreException.class).hasMessageContaining(S3Clients.ENDPOINT);
        assertThatThrownBy(() -> new S3ObjectStore(settings.withEndpoint("not a url")))
                .isInstanceOf(ObjectStoreException.class).hasMessageContaining(S3Clients.ENDPOINT);
        assertThatThrownBy(() -> new S3ObjectStore(settings.withSecretKey(null)))
                .isInstanceOf(ObjectStoreException.class).hasMessageContaining(S3Clients.SECRET_KEY);
    }

    private String assertNotReady(TestS3Settings wrong, String... named) {
        try (S3ObjectStore store = new S3ObjectStore(wrong)) {
            Throwable failure = catchThrowable(store::checkReady);
            assertThat(failure).isInstanceOf(ObjectStoreException.class);
            assertThat(failure.getMessage()).contains(named).doesNotContain(s3.secretKey());
            return failure.getMessage();
        }
    }
}
