package dev.stoa.hub.deployment;

import static dev.stoa.hub.identity.TestAccounts.ADMIN_TOKEN;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.identity.TestOrgs;
import dev.stoa.hub.openai.TinyModelRepos;
import dev.stoa.hub.repo.TestRepos;
import dev.stoa.spi.testkit.ReferenceForward;
import dev.stoa.spi.testkit.TinyModel;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Deployments through the API, as a team serving a private model would use them: who may deploy, quotas, the status
 * history, the gateway answering through the deployment with the reference numbers, scale to zero and waking, and
 * deletion — with the 4xx a mistaken or unauthorised request gets.
 */
@QuarkusTest
class DeploymentApiTest {

    private static final TinyModel MODEL = TinyModel.llama(33);
    private static final List<Integer> TOKENS = List.of(1, 300, 259, 290, 45, 363);

    @Inject
    DeploymentRuntime runtime;

    private static Response post(String token, String path, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(path);
    }

    private static Map<String, Object> deployment(String model, String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("model", model);
        body.put("name", name);
        return body;
    }

    /** Reads the deployment until it reaches {@code state} (loading a tiny model takes a second or two). */
    private static JsonPath awaitState(String token, String id, String state) {
        for (int i = 0; i < 600; i++) {
            JsonPath d = given().auth().oauth2(token).get("/api/v1/deployments/" + id).then().statusCode(200)
                    .extract().jsonPath();
            if (d.getString("status.state").equals(state)) {
                return d;
            }
            assertThat(d.getString("status.state")).as(d.prettify()).isNotEqualTo("failed");
            sleep(100);
        }
        throw new AssertionError(id + " never reached " + state);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void aPrivateModelIsServedThroughItsDeploymentToThoseWhoMayReadIt() {
        TestRepos.Owned repo = TestRepos.newRepo("model", true);
        TinyModelRepos.publish(repo, MODEL);
        Map<String, Object> completion = Map.of("model", repo.id(), "prompt", TOKENS, "max_tokens", 1, "logprobs", 1,
                "echo", true, "temperature", 0);
        // Without a deployment a private model is not served.
        post(repo.token(), "/v1/completions", completion).then().statusCode(400)
                .body("error.code", equalTo("DeploymentRequired"));

        Response created = post(repo.token(), "/api/v1/deployments", deployment(repo.id(), "tiny"));
        created.then().statusCode(201).header("Location", org.hamcrest.Matchers.endsWith("/api/v1/deployments/" + repo.user() + "/tiny"))
                .body("id", equalTo(repo.user() + "/tiny")).body("runner", equalTo("cpu-runner/cpu"))
                .body("model.id", equalTo(repo.id())).body("model.commit", org.hamcrest.Matchers.hasLength(40))
                .body("scaleToZeroTimeout", equalTo(30)).body("modelNames", org.hamcrest.Matchers.contains(repo.id()));
        String id = repo.user() + "/tiny";
        JsonPath ready = awaitState(repo.token(), id, "ready");
        assertThat(ready.getList("history.state")).containsSubsequence("pending", "loading", "ready");

        Response answer = post(repo.token(), "/v1/completions", completion);
        answer.then().statusCode(200).header("X-Stoa-Deployment", id).header("X-Stoa-Runner", "cpu-runner/cpu");
        List<Float> logprobs = answer.jsonPath().getList("choices[0].logprobs.token_logprobs");
        double[][] reference = new ReferenceForward(MODEL).logprobs(TOKENS);
        for (int i = 1; i < TOKENS.size(); i++) {
            double expected = reference[i - 1][TOKENS.get(i)];
            assertThat(Math.abs(logprobs.get(i) - expected) / Math.abs(expected)).as("position %d", i).isLessThan(1e-4);
        }
        JsonPath models = given().auth().oauth2(repo.token()).get("/v1/models").then().statusCode(200).extract().jsonPath();
        assertThat(models.getString("data.find { it.id == '" + repo.id() + "' }.deployment")).isEqualTo(id);

        // Outsiders see neither the deployment nor the model, through any door.
        String outsider = TestAccounts.tokenOf(TestAccounts.newUser(), "write");
        given().auth().oauth2(outsider).get("/api/v1/deployments/" + id).then().statusCode(404);
        given().auth().oauth2(outsider).delete("/api/v1/deployments/" + id).then().statusCode(404);
        post(outsider, "/v1/completions", completion).then().statusCode(404);
        assertThat(given().auth().oauth2(outsider).get("/v1/models").then().statusCode(200).extract().jsonPath()
                .getList("data.id")).doesNotContain(repo.id());
        assertThat(given().auth().oauth2(outsider).get("/api/v1/deployments").then().statusCode(200).extract()
                .jsonPath().getList("deployments.id")).doesNotContain(id);
        given().get("/api/v1/deployments").then().statusCode(401);
        given().contentType(ContentType.JSON).body(deployment(repo.id(), "x")).post("/api/v1/deployments").then().statusCode(401);

        // Scaled to zero when idle; the next request wakes it.
        runtime.scaleToZero(Instant.now().plus(31, ChronoUnit.MINUTES));
        JsonPath stopped = awaitState(repo.token(), id, "stopped");
        assertThat(stopped.getString("status.message")).contains("scaled to zero after 30 idle minutes");
        assertThat(stopped.getBoolean("status.servedHere")).isFalse();
        assertThat(given().auth().oauth2(repo.token()).get("/v1/models").then().extract().jsonPath().getList("data.id"))
                .doesNotContain(repo.id());
        post(repo.token(), "/v1/completions", completion).then().statusCode(200).header("X-Stoa-Deployment", id);
        assertThat(awaitState(repo.token(), id, "ready").getList("history.message")).contains("woken by a request");

        // Deleted: gone for everyone, the engine stops, and the private model is no longer served.
        given().auth().oauth2(repo.token()).delete("/api/v1/deployments/" + id).then().statusCode(204);
        given().auth().oauth2(repo.token()).get("/api/v1/deployments/" + id).then().statusCode(404);
        post(repo.token(), "/v1/completions", completion).then().statusCode(400)
                .body("error.code", equalTo("DeploymentRequired"));
        JsonPath audit = given().auth().oauth2(ADMIN_TOKEN).queryParam("target", id).get("/api/v1/audit").then()
                .statusCode(200).extract().jsonPath();
        assertThat(audit.getList("events.action")).contains("deployment.created", "deployment.deleted");
        assertThat(audit.getList("events.actor")).contains(repo.user());
    }

    @Test
    void onlyWritersDeployAndRetriesAreSafe() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        TinyModelRepos.publish(repo, MODEL);
        String reader = TestAccounts.newUser();
        String readerToken = TestAccounts.tokenOf(reader, "write");
        post(readerToken, "/api/v1/deployments", deployment(repo.id(), "not-mine")).then().statusCode(403)
                .body("detail", containsString("write access"));
        // A read token deploys nothing, even the owner's.
        post(TestAccounts.tokenOf(repo.user(), "read"), "/api/v1/deployments", deployment(repo.id(), "r"))
                .then().statusCode(403);
        // Nobody deploys into a namespace they do not write to.
        Map<String, Object> elsewhere = deployment(repo.id(), "elsewhere");
        elsewhere.put("owner", reader);
        post(repo.token(), "/api/v1/deployments", elsewhere).then().statusCode(403).body("detail", containsString(reader));

        Map<String, Object> body = deployment(repo.id(), "same");
        body.put("scaleToZeroTimeout", 5);
        post(repo.token(), "/api/v1/deployments", body).then().statusCode(201);
        post(repo.token(), "/api/v1/deployments", body).then().statusCode(200).body("id", equalTo(repo.user() + "/same"));
        body.put("scaleToZeroTimeout", 6);
        post(repo.token(), "/api/v1/deployments", body).then().statusCode(409)
                .body("detail", containsString("other settings"));
        given().auth().oauth2(repo.token()).delete("/api/v1/deployments/" + repo.user() + "/same").then().statusCode(204);
        given().auth().oauth2(repo.token()).delete("/api/v1/deployments/" + repo.user() + "/same").then().statusCode(404);
    }

