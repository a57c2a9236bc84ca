package dev.stoa.hub.evaluation;

import static io.restassured.RestAssured.given;
import static dev.stoa.hub.evaluation.EvaluationCalls.finished;
import static dev.stoa.hub.evaluation.EvaluationCalls.start;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.openai.TinyModelRepos;
import dev.stoa.hub.repo.TestRepos;
import dev.stoa.spi.testkit.TinyModel;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * One task run on a base model, its LoRA adapter and an external model (the OpenAI-compatible runner pointed at Stoa's
 * own gateway, serving the same base), side by side on one leaderboard; a private model's result stays with those who
 * can read it.
 */
@QuarkusTest
class LeaderboardApiTest {

    private static final TinyModel MODEL = TinyModel.llama(53);
    private static final String TASK = """
            task: tiny_pick
            dataset_path: %s
            output_type: multiple_choice
            test_split: test
            doc_to_text: "Q: {{question}}="
            doc_to_target: "{{label}}"
            doc_to_choice: "{{choices}}"
            """;

    @Test
    void aBaseItsAdapterAndAnExternalModelShareOneBoard() throws Exception {
        TestRepos.Owned base = TestRepos.newRepo("model", false);
        TinyModelRepos.publish(base, MODEL);
        TestRepos.Owned adapter = TestRepos.newRepo("model", false);
        TinyModelRepos.publish(adapter, MODEL.lora(7, 4, 8, false, "q_proj", "v_proj"), base.id());
        TestRepos.Owned hidden = TestRepos.newRepo("model", true);
        TinyModelRepos.publish(hidden, MODEL);
        TestRepos.Owned dataset = TestRepos.newRepo("dataset", false);
        StringBuilder docs = new StringBuilder();
        String[][] items = {{"1+1", "2", "3"}, {"2+5", "9", "7"}, {"4-1", "3", "1"}, {"6+2", "5", "8"}, {"9-9", "0", "4"}};
        int[] labels = {0, 1, 0, 1, 0};
        for (int i = 0; i < items.length; i++) {
            docs.append(EvaluationRuns.JSON.writeValueAsString(Map.of("question", items[i][0],
                    "choices", List.of(items[i][1], items[i][2]), "label", labels[i]))).append('\n');
        }
        TestRepos.commit(dataset, "main", TestRepos.ndjson("Task").file("test.jsonl", docs.toString())
                .file("pick.yaml", TASK.formatted(dataset.id())));
        String external = TestAccounts.randomName("closed");
        given().auth().oauth2(TestAccounts.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("provider", "Loopback Stoa", "baseUrl", "http://127.0.0.1:" + RestAssured.port + "/v1",
                        "model", base.id(), "apiKey", TestAccounts.tokenOf(base.user(), "read")))
                .put("/api/v1/external-models/" + external).then().statusCode(201);
        try {
            String user = TestAccounts.tokenOf(TestAccounts.newUser(), "read");
            String task = dataset.id() + "/tiny_pick";
            for (String model : List.of(base.id(), adapter.id(), "external/" + external)) {
                JsonPath run = finished(user, start(user, model, task));
                assertThat(run.getString("status")).as(run.prettify()).isEqualTo("succeeded");
            }
            JsonPath hiddenRun = finished(hidden.token(), start(hidden.token(), hidden.id(), task));
            assertThat(hiddenRun.getString("status")).isEqualTo("failed"); // private: no deployment, not on demand

            JsonPath board = given().auth().oauth2(user).get("/api/v1/leaderboards/" + task).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(board.getString("metric")).isEqualTo("acc");
            assertThat(board.getList("entries.model")).containsExactlyInAnyOrder(base.id(), adapter.id(),
                    "external/" + external);
            Map<String, Object> baseEntry = entry(board, base.id());
            Map<String, Object> adapterEntry = entry(board, adapter.id());
            Map<String, Object> externalEntry = entry(board, "external/" + external);
            assertThat(adapterEntry).containsEntry("kind", "adapter").containsEntry("base", base.id());
            assertThat(((Number) adapterEntry.get("deltaToBase")).doubleValue()).isCloseTo(
                    ((Number) adapterEntry.get("value")).doubleValue() - ((Number) baseEntry.get("value")).doubleValue(),
                    Offset.offset(1e-6));
            assertThat(((Number) baseEntry.get("parameters")).longValue()).isEqualTo(MODEL.parameters());
            // The external model serves the same weights through the OpenAI-compatible API: the same score.
            assertThat(externalEntry).containsEntry("kind", "external");
            assertThat(((Number) externalEntry.get("value")).doubleValue())
                    .isCloseTo(((Number) baseEntry.get("value")).doubleValue(), Offset.offset(1e-6));
            assertThat(externalEntry.get("run").toString()).startsWith("/api/v1/evaluations/");

            // Filters: a licence the external model does not declare, a size no model has.
            assertThat(given().auth().oauth2(user).queryParam("license", "mit").get("/api/v1/leaderboards/" + task)
                    .then().statusCode(200).extract().jsonPath().getList("entries.model"))
                    .containsExactlyInAnyOrder(base.id(), adapter.id());
            assertThat(given().auth().oauth2(user).queryParam("maxParameters", 10).get("/api/v1/leaderboards/" + task)
                    .then().statusCode(200).extract().jsonPath().getList("entries")).isEmpty();
            given().auth().oauth2(user).queryParam("maxParameters", "lots").get("/api/v1/leaderboards/" + task)
                    .then().statusCode(400);
            given().auth().oauth2(user).queryParam("metric", "bleu").get("/api/v1/leaderboards/" + task)
                    .then().statusCode(400);
            // Anonymous visitors see the open models, not the external model someone else ran.
            assertThat(given().get("/api/v1/leaderboards/" + task).then().statusCode(200).extract().jsonPath()
                    .getList("entries.model")).containsExactlyInAnyOrder(base.id(), adapter.id());

            String svg = given().auth().oauth2(user).get("/api/v1/leaderboards/" + task + "/chart.svg").then()
                    .statusCode(200).contentType("image/svg+xml").extract().asString();
            assertThat(svg).startsWith("<svg").contains(base.id(), adapter.id(), "stroke-dasharray")
                    .contains("Size unknown: external/" + external).contains("/api/v1/evaluations/");
            given().auth().oauth2(user).get("/api/v1/leaderboards/" + dataset.user() + "/no-such-dataset/tiny_pick")
                    .then().statusCode(404);
            given().get("/api/v1/leaderboards/" + dataset.user() + "/no-such-dataset/tiny_pick").then().statusCode(401);
        } finally {
            given().auth().oauth2(TestAccounts.ADMIN_TOKEN).delete("/api/v1/external-models/" + external).then()
                    .statusCode(204);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> entry(JsonPath board, String model) {
        return (Map<String, Object>) board.getList("entries", Map.class).stream()
                .filter(e -> model.equals(e.get("model"))).findFirst().orElseThrow();
    }


}
