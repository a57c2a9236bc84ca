package dev.stoa.hub.storage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The default application: the local store under the data folder. */
@QuarkusTest
class ObjectStoreHealthTest {

    @Test
    void readinessReportsTheLocalStore() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'object-store' }.status", is("UP"));
    }
}
