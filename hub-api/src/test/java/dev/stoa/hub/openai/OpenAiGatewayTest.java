package dev.stoa.hub.openai;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.hub.gating.GatedRepos;
import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.moderation.Moderators;
import dev.stoa.hub.repo.TestRepos;
import dev.stoa.spi.testkit.ReferenceForward;
import dev.stoa.spi.testkit.TinyModel;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI-compatible gateway on a tiny model published through the Hugging Face API and served on demand by the
 * built-in CPU runner: the requests lm-evaluation-harness and OpenAI's clients send, the numbers against the test
 * kit's double-precision reference, streaming, and the repository's access rules.
 */
@QuarkusTest
class OpenAiGatewayTest {

    private static final TinyModel MODEL = TinyModel.llama(21);
    private static final List<Integer> TOKENS = List.of(1, 356, 259, 290, 260, 339, 7, 301, 45, 363, 300);
    private static TestRepos.Owned published;
    private TestRepos.Owned base;

    @BeforeEach
    void publish() {
        synchronized (OpenAiGatewayTest.class) {
            if (published == null) {
                published = TestRepos.newRepo("model", false);
                TinyModelRepos.publish(published, MODEL);
            }
            base = published;
        }
    }

    private static Response post(String token, String path, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(path);
    }

    @Test
    void lmEvalLoglikelihoodRequestsGetTheReferenceLogprobs() {
        String reader = TestAccounts.tokenOf(TestAccounts.newUser(), "read");
        Response answer = post(reader, "/v1/completions", Map.of("model", base.id(), "prompt", TOKENS, "temperature", 0,
                "max_tokens", 1, "logprobs", 1, "seed", 1234, "echo", true));
        answer.then().statusCode(200).header("X-Stoa-Runner", "cpu-runner/cpu");
        JsonPath json = answer.jsonPath();
        assertThat(json.getString("object")).isEqualTo("text_completion");
        assertThat(json.getString("model")).isEqualTo(base.id());
        List<Float> logprobs = json.getList("choices[0].logprobs.token_logprobs");
        assertThat(logprobs).hasSize(TOKENS.size() + 1);
        assertThat(logprobs.get(0)).isNull();
        double[][] reference = new ReferenceForward(MODEL).logprobs(TOKENS);
        for (int i = 1; i < TOKENS.size(); i++) {
            double expected = reference[i - 1][TOKENS.get(i)];
            assertThat(Math.abs(logprobs.get(i) - expected) / Math.abs(expected)).as("position %d", i).isLessThan(1e-4);
        }
        List<Object> tops = json.getList("choices[0].logprobs.top_logprobs");
        assertThat(tops.get(0)).isNull();
        assertThat((Map<?, ?>) tops.get(3)).isNotEmpty().hasSizeLessThanOrEqualTo(2);
        assertThat(json.getInt("usage.prompt_tokens")).isEqualTo(TOKENS.size());
        assertThat(json.getInt("usage.completion_tokens")).isEqualTo(1);

        // Batches of token-id prompts: one choice each, in order.
        JsonPath batch = post(reader, "/v1/completions", Map.of("model", base.id(), "prompt",
                List.of(TOKENS.subList(0, 4), TOKENS), "max_tokens", 0, "logprobs", 0, "echo", true))
                .then().statusCode(200).extract().jsonPath();
        assertThat(batch.getList("choices.index")).containsExactly(0, 1);
        assertThat(batch.getList("choices[0].logprobs.token_logprobs")).hasSize(4);
        assertThat((Float) batch.getList("choices[1].logprobs.token_logprobs").get(5))
                .isCloseTo(logprobs.get(5), org.assertj.core.data.Percentage.withPercentage(1e-3));

        // The model is listed once loaded.
        JsonPath models = given().auth().oauth2(reader).get("/v1/models").then().statusCode(200).extract().jsonPath();
        assertThat(models.getString("object")).isEqualTo("list");
        assertThat(models.getList("data.id")).contains(base.id());
    }