    @Test
    void mistakesAreRefusedWithTheFieldAndTheFix() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        TinyModelRepos.publish(repo, MODEL);
        Map<String, Object> unknown = deployment(repo.id(), "a");
        unknown.put("replicas", 2);
        post(repo.token(), "/api/v1/deployments", unknown).then().statusCode(400).body("detail", containsString("replicas"));
        post(repo.token(), "/api/v1/deployments", deployment(repo.id(), "Bad_Name")).then().statusCode(400)
                .body("detail", containsString("lowercase"));
        Map<String, Object> memory = deployment(repo.id(), "m");
        memory.put("resources", Map.of("memory", "lots"));
        post(repo.token(), "/api/v1/deployments", memory).then().statusCode(400).body("detail", containsString("512Mi"));
        Map<String, Object> runner = deployment(repo.id(), "r");
        runner.put("runner", "nope/none");
        post(repo.token(), "/api/v1/deployments", runner).then().statusCode(400).body("detail", containsString("cpu-runner/cpu"));
        Map<String, Object> notAdapter = deployment(repo.id(), "n");
        notAdapter.put("adapters", List.of(repo.id()));
        post(repo.token(), "/api/v1/deployments", notAdapter).then().statusCode(400)
                .body("detail", containsString("not a LoRA adapter"));
        post(repo.token(), "/api/v1/deployments", deployment(repo.id() + "@nope", "x")).then().statusCode(404);
        post(repo.token(), "/api/v1/deployments", Map.of("name", "x")).then().statusCode(400)
                .body("detail", containsString("model"));
        given().auth().oauth2(repo.token()).contentType(ContentType.JSON).body("[1]").post("/api/v1/deployments")
                .then().statusCode(400);
        assertThat(given().auth().oauth2(repo.token()).get("/api/v1/deployments").then().statusCode(200).extract()
                .jsonPath().getList("deployments")).isEmpty();
    }

    @Test
    void quotasBoundWhatAnOrganisationDeploys() {
        String admin = TestAccounts.newUser();
        String adminToken = TestAccounts.tokenOf(admin, "write");
        String org = TestOrgs.newOrg(admin);
        String member = TestAccounts.newUser();
        TestOrgs.addMember(org, admin, member, "read");
        String repoId = TestRepos.create(adminToken, org, "model", false);
        TinyModelRepos.publish(new TestRepos.Owned(admin, adminToken, repoId, "model"), MODEL);

        for (String name : List.of("one", "two")) {
            Map<String, Object> body = deployment(repoId, name);
            body.put("owner", org);
            post(adminToken, "/api/v1/deployments", body).then().statusCode(201);
        }
        Map<String, Object> third = deployment(repoId, "three");
        third.put("owner", org);
        post(adminToken, "/api/v1/deployments", third).then().statusCode(403)
                .body("detail", containsString("2 of its 2 deployments"));
        Map<String, Object> gpu = deployment(repoId, "gpu");
        gpu.put("owner", org);
        gpu.put("resources", Map.of("gpus", 1));

        // Members read the quota and the organisation's deployments; only administrators change it.
        String memberToken = TestAccounts.tokenOf(member, "write");
        given().auth().oauth2(memberToken).get("/api/v1/quotas/" + org).then().statusCode(200)
                .body("deployments.limit", equalTo(2)).body("deployments.used", equalTo(2)).body("default", equalTo(true));
        assertThat(given().auth().oauth2(memberToken).queryParam("owner", org).get("/api/v1/deployments").then()
                .statusCode(200).extract().jsonPath().getList("deployments.name")).containsExactlyInAnyOrder("one", "two");
        given().auth().oauth2(memberToken).delete("/api/v1/deployments/" + org + "/one").then().statusCode(403);
        String outsider = TestAccounts.tokenOf(TestAccounts.newUser(), "write");
        given().auth().oauth2(outsider).get("/api/v1/quotas/" + org).then().statusCode(403);
        given().auth().oauth2(outsider).queryParam("owner", org).get("/api/v1/deployments").then().statusCode(403);
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(Map.of("deployments", 5))
                .put("/api/v1/quotas/" + org).then().statusCode(403);
        given().auth().oauth2(ADMIN_TOKEN).contentType(ContentType.JSON).body(Map.of("deployments", -1))
                .put("/api/v1/quotas/" + org).then().statusCode(400);

        given().auth().oauth2(ADMIN_TOKEN).contentType(ContentType.JSON).body(Map.of("deployments", 4, "gpus", 1))
                .put("/api/v1/quotas/" + org).then().statusCode(200).body("deployments.limit", equalTo(4))
                .body("gpus.limit", equalTo(1)).body("setBy", equalTo("admin"));
        post(adminToken, "/api/v1/deployments", third).then().statusCode(201);
        // The CPU runner computes on no GPU, so it refuses the spec that asks for one (after the quota allows it).
        post(adminToken, "/api/v1/deployments", gpu).then().statusCode(400).body("detail", containsString("cpu-runner/cpu"));
        given().auth().oauth2(ADMIN_TOKEN).delete("/api/v1/quotas/" + org).then().statusCode(200)
                .body("deployments.limit", equalTo(2)).body("deployments.used", equalTo(3));
        JsonPath audit = given().auth().oauth2(ADMIN_TOKEN).queryParam("target", org).queryParam("action", "deployment.quota-changed")
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
        assertThat(audit.getList("events.action")).containsOnly("deployment.quota-changed").hasSize(2);
        for (String name : List.of("one", "two", "three")) {
            given().auth().oauth2(adminToken).delete("/api/v1/deployments/" + org + "/" + name).then().statusCode(204);
        }
    }
}
