package dev.stoa.hub.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;

/**
 * The test profile of every {@code @QuarkusTest} that runs Stoa on S3 (S3Proxy, see {@link S3ProxyTestResource}).
 * One profile class for all of them, so Quarkus starts the S3-backed app once for the whole group.
 */
public class OnS3 implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(S3ProxyTestResource.class));
    }
}
