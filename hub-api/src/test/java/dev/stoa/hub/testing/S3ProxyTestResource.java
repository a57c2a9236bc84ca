package dev.stoa.hub.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Runs Stoa on S3: the shared {@link S3ProxyServer} and a fresh random bucket, which Stoa creates at
 * start-up. Read the bucket's name from {@code stoa.storage.s3.bucket}.
 */
public class S3ProxyTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        S3ProxyServer s3 = S3ProxyServer.shared();
        return Map.of(
                "stoa.storage.type", "s3",
                "stoa.storage.s3.endpoint", s3.endpoint(),
                "stoa.storage.s3.access-key", s3.accessKey(),
                "stoa.storage.s3.secret-key", s3.secretKey(),
                "stoa.storage.s3.bucket", "stoa-app-" + RandomText.lowercase(12));
    }

    @Override
    public void stop() {
        // The shared server serves the whole test JVM and stops with it.
    }
}
