package dev.stoa.hub.evaluation;

import static io.restassured.RestAssured.given;
import static dev.stoa.hub.evaluation.EvaluationCalls.finished;
import static dev.stoa.hub.evaluation.EvaluationCalls.start;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.openai.TinyModelRepos;
import dev.stoa.hub.repo.TestRepos;
import dev.stoa.spi.testkit.ReferenceForward;
import dev.stoa.spi.testkit.TinyModel;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Evaluations through the API on a tiny generated model served by the CPU runner: the scores are checked against the
 * test kit's independent forward pass, computed here from the documents alone.
 */
@QuarkusTest
class EvaluationApiTest {

    private static final TinyModel MODEL = TinyModel.llama(31);
    private static final String[][] QUESTIONS = {
            {"3+4", "7", "8", "9"}, {"2+2", "4", "5", "1"}, {"9-3", "6", "2", "7"}, {"1+1", "2", "3", "8"},
            {"5+3", "8", "9", "0"}, {"7-2", "5", "6", "4"}};
    private static final int[] LABELS = {0, 1, 0, 2, 0, 1};

    private static final String MULTIPLE_CHOICE = """
            task: tiny_sums
            dataset_path: %s
            output_type: multiple_choice
            test_split: test
            doc_to_text: "Q: {{question}}="
            doc_to_target: "{{label}}"
            doc_to_choice: "{{choices}}"
            metric_list:
              - metric: acc
              - metric: acc_norm
            """;
    private static final String ROLLING = """
            task: tiny_text
            dataset_path: %s
            output_type: loglikelihood_rolling
            test_split: test
            doc_to_target: "Q: {{question}} = {{choices[label]}}"
            """;
    private static final String GENERATION = """
            task: tiny_echo
            dataset_path: %s
            output_type: generate_until
            test_split: test
            doc_to_text: "Q: {{question}}="
            doc_to_target: "{{answer}}"
            generation_kwargs:
              until: ["\\n\\n\\n"]
              max_gen_toks: 2
            """;

