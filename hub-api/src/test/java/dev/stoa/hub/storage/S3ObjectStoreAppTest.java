package dev.stoa.hub.storage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import dev.stoa.hub.testing.S3ProxyServer;
import dev.stoa.hub.testing.S3ProxyTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.List;

/** The whole application with {@code stoa.storage.type=s3}, against S3Proxy. */
@QuarkusTest
@TestProfile(S3ObjectStoreAppTest.OnS3.class)
class S3ObjectStoreAppTest {

    public static class OnS3 implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(S3ProxyTestResource.class));
        }
    }

    @ConfigProperty(name = "stoa.storage.s3.bucket")
    String bucket;

    @Test
    void startUpCreatesTheBucketAndReadinessReportsTheStore() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.find { it.name == 'object-store' }.status", is("UP"));

        assertThat(S3ProxyServer.shared().bucketExists(bucket)).isTrue();
    }
}
