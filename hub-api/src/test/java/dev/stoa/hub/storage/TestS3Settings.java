package dev.stoa.hub.storage;

import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.testing.RandomText;
import dev.stoa.hub.testing.S3ProxyServer;

import java.util.Optional;

/** {@code stoa.storage.s3.*} as a test writes them. */
record TestS3Settings(Optional<String> endpoint, Optional<String> publicEndpoint, String region, String bucket,
                      Optional<String> accessKey, Optional<String> secretKey, boolean pathStyle)
        implements StoaConfig.S3 {

    /** Settings for a fresh random bucket on {@code server}. */
    static TestS3Settings of(S3ProxyServer server) {
        return new TestS3Settings(Optional.of(server.endpoint()), Optional.empty(), "us-east-1", randomBucket(),
                Optional.of(server.accessKey()), Optional.of(server.secretKey()), true);
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