    @Test
    void aMultipleChoiceAndAGenerationTaskScoreAsTheReferenceComputes() throws Exception {
        TestRepos.Owned model = TestRepos.newRepo("model", false);
        TinyModelRepos.publish(model, MODEL);
        TestRepos.Owned dataset = TestRepos.newRepo("dataset", false);
        ReferenceForward reference = new ReferenceForward(MODEL);

        StringBuilder docs = new StringBuilder();
        double[] acc = new double[QUESTIONS.length];
        double[] accNorm = new double[QUESTIONS.length];
        int matching = 0;
        for (int d = 0; d < QUESTIONS.length; d++) {
            String[] q = QUESTIONS[d];
            double[] lls = new double[3];
            for (int c = 0; c < 3; c++) {
                lls[c] = continuationLogprob(reference, "Q: " + q[0] + "=", " " + q[c + 1]);
            }
            acc[d] = ReferenceForward.argmax(lls) == LABELS[d] ? 1 : 0;
            double[] normalised = {lls[0] / q[1].length(), lls[1] / q[2].length(), lls[2] / q[3].length()};
            accNorm[d] = ReferenceForward.argmax(normalised) == LABELS[d] ? 1 : 0;
            // The gold answer of the generation task: what greedy decoding gives for half the documents.
            String greedy = greedy(reference, "Q: " + q[0] + "=", 2);
            String answer = d % 2 == 0 ? greedy : "no such answer";
            matching += d % 2 == 0 ? 1 : 0;
            docs.append(EvaluationRuns.JSON.writeValueAsString(Map.of("question", q[0],
                    "choices", List.of(q[1], q[2], q[3]), "label", LABELS[d], "answer", answer))).append('\n');
        }
        TestRepos.commit(dataset, "main", TestRepos.ndjson("Tiny tasks")
                .file("README.md", "---\nlicense: mit\n---\n# Tiny sums\n")
                .file("data/test.jsonl", docs.toString())
                .file("tasks/sums.yaml", MULTIPLE_CHOICE.formatted(dataset.id()))
                .file("tasks/echo.yaml", GENERATION.formatted(dataset.id()))
                .file("tasks/text.yaml", ROLLING.formatted(dataset.id())));

        String reader = TestAccounts.tokenOf(TestAccounts.newUser(), "read");
        JsonPath mc = finished(reader, start(reader, model.id(), dataset.id() + "/tiny_sums"));
        assertThat(mc.getString("status")).as(mc.prettify()).isEqualTo("succeeded");
        assertThat(mc.getDouble("metrics.acc.value")).isCloseTo(mean(acc), Offset.offset(1e-6));
        assertThat(mc.getDouble("metrics.acc.stderr")).isCloseTo(stderr(acc), Offset.offset(1e-6));
        assertThat(mc.getDouble("metrics.acc_norm.value")).isCloseTo(mean(accNorm), Offset.offset(1e-6));
        assertThat(mc.getInt("progress.done")).isEqualTo(QUESTIONS.length);
        assertThat(mc.getString("record.model.commit")).hasSize(40);
        assertThat(mc.getString("record.task.sha256")).hasSize(64);
        assertThat(mc.getString("record.runner.runner")).isEqualTo("cpu-runner/cpu");

        String samples = given().auth().oauth2(reader).get(mc.getString("samples")).then().statusCode(200)
                .extract().asString();
        assertThat(samples.lines()).hasSize(QUESTIONS.length);
        JsonPath first = JsonPath.from(samples.lines().findFirst().orElseThrow());
        assertThat(first.getString("arguments[0][0]")).isEqualTo("Q: 3+4=");
        assertThat(first.getString("arguments[0][1]")).isEqualTo(" 7");

        JsonPath generation = finished(reader, start(reader, model.id(), dataset.id() + "/tiny_echo"));
        assertThat(generation.getString("status")).as(generation.prettify()).isEqualTo("succeeded");
        assertThat(generation.getDouble("metrics.exact_match.value"))
                .isCloseTo((double) matching / QUESTIONS.length, Offset.offset(1e-6));

        // Perplexities of whole texts, from the reference's log-likelihood of each text after the BOS token.
        double loglikelihood = 0;
        long words = 0;
        long bytes = 0;
        for (int d = 0; d < QUESTIONS.length; d++) {
            String text = "Q: " + QUESTIONS[d][0] + " = " + QUESTIONS[d][1 + LABELS[d]];
            List<Integer> tokens = new ArrayList<>(List.of(MODEL.bosId()));
            tokens.addAll(MODEL.encode(text));
            loglikelihood += reference.continuationLogprob(tokens, tokens.size() - 1);
            words += text.split("\\s+").length;
            bytes += text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        JsonPath rolling = finished(reader, start(reader, model.id(), dataset.id() + "/tiny_text"));
        assertThat(rolling.getString("status")).as(rolling.prettify()).isEqualTo("succeeded");
        double wordPerplexity = Math.exp(-loglikelihood / words);
        assertThat(rolling.getDouble("metrics.word_perplexity.value")).isCloseTo(wordPerplexity,
                Offset.offset(1e-4 * wordPerplexity));
        assertThat(rolling.getDouble("metrics.bits_per_byte.value")).isCloseTo(-loglikelihood / bytes / Math.log(2),
                Offset.offset(1e-4));

        // The same record again gives the same numbers.
        JsonPath again = finished(reader, start(reader, model.id() + "@" + mc.getString("record.model.commit"),
                dataset.id() + "/tiny_sums"));
        assertThat(again.getMap("metrics")).isEqualTo(mc.getMap("metrics"));
    }

    @Test
    void badRequestsAreRefusedWithWhatToFixAndPrivateRunsStayPrivate() throws Exception {
        TestRepos.Owned model = TestRepos.newRepo("model", true);
        TinyModelRepos.publish(model, MODEL);
        TestRepos.Owned dataset = TestRepos.newRepo("dataset", false);
        TestRepos.commit(dataset, "main", TestRepos.ndjson("Tasks")
                .file("data/test.jsonl", "{\"question\": \"1+1\", \"choices\": [\"2\", \"3\"], \"label\": 0}\n")
                .file("sums.yaml", MULTIPLE_CHOICE.formatted(dataset.id()))
                .file("odd.yaml", MULTIPLE_CHOICE.formatted(dataset.id()).replace("tiny_sums", "odd")
                        + "process_results: !function utils.process\n"));

        given().contentType(ContentType.JSON).body(Map.of("model", model.id(), "task", dataset.id() + "/tiny_sums"))
                .post("/api/v1/evaluations").then().statusCode(401);
        given().auth().oauth2(model.token()).contentType(ContentType.JSON)
                .body(Map.of("model", model.id(), "task", dataset.id() + "/odd")).post("/api/v1/evaluations")
                .then().statusCode(400).body("detail", org.hamcrest.Matchers.containsString("process_results"));
        given().auth().oauth2(model.token()).contentType(ContentType.JSON)
                .body(Map.of("model", model.id(), "task", dataset.id() + "/missing")).post("/api/v1/evaluations")
                .then().statusCode(404).body("detail", org.hamcrest.Matchers.containsString("task: missing"));
        given().auth().oauth2(model.token()).contentType(ContentType.JSON)
                .body(Map.of("model", model.id(), "task", "tiny_sums")).post("/api/v1/evaluations")
                .then().statusCode(400).body("detail", org.hamcrest.Matchers.containsString("<task name>"));
        given().auth().oauth2(model.token()).contentType(ContentType.JSON)
                .body(Map.of("model", model.id(), "task", dataset.id() + "/tiny_sums", "limit", 0))
                .post("/api/v1/evaluations").then().statusCode(400);

        String outsider = TestAccounts.tokenOf(TestAccounts.newUser(), "write");
        given().auth().oauth2(outsider).contentType(ContentType.JSON)
                .body(Map.of("model", model.id(), "task", dataset.id() + "/tiny_sums")).post("/api/v1/evaluations")
                .then().statusCode(404);
        // A private model runs on its own deployment, not on demand.
        String failed = start(model.token(), model.id(), dataset.id() + "/tiny_sums");
        assertThat(finished(model.token(), failed).getString("error")).contains("served by a deployment");
        String deployment = given().auth().oauth2(model.token()).contentType(ContentType.JSON)
                .body(Map.of("model", model.id(), "name", "evals")).post("/api/v1/deployments").then().statusCode(201)
                .extract().jsonPath().getString("id");
        String id;
        try {
            id = start(model.token(), model.id(), dataset.id() + "/tiny_sums");
            JsonPath run = finished(model.token(), id);
            assertThat(run.getString("status")).as(run.prettify()).isEqualTo("succeeded");
            assertThat(run.getString("record.runner.deployment")).isEqualTo(deployment);
        } finally {
            given().auth().oauth2(model.token()).delete("/api/v1/deployments/" + deployment).then().statusCode(204);
        }
        given().auth().oauth2(outsider).get("/api/v1/evaluations/" + id).then().statusCode(404);
        given().get("/api/v1/evaluations/" + id).then().statusCode(404);
        given().auth().oauth2(outsider).get("/api/v1/evaluations/" + id + "/samples").then().statusCode(404);
        given().auth().oauth2(outsider).post("/api/v1/evaluations/" + id + "/cancel").then().statusCode(404);
        assertThat(given().auth().oauth2(outsider).queryParam("task", dataset.id() + "/tiny_sums")
                .get("/api/v1/evaluations").then().statusCode(200).extract().jsonPath().getList("evaluations.id"))
                .doesNotContain(id);
        assertThat(given().auth().oauth2(model.token()).queryParam("model", model.id()).get("/api/v1/evaluations")
                .then().statusCode(200).extract().jsonPath().getList("evaluations.id")).contains(id);
        // On the task's leaderboard, the private model is its readers' alone.
        assertThat(given().auth().oauth2(model.token()).get("/api/v1/leaderboards/" + dataset.id() + "/tiny_sums")
                .then().statusCode(200).extract().jsonPath().getList("entries.model")).contains(model.id());
        assertThat(given().auth().oauth2(outsider).get("/api/v1/leaderboards/" + dataset.id() + "/tiny_sums")
                .then().statusCode(200).extract().jsonPath().getList("entries.model")).doesNotContain(model.id());
        assertThat(given().get("/api/v1/leaderboards/" + dataset.id() + "/tiny_sums/chart.svg").then().statusCode(200)
                .extract().asString()).doesNotContain(model.id());
        given().auth().oauth2(outsider).get("/api/v1/evaluations/" + id + "/every-eval-ever").then().statusCode(404);
        given().auth().oauth2(model.token()).post("/api/v1/evaluations/" + id + "/cancel").then().statusCode(409);
    }



    @Test
    void aResultIsPublishedByTheOwnersChoiceWithATokenAnyoneCanCheck() throws Exception {
        TestRepos.Owned model = TestRepos.newRepo("model", false);
        TinyModelRepos.publish(model, MODEL);
        TestRepos.Owned dataset = TestRepos.newRepo("dataset", false);
        TestRepos.commit(dataset, "main", TestRepos.ndjson("Task")
                .file("test.jsonl", "{\"question\": \"1+1\", \"choices\": [\"2\", \"3\"], \"label\": 0}\n")
                .file("sums.yaml", MULTIPLE_CHOICE.formatted(dataset.id())));
        String reader = TestAccounts.tokenOf(TestAccounts.newUser(), "write");
        String id = start(reader, model.id(), dataset.id() + "/tiny_sums");
        JsonPath run = finished(reader, id);
        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("succeeded");

        // The Every Eval Ever record: the schema's required parts, one result per metric with its error's method.
        JsonPath eee = given().auth().oauth2(reader).get("/api/v1/evaluations/" + id + "/every-eval-ever").then()
                .statusCode(200).extract().jsonPath();
        assertThat(eee.getString("schema_version")).isEqualTo("0.2.1");
        for (String required : List.of("evaluation_id", "retrieved_timestamp", "source_metadata.source_type",
                "source_metadata.source_organization_name", "source_metadata.evaluator_relationship",
                "model_info.name", "model_info.id", "eval_library.name", "eval_library.version")) {
            assertThat(eee.getString(required)).as(required).isNotBlank();
        }
        assertThat(eee.getString("source_metadata.evaluator_relationship")).isEqualTo("third_party");
        assertThat(eee.getList("evaluation_results.evaluation_name")).containsExactly("tiny_sums acc", "tiny_sums acc_norm");
        assertThat(eee.getDouble("evaluation_results[0].score_details.score")).isEqualTo(run.getDouble("metrics.acc.value"));
        assertThat(eee.getString("evaluation_results[0].score_details.uncertainty.standard_error.method")).isEqualTo("analytic");
        assertThat(eee.getString("evaluation_results[0].source_data.hf_repo")).isEqualTo(dataset.id());
        assertThat(eee.getBoolean("evaluation_results[0].metric_config.lower_is_better")).isFalse();
        given().get("/api/v1/evaluations/" + id + "/every-eval-ever").then().statusCode(200);

        // Never silently: someone who cannot commit there is refused, unless they offer a pull request.
        given().auth().oauth2(reader).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/evaluations/" + id + "/publish").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of()).post("/api/v1/evaluations/" + id + "/publish")
                .then().statusCode(401);
        JsonPath offered = given().auth().oauth2(reader).contentType(ContentType.JSON).body(Map.of("createPr", true))
                .post("/api/v1/evaluations/" + id + "/publish").then().statusCode(201).extract().jsonPath();
        assertThat(offered.getInt("pullRequest")).isPositive();
        assertThat(offered.getString("ref")).startsWith("refs/pr/");
        JsonPath published = given().auth().oauth2(model.token()).contentType(ContentType.JSON)
                .body(Map.of("metric", "acc_norm", "modelIndex", true)).post("/api/v1/evaluations/" + id + "/publish")
                .then().statusCode(201).extract().jsonPath();
        String file = ".eval_results/" + dataset.id().replace('/', '-') + "-tiny_sums.yaml";
        assertThat(published.getList("files")).containsExactly(file, "README.md");
        String token = published.getString("verifyToken");

        String yaml = given().get("/" + model.id() + "/resolve/main/" + file).then().statusCode(200).extract().asString();
        assertThat(yaml).contains("id: " + dataset.id()).contains("task_id: tiny_sums").contains("verifyToken: " + token)
                .contains("value: " + run.getString("metrics.acc_norm.value").substring(0, 3));
        String card = given().get("/" + model.id() + "/resolve/main/README.md").then().statusCode(200).extract().asString();
        assertThat(card).startsWith("---\n").contains("license: mit").contains("model-index:").contains("type: acc_norm")
                .contains("# Tiny");
        given().get("/api/models/" + model.id()).then().statusCode(200)
                .body("cardData.model-index[0].results[0].metrics[0].type", org.hamcrest.Matchers.equalTo("acc_norm"));

        JsonPath verified = given().contentType(ContentType.JSON).body(Map.of("token", token))
                .post("/api/v1/evaluations/verify").then().statusCode(200).extract().jsonPath();
        assertThat(verified.getBoolean("valid")).isTrue();
        assertThat(verified.getBoolean("matchesRun")).isTrue();
        assertThat(verified.getString("claims.metric")).isEqualTo("acc_norm");
        assertThat(verified.getString("claims.model")).isEqualTo(model.id() + "@" + run.getString("record.model.commit"));
        // A changed value no longer verifies.
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                java.nio.charset.StandardCharsets.UTF_8);
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(payload
                .replaceFirst("\"value\":[^,]+", "\"value\":0.99").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + token.substring(token.indexOf('.'));
        assertThat(given().contentType(ContentType.JSON).body(Map.of("token", forged)).post("/api/v1/evaluations/verify")
                .then().statusCode(200).extract().jsonPath().getBoolean("valid")).isFalse();
        given().contentType(ContentType.JSON).body(Map.of("token", 5)).post("/api/v1/evaluations/verify")
                .then().statusCode(400);
    }

    @Test
    void aRunIsCancelledByItsStarterAndAnUnfinishedRunHasNoResultsToExport() throws Exception {
        TestRepos.Owned model = TestRepos.newRepo("model", false);
        TinyModelRepos.publish(model, MODEL);
        TestRepos.Owned dataset = TestRepos.newRepo("dataset", false);
        StringBuilder docs = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            docs.append("{\"question\": \"").append(i).append("+1\", \"choices\": [\"2\", \"3\"], \"label\": 0}\n");
        }
        TestRepos.commit(dataset, "main", TestRepos.ndjson("Long task").file("test.jsonl", docs.toString())
                .file("sums.yaml", MULTIPLE_CHOICE.formatted(dataset.id())));
        String id = start(model.token(), model.id(), dataset.id() + "/tiny_sums");
        String other = TestAccounts.tokenOf(TestAccounts.newUser(), "read");
        given().auth().oauth2(other).post("/api/v1/evaluations/" + id + "/cancel").then().statusCode(403);
        given().post("/api/v1/evaluations/" + id + "/cancel").then().statusCode(401);
        given().auth().oauth2(model.token()).post("/api/v1/evaluations/" + id + "/cancel").then().statusCode(200);
        JsonPath run = finished(model.token(), id);
        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("cancelled");
        assertThat(run.getString("error")).contains("cancelled");
        assertThat(run.getInt("progress.done")).isLessThan(3000);
        given().auth().oauth2(model.token()).get("/api/v1/evaluations/" + id + "/every-eval-ever").then().statusCode(409);
        given().auth().oauth2(model.token()).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/evaluations/" + id + "/publish").then().statusCode(409);
        given().auth().oauth2(model.token()).post("/api/v1/evaluations/" + id + "/cancel").then().statusCode(409);
        given().auth().oauth2(model.token()).get("/api/v1/evaluations/not-a-run").then().statusCode(404);
    }

    /** The log-probability of {@code continuation} after BOS and {@code context}, as the reference scores it. */
    private static double continuationLogprob(ReferenceForward reference, String context, String continuation) {
        List<Integer> tokens = new ArrayList<>(List.of(MODEL.bosId()));
        tokens.addAll(MODEL.encode(context + continuation));
        return reference.continuationLogprob(tokens, tokens.size() - 1 - MODEL.encode(context).size());
    }

    /** What greedy decoding of {@code count} tokens after BOS and {@code context} gives, decoded. */
    private static String greedy(ReferenceForward reference, String context, int count) {
        List<Integer> tokens = new ArrayList<>(List.of(MODEL.bosId()));
        tokens.addAll(MODEL.encode(context));
        return MODEL.decode(reference.greedy(tokens, count));
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double stderr(double[] values) {
        double mean = mean(values);
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / (values.length - 1) / values.length);
    }
}
