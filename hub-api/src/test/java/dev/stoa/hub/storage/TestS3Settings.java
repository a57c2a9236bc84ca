package dev.stoa.hub.storage;

import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.testing.RandomText;
import dev.stoa.hub.testing.S3ProxyServer;

import java.util.Optional;

/** {@code stoa.storage.s3.*} as a test writes them. */
public record TestS3Settings(Optional<String> endpoint, Optional<String> publicEndpoint, String region, String bucket,
                      Optional<String> accessKey, Optional<String> secretKey, boolean pathStyle)
        implements StoaConfig.S3 {

    /** Settings for a fresh random bucket on {@code server}. */
    static TestS3Settings of(S3ProxyServer server) {
        return of(server.endpoint(), server.accessKey(), server.secretKey(), randomBucket());
    }

    /** Settings for {@code bucket} on the S3 server at {@code endpoint}. */
    public static TestS3Settings of(String endpoint, String accessKey, String secretKey, String bucket) {
        return new TestS3Settings(Optional.of(endpoint), Optional.empty(), "us-east-1", bucket,
                Optional.of(accessKey), Optional.of(secretKey), true);
    }

    static String randomBucket() {
        return "stoa-test-" + RandomText.lowercase(12);
    }

    TestS3Settings withEndpoint(String value) {
        return new TestS3Settings(Optional.ofNullable(value), publicEndpoint, region, bucket, accessKey, secretKey,
                pathStyle);
    }

    TestS3Settings withPublicEndpoint(String value) {
        return new TestS3Settings(endpoint, Optional.of(value), region, bucket, accessKey, secretKey, pathStyle);
    }

    TestS3Settings withBucket(String value) {
        return new TestS3Settings(endpoint, publicEndpoint, region, value, accessKey, secretKey, pathStyle);
    }

    TestS3Settings withSecretKey(String value) {
        return new TestS3Settings(endpoint, publicEndpoint, region, bucket, accessKey, Optional.ofNullable(value),
                pathStyle);
    }
}