    @Test
    void chatStreamsTheTokensItAnswersWithoutStreaming() {
        Map<String, Object> request = Map.of("model", base.id(), "messages", List.of(Map.of("role", "user",
                "content", "the cat and")), "max_tokens", 10, "temperature", 0);
        JsonPath whole = post(base.token(), "/v1/chat/completions", request).then().statusCode(200).extract().jsonPath();
        assertThat(whole.getString("object")).isEqualTo("chat.completion");
        assertThat(whole.getString("choices[0].message.role")).isEqualTo("assistant");
        String content = whole.getString("choices[0].message.content");
        assertThat(whole.getInt("usage.completion_tokens")).isBetween(1, 10);

        Map<String, Object> streamed = new java.util.HashMap<>(request);
        streamed.put("stream", true);
        streamed.put("stream_options", Map.of("include_usage", true));
        Response sse = post(base.token(), "/v1/chat/completions", streamed);
        sse.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/event-stream"));
        List<String> events = new ArrayList<>();
        for (String line : sse.asString().split("\n")) {
            if (!line.isEmpty()) {
                assertThat(line).startsWith("data: ");
                events.add(line.substring(6));
            }
        }
        assertThat(events.getLast()).isEqualTo("[DONE]");
        StringBuilder text = new StringBuilder();
        List<JsonPath> chunks = events.subList(0, events.size() - 1).stream().map(JsonPath::from).toList();
        assertThat(chunks.getFirst().getString("choices[0].delta.role")).isEqualTo("assistant");
        for (JsonPath chunk : chunks) {
            assertThat(chunk.getString("object")).isEqualTo("chat.completion.chunk");
            String piece = chunk.getString("choices[0].delta.content");
            text.append(piece == null ? "" : piece);
        }
        assertThat(text.toString()).isEqualTo(content);
        assertThat(chunks.getLast().getInt("usage.total_tokens"))
                .isEqualTo(whole.getInt("usage.total_tokens"));
        assertThat(chunks.get(chunks.size() - 2).getString("choices[0].finish_reason"))
                .isEqualTo(whole.getString("choices[0].finish_reason"));
    }

    @Test
    void anAdapterIsServedOnItsBaseWithItsOwnNumbers() {
        TinyModel.Adapter lora = MODEL.lora(22, 4, 8, false, "q_proj", "v_proj", "down_proj");
        TestRepos.Owned adapter = TestRepos.newRepo("model", false);
        TinyModelRepos.publish(adapter, lora, base.id());
        JsonPath json = post(adapter.token(), "/v1/completions", Map.of("model", adapter.id(), "prompt", TOKENS,
                "max_tokens", 0, "logprobs", 0, "echo", true)).then().statusCode(200).extract().jsonPath();
        List<Float> logprobs = json.getList("choices[0].logprobs.token_logprobs");
        double[][] merged = new ReferenceForward(MODEL, lora).logprobs(TOKENS);
        for (int i = 1; i < TOKENS.size(); i++) {
            double expected = merged[i - 1][TOKENS.get(i)];
            assertThat(Math.abs(logprobs.get(i) - expected) / Math.abs(expected)).as("position %d", i).isLessThan(1e-4);
        }
        JsonPath models = given().auth().oauth2(adapter.token()).get("/v1/models").then().statusCode(200).extract().jsonPath();
        assertThat(models.getString("data.find { it.id == '" + adapter.id() + "' }.parent")).isEqualTo(base.id());
    }

