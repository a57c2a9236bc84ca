package dev.stoa.hub.openai;

import static dev.stoa.hub.identity.TestAccounts.ADMIN_TOKEN;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.identity.TestOrgs;
import dev.stoa.hub.repo.TestRepos;
import dev.stoa.spi.testkit.TinyModel;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * External models and the OpenAI-compatible endpoint runner, against real OpenAI-compatible servers on loopback:
 * this Stoa's own gateway serving a tiny model with the CPU runner (the answers must equal the server's when called
 * directly, streamed or not), and, for the failures a real server shows only by accident, a small JDK HTTP server that
 * answers 500, hangs, or records what Stoa sent it.
 */
@QuarkusTest
class ExternalModelsTest {

    private static final TinyModel MODEL = TinyModel.llama(51);
    private static HttpServer fake;
    private static final List<String> fakeSawAuthorization = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startFake() throws IOException {
        fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fake.createContext("/v1/models", exchange -> {
            fakeSawAuthorization.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            if (!exchange.getRequestURI().getPath().equals("/v1/models")) {
                answer(exchange, 404, "{\"error\":{\"message\":\"no such model\"}}");
                return;
            }
            answer(exchange, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"slow\"},{\"id\":\"broken\"}]}");
        });
        fake.createContext("/v1/chat/completions", exchange -> {
            fakeSawAuthorization.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (body.contains("\"broken\"")) {
                answer(exchange, 500, "{\"error\":{\"message\":\"CUDA out of memory\"}}");
                return;
            }
            try {
                Thread.sleep(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200, "{}");
        });
        fake.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        fake.start();
    }

    /** Registrations are Stoa-wide: leave none behind for the tests that list models. */
    @org.junit.jupiter.api.AfterEach
    void removeRegistrations() {
        List<String> names = given().auth().oauth2(ADMIN_TOKEN).get("/api/v1/external-models").then().statusCode(200)
                .extract().path("models.name");
        for (String name : names) {
            given().auth().oauth2(ADMIN_TOKEN).delete("/api/v1/external-models/" + name).then().statusCode(204);
        }
    }

    @AfterAll
    static void stopFake() {
        fake.stop(0);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String loopback() {
        return "http://127.0.0.1:" + RestAssured.port + "/v1";
    }

    private static Response register(String token, String name, Map<String, Object> registration) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(registration)
                .put("/api/v1/external-models/" + name);
    }

    private static Response chat(String token, String model, boolean stream) {
        Map<String, Object> body = new HashMap<>();
        body.put("model", model);
        body.put("messages", List.of(Map.of("role", "user", "content", "Say something")));
        body.put("max_tokens", 8);
        body.put("temperature", 0);
        body.put("stream", stream);
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/v1/chat/completions");
    }

    /** The text of a streamed chat answer, from its deltas; checks the SSE framing on the way. */
    private static String streamedText(Response streamed) {
        String raw = streamed.then().statusCode(200).contentType(containsString("text/event-stream")).extract().asString();
        List<String> events = new ArrayList<>();
        for (String block : raw.split("\n\n")) {
            if (!block.isBlank()) {
                assertThat(block).startsWith("data: ");
                events.add(block.substring("data: ".length()));
            }
        }
        assertThat(events.getLast()).isEqualTo("[DONE]");
        StringBuilder text = new StringBuilder();
        for (String event : events.subList(0, events.size() - 1)) {
            JsonPath chunk = new JsonPath(event);
            String delta = chunk.getString("choices[0].delta.content");
            if (delta != null) {
                text.append(delta);
            }
        }
        return text.toString();
    }

    @Test
    void aClosedModelIsCalledListedAndStreamedLikeAnOpenOne() {
        String tinyChat = TestAccounts.randomName("tinychat");

        TestRepos.Owned upstream = TestRepos.newRepo("model", false);
        TinyModelRepos.publish(upstream, MODEL);
        String upstreamKey = TestAccounts.tokenOf(upstream.user(), "read");
        Response registered = register(ADMIN_TOKEN, tinyChat, Map.of("provider", "Loopback Stoa",
                "baseUrl", loopback(), "model", upstream.id(), "apiKey", upstreamKey, "description", "For the tests"));
        registered.then().statusCode(201).body("id", equalTo("external/" + tinyChat)).body("hasApiKey", equalTo(true))
                .body("baseUrl", equalTo(loopback()));
        assertThat(registered.asString()).doesNotContain(upstreamKey);

        String user = TestAccounts.tokenOf(TestAccounts.newUser(), "read");
        JsonPath listed = given().auth().oauth2(user).get("/api/v1/external-models").then().statusCode(200).extract().jsonPath();
        assertThat(listed.getString("models.find { it.id == '" + "external/" + tinyChat + "' }.provider")).isEqualTo("Loopback Stoa");
        assertThat(listed.getString("models.find { it.id == '" + "external/" + tinyChat + "' }.baseUrl")).isNull();
        // The portal lists it as external, with its provider.
        String viewer = TestAccounts.newUser();
        String portal = dev.stoa.hub.web.PortalForms.signIn(viewer).page().get("/deployments").then().statusCode(200)
                .extract().asString();
        assertThat(portal).contains("data-external=\"external/" + tinyChat + "\"><span class=\"badge info\">external</span>")
                .contains("Loopback Stoa");
        JsonPath models = given().auth().oauth2(user).get("/v1/models").then().statusCode(200).extract().jsonPath();
        assertThat(models.getBoolean("data.find { it.id == '" + "external/" + tinyChat + "' }.external")).isTrue();
        assertThat(models.getString("data.find { it.id == '" + "external/" + tinyChat + "' }.provider")).isEqualTo("Loopback Stoa");

        // The same greedy answer through Stoa as from the server itself, whole and streamed.
        String direct = chat(upstreamKey, upstream.id(), false).then().statusCode(200).extract().path("choices[0].message.content");
        Response through = chat(user, "external/" + tinyChat, false);
        through.then().statusCode(200).header("X-Stoa-Runner", "openai-endpoint/endpoint")
                .body("model", equalTo("external/" + tinyChat));
        assertThat(through.jsonPath().getString("choices[0].message.content")).isEqualTo(direct).isNotEmpty();
        assertThat(through.jsonPath().getInt("usage.completion_tokens")).isPositive();
        assertThat(streamedText(chat(user, "external/" + tinyChat, true))).isEqualTo(direct);

        // A refusal that is the client's to fix keeps its status and the server's reason.
        given().auth().oauth2(user).contentType(ContentType.JSON).body(Map.of("model", "external/" + tinyChat,
                "prompt", List.of(1, 999_999), "max_tokens", 1)).post("/v1/completions").then().statusCode(400)
                .body("error.message", containsString("answered HTTP 400"));

        // Only administrators register; nobody reads the key back, and the audit trail says only that there is one.
        register(user, "mine", Map.of("provider", "x", "baseUrl", loopback(), "model", "m")).then().statusCode(403);
        JsonPath audit = given().auth().oauth2(ADMIN_TOKEN).queryParam("target", "external/" + tinyChat)
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
        assertThat(audit.getList("events.action")).contains("external-model.created");
        assertThat(audit.prettify()).doesNotContain(upstreamKey).contains("\"apiKey\": \"set\"");
        given().get("/api/v1/external-models").then().statusCode(401);
        given().auth().oauth2(user).contentType(ContentType.JSON).body(Map.of("model", "external/nothing", "prompt", "x"))
                .post("/v1/completions").then().statusCode(404);

        given().auth().oauth2(ADMIN_TOKEN).delete("/api/v1/external-models/" + tinyChat).then().statusCode(204);
        chat(user, "external/" + tinyChat, false).then().statusCode(404);
    }

    @Test
    void upstreamFailuresAreExplainedAndTheKeyGoesOnlyUpstream() {
        String fakeBroken = TestAccounts.randomName("fakebroken");
        String fakeSlow = TestAccounts.randomName("fakeslow");
        String fakeMissing = TestAccounts.randomName("fakemissing");
        String wrongKey = TestAccounts.randomName("wrongkey");

        register(ADMIN_TOKEN, fakeBroken, Map.of("provider", "Fake", "baseUrl",
                "http://127.0.0.1:" + fake.getAddress().getPort() + "/v1", "model", "broken", "apiKey", "sk-test-upstream"))
                .then().statusCode(201);
        String user = TestAccounts.newUser();
        String token = TestAccounts.tokenOf(user, "read");
        chat(token, "external/" + fakeBroken, false).then().statusCode(502).body("error.message", containsString("CUDA out of memory"));
        assertThat(fakeSawAuthorization).isNotEmpty().containsOnly("Bearer sk-test-upstream");

        register(ADMIN_TOKEN, fakeSlow, Map.of("provider", "Fake", "baseUrl",
                "http://127.0.0.1:" + fake.getAddress().getPort() + "/v1", "model", "slow", "timeoutSeconds", 3))
                .then().statusCode(201);
        chat(token, "external/" + fakeSlow, false).then().statusCode(504).body("error.message", containsString("3 s"));

        // A name the server does not serve, a refused key: the reason, not a generic failure.
        register(ADMIN_TOKEN, fakeMissing, Map.of("provider", "Fake", "baseUrl",
                "http://127.0.0.1:" + fake.getAddress().getPort() + "/v1", "model", "gpt-9")).then().statusCode(201);
        chat(token, "external/" + fakeMissing, false).then().statusCode(502)
                .body("error.message", containsString("does not serve gpt-9"));
        TestRepos.Owned upstream = TestRepos.newRepo("model", false);
        TinyModelRepos.publish(upstream, MODEL);
        register(ADMIN_TOKEN, wrongKey, Map.of("provider", "Loopback Stoa", "baseUrl", loopback(), "model",
                upstream.id(), "apiKey", "stoa_NotAToken00000000000000000000000000")).then().statusCode(201);
        chat(token, "external/" + wrongKey, false).then().statusCode(502).body("error.message", containsString("refused the API key"));

        // Bad registrations are refused with the field.
        register(ADMIN_TOKEN, "Bad Name", Map.of("provider", "x", "baseUrl", loopback(), "model", "m")).then().statusCode(400);
        register(ADMIN_TOKEN, "nourl", Map.of("provider", "x", "baseUrl", "ftp://host/v1", "model", "m")).then()
                .statusCode(400).body("detail", containsString("http or https"));
        register(ADMIN_TOKEN, "creds", Map.of("provider", "x", "baseUrl", "https://u:p@host/v1", "model", "m")).then()
                .statusCode(400).body("detail", containsString("apiKey"));
        register(ADMIN_TOKEN, "extra", Map.of("provider", "x", "baseUrl", loopback(), "model", "m", "temperature", 1))
                .then().statusCode(400).body("detail", containsString("temperature"));
    }

    @Test
    void anOrganisationsExternalModelIsItsMembersAlone() {
        String orgOnly = TestAccounts.randomName("orgonly");

        String admin = TestAccounts.newUser();
        String org = TestOrgs.newOrg(admin);
        TestRepos.Owned upstream = TestRepos.newRepo("model", false);
        TinyModelRepos.publish(upstream, MODEL);
        register(ADMIN_TOKEN, orgOnly, Map.of("provider", "Loopback Stoa", "baseUrl", loopback(), "model",
                upstream.id(), "apiKey", upstream.token(), "organization", org)).then().statusCode(201);
        String member = TestAccounts.tokenOf(admin, "read");
        chat(member, "external/" + orgOnly, false).then().statusCode(200);
        String outsider = TestAccounts.tokenOf(TestAccounts.newUser(), "read");
        chat(outsider, "external/" + orgOnly, false).then().statusCode(404);
        assertThat(given().auth().oauth2(outsider).get("/v1/models").then().extract().jsonPath().getList("data.id"))
                .doesNotContain("external/" + orgOnly);
        given().auth().oauth2(outsider).get("/api/v1/external-models/" + orgOnly).then().statusCode(404);
    }

    @Test
    void aDeploymentServesAHostedModelFromAServerThatRunsAlready() {
        // The server: this Stoa, serving a copy of the model on demand; the deployment names it by the copy's name.
        TestRepos.Owned served = TestRepos.newRepo("model", false);
        TinyModelRepos.publish(served, MODEL);
        TestRepos.Owned hosted = TestRepos.newRepo("model", false);
        TinyModelRepos.publish(hosted, MODEL);
        Map<String, Object> deployment = Map.of("model", hosted.id(), "name", "on-vllm", "runner",
                "openai-endpoint/endpoint", "engineOptions", Map.of("base-url", loopback(), "model", served.id()));
        given().auth().oauth2(hosted.token()).contentType(ContentType.JSON).body(deployment).post("/api/v1/deployments")
                .then().statusCode(201);
        String direct = chat(served.token(), served.id(), false).then().statusCode(200).extract()
                .path("choices[0].message.content");
        Response through = null;
        for (int i = 0; i < 100; i++) {
            through = chat(hosted.token(), hosted.id(), false);
            if ((hosted.user() + "/on-vllm").equals(through.header("X-Stoa-Deployment"))) {
                break;
            }
            sleep();
        }
        through.then().statusCode(200).header("X-Stoa-Deployment", hosted.user() + "/on-vllm")
                .header("X-Stoa-Runner", "openai-endpoint/endpoint").body("model", equalTo(hosted.id()));
        assertThat(through.jsonPath().getString("choices[0].message.content")).isEqualTo(direct);

        // Without base-url the runner refuses the spec, with the option to set.
        Map<String, Object> missing = Map.of("model", hosted.id(), "name", "nowhere", "runner", "openai-endpoint/endpoint");
        given().auth().oauth2(hosted.token()).contentType(ContentType.JSON).body(missing).post("/api/v1/deployments")
                .then().statusCode(400).body("detail", containsString("base-url"));
        given().auth().oauth2(hosted.token()).delete("/api/v1/deployments/" + hosted.user() + "/on-vllm").then()
                .statusCode(204);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
