package dev.stoa.hub.storage;

import dev.stoa.hub.config.StoaConfig;
import io.minio.BucketExistsArgs;
import io.minio.Http;
import io.minio.MinioAsyncClient;
import okhttp3.Dispatcher;

import java.time.Duration;
import java.util.Optional;

/**
 * Turns the {@code stoa.storage.s3.*} settings into MinIO clients, failing with a message that names the
 * environment variable to fix. Messages show endpoints and names, never a key.
 */
final class S3Clients {

    static final String ENDPOINT = "STOA_STORAGE_S3_ENDPOINT";
    static final String PUBLIC_ENDPOINT = "STOA_STORAGE_S3_PUBLIC_ENDPOINT";
    static final String REGION = "STOA_STORAGE_S3_REGION";
    static final String BUCKET = "STOA_STORAGE_S3_BUCKET";
    static final String ACCESS_KEY = "STOA_STORAGE_S3_ACCESS_KEY";
    static final String SECRET_KEY = "STOA_STORAGE_S3_SECRET_KEY";

    /** An unreachable store should stop a start within seconds, not after the client's default 5 minutes. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** OkHttp allows 5 concurrent calls per host by default: far too few for a hub serving many transfers. */
    private static final int MAX_CONCURRENT_CALLS = 256;

    private S3Clients() {
    }

    /** The client Stoa talks to the store with. */
    static MinioAsyncClient internal(StoaConfig.S3 config) {
        return build(required(config.endpoint(), ENDPOINT), ENDPOINT, config);
    }

    /** A client that signs URLs for the public endpoint, or empty when none is set; it never connects. */
    static Optional<MinioAsyncClient> publicSigner(StoaConfig.S3 config) {
        return config.publicEndpoint()
                .filter(endpoint -> !endpoint.isBlank())
                .map(endpoint -> build(endpoint, PUBLIC_ENDPOINT, config));
    }

    static String bucket(StoaConfig.S3 config) {
        String bucket = config.bucket();
        try {
            BucketExistsArgs.builder().bucket(bucket);
            return bucket;
        } catch (IllegalArgumentException e) {
            throw new ObjectStoreException("The S3 bucket name '" + bucket + "' is invalid (3 to 63 lower-case letters,"
                    + " digits, dots and hyphens). Check " + BUCKET + ".");
        }
    }

    private static MinioAsyncClient build(String endpoint, String setting, StoaConfig.S3 config) {
        Http.BaseUrl url;
        try {
            url = new Http.BaseUrl(endpoint);
        } catch (IllegalArgumentException e) {
            throw new ObjectStoreException("'" + endpoint + "' is not a valid S3 endpoint URL (" + e.getMessage()
                    + "). Check " + setting + ".");
        }
        if (config.pathStyle()) {
            url.disableVirtualStyleEndpoint();
        } else {
            url.enableVirtualStyleEndpoint();
        }
        MinioAsyncClient.Builder builder = MinioAsyncClient.builder()
                .baseUrl(url)
                .credentials(required(config.accessKey(), ACCESS_KEY), required(config.secretKey(), SECRET_KEY))
                .httpClient(Http.newDefaultClient().newBuilder()
                        .connectTimeout(CONNECT_TIMEOUT)
                        .dispatcher(dispatcher())
                        .build(), true);
        try {
            // A known region also spares the client a lookup request before its first call and each signature.
            builder.region(config.region());
        } catch (IllegalArgumentException e) {
            throw new ObjectStoreException("'" + config.region() + "' is not a valid S3 region. Check " + REGION + ".");
        }
        return builder.build();
    }

    private static String required(Optional<String> value, String setting) {
        return value.filter(v -> !v.isBlank()).orElseThrow(() -> new ObjectStoreException(
                "The S3 object store needs " + setting + " (stoa.storage.type is s3)."));
    }

    private static Dispatcher dispatcher() {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(MAX_CONCURRENT_CALLS);
        dispatcher.setMaxRequestsPerHost(MAX_CONCURRENT_CALLS);
        return dispatcher;
    }
}
