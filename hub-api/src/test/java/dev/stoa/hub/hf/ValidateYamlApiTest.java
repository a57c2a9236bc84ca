package dev.stoa.hub.hf;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class ValidateYamlApiTest {

    @Test
    void aGoodCardHasNoWarnings() {
        validate("---\nlicense: mit\ntags:\n- a\nbase_model: x/y\nbase_model_relation: adapter\n---\n# Card\n", "model")
                .then().statusCode(200).contentType(ContentType.JSON).body("warnings", equalTo(List.of()));
        validate("# A card without metadata\n", "dataset").then().statusCode(200).body("warnings", equalTo(List.of()));
    }

    @Test
    void brokenYamlAndWrongTypesAreErrors() {
        validate("---\nlicense: [mit\n---\n", "model").then().statusCode(400).contentType(ContentType.JSON)
                .body("errors", hasSize(1)).body("errors[0].message", containsString("not valid YAML"));
        validate("---\ntags: one\nlicense:\n  name: mit\n---\n", "model").then().statusCode(400)
                .body("errors", hasSize(2)).body("errors.message[0]", containsString("\"license\" must be a string"));
    }

    @Test
    void anUnreadableRequestIsStillAnsweredInJson() {
        given().contentType(ContentType.JSON).body("not json").post("/api/validate-yaml").then().statusCode(400)
                .contentType(ContentType.JSON).body("errors[0].message", containsString("not JSON"));
        given().contentType(ContentType.JSON).body(Map.of("repoType", "model")).post("/api/validate-yaml").then()
                .statusCode(400).body("errors[0].message", containsString("content"));
    }

    private static io.restassured.response.Response validate(String content, String type) {
        return given().contentType(ContentType.JSON).body(Map.of("content", content, "repoType", type)).post("/api/validate-yaml");
    }
}
