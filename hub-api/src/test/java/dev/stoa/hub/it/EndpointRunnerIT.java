package dev.stoa.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.stoa.hub.bench.BenchClient;
import dev.stoa.hub.testing.RandomText;
import dev.stoa.hub.testing.StoaProcess;
import dev.stoa.spi.testkit.TinyModel;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAI-compatible endpoint runner against a real OpenAI-compatible server on loopback: a second Stoa process
 * serving a tiny model with its CPU runner. Through the first Stoa, as an external model, the answers — whole,
 * streamed, and lm-evaluation-harness's log-probability requests — are the upstream's own; a refusal keeps its status
 * and reason; an upstream that went away is a 502 that says so.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class EndpointRunnerIT {

    private static final List<Integer> TOKENS = List.of(1, 300, 259, 290, 45, 363, 7);

    @Test
    void aSecondStoaAnswersThroughTheFirstAsAnExternalModel(@TempDir Path tmp) throws Exception {
        String token = "stoa_" + RandomText.alphanumeric(40);
        Map<String, String> env = new HashMap<>();
        env.put("STOA_ADMIN_TOKEN", token);
        env.put("STOA_INFERENCE_QUEUE_TIMEOUT", "PT2M");
        try (StoaProcess upstream = StoaProcess.start(tmp.resolve("upstream"), env).awaitReady();
             StoaProcess gateway = StoaProcess.start(tmp.resolve("gateway"), env).awaitReady()) {
            String model = new BenchClient(upstream.baseUri(), token).publishFolder("tiny",
                    TinyModel.llama(81).writeTo(tmp.resolve("model")));
            String base = upstream.baseUri().resolve("/v1").toString();
            gateway.as(token).contentType(ContentType.JSON).body(Map.of("provider", "Upstream Stoa", "baseUrl", base,
                    "model", model, "apiKey", token)).put("/api/v1/external-models/upstream").then().statusCode(201);

            Map<String, Object> chat = Map.of("model", model, "max_tokens", 12, "temperature", 0,
                    "messages", List.of(Map.of("role", "user", "content", "Tell me something")));
            String direct = upstream.as(token).contentType(ContentType.JSON).body(chat).post("/v1/chat/completions")
                    .then().statusCode(200).extract().path("choices[0].message.content");
            Map<String, Object> external = new HashMap<>(chat);
            external.put("model", "external/upstream");
            Response through = gateway.as(token).contentType(ContentType.JSON).body(external).post("/v1/chat/completions");
            through.then().statusCode(200).header("X-Stoa-Runner", "openai-endpoint/endpoint")
                    .body("model", equalTo("external/upstream"));
            assertThat(through.jsonPath().getString("choices[0].message.content")).isEqualTo(direct).isNotEmpty();

            external.put("stream", true);
            external.put("stream_options", Map.of("include_usage", true));
            String streamed = gateway.as(token).contentType(ContentType.JSON).body(external).post("/v1/chat/completions")
                    .then().statusCode(200).contentType(containsString("text/event-stream")).extract().asString();
            StringBuilder text = new StringBuilder();
            int usage = -1;
            for (String event : streamed.split("\n\n")) {
                assertThat(event).startsWith("data: ");
                String data = event.substring(6);
                if (!data.equals("[DONE]")) {
                    JsonPath chunk = new JsonPath(data);
                    assertThat(chunk.getString("model")).isEqualTo("external/upstream");
                    String delta = chunk.getString("choices[0].delta.content");
                    text.append(delta == null ? "" : delta);
                    if (chunk.get("usage") != null) {
                        usage = chunk.getInt("usage.completion_tokens");
                    }
                }
            }
            assertThat(streamed.strip()).endsWith("data: [DONE]");
            assertThat(text.toString()).isEqualTo(direct);
            assertThat(usage).isPositive();

            // lm-evaluation-harness's loglikelihood request, forwarded: the upstream's numbers, unchanged.
            Map<String, Object> loglikelihood = Map.of("model", model, "prompt", TOKENS, "max_tokens", 1,
                    "logprobs", 1, "echo", true, "temperature", 0);
            List<Float> upstreamLogprobs = upstream.as(token).contentType(ContentType.JSON).body(loglikelihood)
                    .post("/v1/completions").then().statusCode(200).extract().path("choices[0].logprobs.token_logprobs");
            Map<String, Object> forwarded = new HashMap<>(loglikelihood);
            forwarded.put("model", "external/upstream");
            List<Float> gatewayLogprobs = gateway.as(token).contentType(ContentType.JSON).body(forwarded)
                    .post("/v1/completions").then().statusCode(200).extract().path("choices[0].logprobs.token_logprobs");
            // The engine's threads may sum in another order from one run to the next: equal to float precision.
            assertThat(gatewayLogprobs).hasSize(TOKENS.size() + 1);
            assertThat(gatewayLogprobs.getFirst()).isNull();
            for (int i = 1; i < gatewayLogprobs.size(); i++) {
                assertThat(gatewayLogprobs.get(i)).as("position %d", i)
                        .isCloseTo(upstreamLogprobs.get(i), org.assertj.core.data.Percentage.withPercentage(1e-3));
            }

            forwarded.put("prompt", List.of(1, 999_999));
            gateway.as(token).contentType(ContentType.JSON).body(forwarded).post("/v1/completions").then().statusCode(400)
                    .body("error.message", containsString("outside the model's vocabulary"));

            upstream.stop();
            gateway.as(token).contentType(ContentType.JSON).body(external).post("/v1/chat/completions").then()
                    .statusCode(502).body("error.message", containsString("cannot be reached"));
        }
    }
}
