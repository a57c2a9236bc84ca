package dev.stoa.hub.evaluation;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Starting an evaluation through the API and waiting for it to end, as a script would. */
final class EvaluationCalls {

    private EvaluationCalls() {
    }

    /** Starts a run (202) and returns its id. */
    static String start(String token, String model, String task) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("model", model, "task", task))
                .post("/api/v1/evaluations").then().statusCode(202).extract().jsonPath().getString("id");
    }

    /** The run once it has ended (or as it is after three minutes). */
    static JsonPath finished(String token, String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (true) {
            JsonPath run = given().auth().oauth2(token).get("/api/v1/evaluations/" + id).then().statusCode(200)
                    .extract().jsonPath();
            if (List.of("succeeded", "failed", "cancelled").contains(run.getString("status"))
                    || Instant.now().isAfter(deadline)) {
                return run;
            }
            Thread.sleep(200);
        }
    }
}
