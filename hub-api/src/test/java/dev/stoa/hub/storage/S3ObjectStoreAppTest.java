package dev.stoa.hub.storage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import dev.stoa.hub.testing.S3ProxyServer;
import dev.stoa.hub.testing.OnS3;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The whole application with {@code stoa.storage.type=s3}, against S3Proxy. */
@QuarkusTest
@TestProfile(OnS3.class)
class S3ObjectStoreAppTest {

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
