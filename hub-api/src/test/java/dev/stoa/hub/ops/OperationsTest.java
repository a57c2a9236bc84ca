package dev.stoa.hub.ops;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

@QuarkusTest
class OperationsTest {

    @Test
    void readinessChecksTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void everyResponseCarriesARequestId() {
        given().get("/").then().header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
        given().get("/q/health/live").then().header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
        given().get("/api/v1/tokens").then().statusCode(401).header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
        given().header("X-Request-Id", "client-chosen-id-123").get("/")
                .then().header("X-Request-Id", equalTo("client-chosen-id-123"));
        given().header("X-Request-Id", "bad\tid").get("/")
                .then().header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void prometheusMetricsAndOpenApiAreServed() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("# TYPE"));
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/tokens"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void hfRoutesAnswerErrorsWithHeadersAndStoaRoutesWithProblemJson() {
        given().get("/api/whoami-v2").then().statusCode(401)
                .header("X-Error-Code", equalTo("Unauthorized"))
                .body("error", containsString("Bearer"));
        given().get("/api/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("instance", equalTo("/api/v1/nothing-here"));
    }
}