    @Test
    void theRepositoryDecidesWhoMayRunAModel() {
        String stranger = TestAccounts.tokenOf(TestAccounts.newUser(), "read");
        Map<String, Object> ask = Map.of("model", base.id(), "prompt", "the", "max_tokens", 2);

        Response anonymous = given().contentType(ContentType.JSON).body(ask).post("/v1/completions");
        anonymous.then().statusCode(401);
        assertThat(anonymous.jsonPath().getString("error.type")).isEqualTo("authentication_error");
        assertThat(anonymous.jsonPath().getString("error.message")).contains("token");
        given().get("/v1/models").then().statusCode(401).body("error.type", org.hamcrest.Matchers.equalTo("authentication_error"));

        TestRepos.Owned hidden = TestRepos.newRepo("model", true);
        TinyModelRepos.publish(hidden, MODEL);
        Response missing = post(stranger, "/v1/completions", Map.of("model", hidden.id(), "prompt", "the"));
        missing.then().statusCode(404);
        assertThat(missing.jsonPath().getString("error.type")).isEqualTo("not_found_error");
        Response unknown = post(stranger, "/v1/completions", Map.of("model", hidden.id() + "-nope", "prompt", "the"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.jsonPath().getString("error.message"))
                .isEqualTo(missing.jsonPath().getString("error.message").replace(hidden.id(), hidden.id() + "-nope"));
        post(hidden.token(), "/v1/completions", Map.of("model", hidden.id(), "prompt", "the")).then().statusCode(400)
                .body("error.code", org.hamcrest.Matchers.equalTo("DeploymentRequired"));
        // Retrieving one model follows the same rules, and says why one that cannot run here does not.
        given().auth().oauth2(stranger).get("/v1/models/" + base.id()).then().statusCode(200)
                .body("id", org.hamcrest.Matchers.equalTo(base.id())).body("object", org.hamcrest.Matchers.equalTo("model"));
        given().auth().oauth2(stranger).get("/v1/models/" + hidden.id()).then().statusCode(404)
                .body("error.type", org.hamcrest.Matchers.equalTo("not_found_error"));
        given().auth().oauth2(hidden.token()).get("/v1/models/" + hidden.id()).then().statusCode(404)
                .body("error.message", org.hamcrest.Matchers.containsString("deployment"));
        given().get("/v1/models/" + base.id()).then().statusCode(401);

        TestRepos.Owned gated = TestRepos.newRepo("model", false);
        TinyModelRepos.publish(gated, MODEL);
        GatedRepos.setGated(gated, "manual");
        Response refused = post(stranger, "/v1/completions", Map.of("model", gated.id(), "prompt", "the"));
        refused.then().statusCode(403);
        assertThat(refused.jsonPath().getString("error.type")).isEqualTo("permission_error");

        // The owner's token limited to another repository sees the private model as missing, as downloads do.
        TestRepos.Owned other = new TestRepos.Owned(hidden.user(), hidden.token(),
                TestRepos.create(hidden.token(), hidden.user(), "model", false), "model");
        String limited = given().auth().preemptive().basic(hidden.user(), TestAccounts.PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("name", "limited", "scope", "read", "repositories", List.of(other.id())))
                .post("/api/v1/tokens").then().statusCode(201).extract().path("token");
        post(limited, "/v1/completions", Map.of("model", hidden.id(), "prompt", "the")).then().statusCode(404);

        TestRepos.Owned quarantined = TestRepos.newRepo("model", false);
        TinyModelRepos.publish(quarantined, MODEL);
        Moderators.quarantine(Moderators.newModerator().token(), "models", quarantined.id(),
                Map.of("reason", "Weights copied from a licensed model", "path", "model.safetensors")).then().statusCode(201);
        Response blocked = post(stranger, "/v1/completions", Map.of("model", quarantined.id(), "prompt", "the"));
        blocked.then().statusCode(403);
        assertThat(blocked.jsonPath().getString("error.message")).contains("Weights copied from a licensed model");
    }

    @Test
    void badRequestsNameTheParameterAndHowToFixIt() {
        String token = base.token();
        expectInvalid(post(token, "/v1/completions", Map.of("model", base.id(), "prompt", "x", "temperature", "hot")),
                "temperature");
        expectInvalid(post(token, "/v1/completions", Map.of("model", base.id(), "prompt", List.of(1, -4))), "prompt");
        expectInvalid(post(token, "/v1/completions", Map.of("model", base.id(), "prompt", List.of(1, 100000),
                "max_tokens", 1)), "prompt");
        expectInvalid(post(token, "/v1/chat/completions", Map.of("model", base.id(), "messages", List.of())), "messages");
        expectInvalid(post(token, "/v1/chat/completions", Map.of("model", base.id(), "messages",
                List.of(Map.of("role", "wizard", "content", "hi")))), "messages");
        expectInvalid(post(token, "/v1/completions", Map.of("prompt", "x")), "model");
        expectInvalid(post(token, "/v1/completions", Map.of("model", base.id(), "prompt", "x", "n", 99)), "n");
        // A refusal the engine makes once the stream has begun ends the stream with OpenAI's error object.
        String stream = post(token, "/v1/completions", Map.of("model", base.id(), "prompt", List.of(1, 100000),
                "stream", true)).then().statusCode(200).extract().asString();
        List<String> events = java.util.Arrays.stream(stream.split("\n\n")).map(e -> e.replaceFirst("^data: ", "")).toList();
        assertThat(events.getLast()).isEqualTo("[DONE]");
        JsonPath error = JsonPath.from(events.get(events.size() - 2));
        assertThat(error.getString("error.type")).isEqualTo("invalid_request_error");
        assertThat(error.getString("error.param")).isEqualTo("prompt");
        assertThat(error.getString("error.message")).contains("outside the model's vocabulary");
        Response notJson = given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"model\": ").post("/v1/completions");
        notJson.then().statusCode(400);
        assertThat(notJson.jsonPath().getString("error.message")).contains("not valid JSON");
    }

    private static void expectInvalid(Response response, String param) {
        response.then().statusCode(400);
        assertThat(response.jsonPath().getString("error.type")).isEqualTo("invalid_request_error");
        assertThat(response.jsonPath().getString("error.param")).isEqualTo(param);
        assertThat(response.jsonPath().getString("error.message")).isNotBlank();
    }
}
