package dev.stoa.hub.policy;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.identity.TestOrgs;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.hub.repo.TestRepos;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Versioned policies through the API, who may read and change them, the publishing rule, and evaluations. */
@QuarkusTest
class PolicyApiTest {

    @Inject
    PolicyEvaluations evaluations;
    @Inject
    RepoService repos;
    @Inject
    RecordedAudits audits;

    /** A permissive document equal to the built-in default, so that saving it changes nothing for other tests. */
    private static Map<String, Object> permissive(String note) {
        Map<String, Object> body = new HashMap<>();
        body.put("requiredChecks", List.of());
        body.put("onFailedCheck", "block-curation");
        body.put("membersPublishWithoutReview", true);
        body.put("note", note);
        return body;
    }

    private static String orgPolicy(String org) {
        return "/api/v1/organizations/" + org + "/policy";
    }

    @Test
    void platformPolicyIsReadBySignedInUsersAndVersionedByAdmins() {
        given().get("/api/v1/policies/platform").then().statusCode(401);
        String user = TestAccounts.newUser();
        given().auth().preemptive().basic(user, TestAccounts.PASSWORD).get("/api/v1/policies/platform")
                .then().statusCode(200).body("scope", equalTo("platform"));
        given().auth().preemptive().basic(user, TestAccounts.PASSWORD).contentType(ContentType.JSON)
                .body(permissive("mine")).put("/api/v1/policies/platform").then().statusCode(403);
        given().auth().preemptive().basic(user, TestAccounts.PASSWORD).get("/api/v1/policies/platform/history")
                .then().statusCode(403);

        int first = given().auth().oauth2(TestAccounts.ADMIN_TOKEN).contentType(ContentType.JSON).body(permissive("first"))
                .put("/api/v1/policies/platform").then().statusCode(200).extract().path("version");
        JsonPath second = given().auth().oauth2(TestAccounts.ADMIN_TOKEN).contentType(ContentType.JSON).body(permissive("second"))
                .put("/api/v1/policies/platform").then().statusCode(200).extract().jsonPath();
        assertThat(second.getInt("version")).isEqualTo(first + 1);
        assertThat(second.getString("label")).isEqualTo("platform v" + (first + 1));
        assertThat(second.getString("note")).isEqualTo("second");
        assertThat(second.getString("author")).isNotBlank();

        JsonPath history = given().auth().oauth2(TestAccounts.ADMIN_TOKEN).queryParam("limit", 2)
                .get("/api/v1/policies/platform/history").then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("versions.version", Integer.class)).containsExactly(first + 1, first);
        assertThat(history.getList("versions.note", String.class)).containsExactly("second", "first");
        assertThat(history.getInt("next")).isEqualTo(first);
    }

    @Test
    void organisationAdminsVersionTheirPolicyMembersReadItOthersCannot() {
        String admin = TestAccounts.newUser();
        String member = TestAccounts.newUser();
        String outsider = TestAccounts.newUser();
        String org = TestOrgs.newOrg(admin);
        TestOrgs.addMember(org, admin, member, "write");

        given().get(orgPolicy(org)).then().statusCode(401);
        given().auth().preemptive().basic(outsider, TestAccounts.PASSWORD).get(orgPolicy(org)).then().statusCode(403);
        given().auth().preemptive().basic(outsider, TestAccounts.PASSWORD).get(orgPolicy(org) + "/history").then().statusCode(403);
        given().auth().preemptive().basic(admin, TestAccounts.PASSWORD).get(orgPolicy("no-such-org-" + org)).then().statusCode(404);

        JsonPath inherited = given().auth().preemptive().basic(member, TestAccounts.PASSWORD).get(orgPolicy(org))
                .then().statusCode(200).extract().jsonPath();
        assertThat(inherited.getBoolean("inherited")).isTrue();
        assertThat(inherited.getString("scope")).isEqualTo("platform");

        Map<String, Object> strict = new HashMap<>(permissive("v1"));
        strict.put("requiredChecks", List.of("test-checks/file-names"));
        strict.put("licensesDenied", List.of("cc-by-nc-4.0"));
        strict.put("requiredCardFields", List.of("license"));
        given().auth().preemptive().basic(member, TestAccounts.PASSWORD).contentType(ContentType.JSON).body(strict)
                .put(orgPolicy(org)).then().statusCode(403);
        given().auth().oauth2(TestAccounts.tokenOf(admin, "read")).contentType(ContentType.JSON).body(strict)
                .put(orgPolicy(org)).then().statusCode(403);
        given().contentType(ContentType.JSON).body(strict).put(orgPolicy(org)).then().statusCode(401);

        Map<String, Object> bad = new HashMap<>(strict);
        bad.put("requiredChecks", List.of("not a check"));
        given().auth().preemptive().basic(admin, TestAccounts.PASSWORD).contentType(ContentType.JSON).body(bad)
                .put(orgPolicy(org)).then().statusCode(400).body("detail", containsString("<plugin>/<check>"));
        bad = new HashMap<>(strict);
        bad.put("onFailedCheck", "explode");
        given().auth().preemptive().basic(admin, TestAccounts.PASSWORD).contentType(ContentType.JSON).body(bad)
                .put(orgPolicy(org)).then().statusCode(400);

        JsonPath v1 = given().auth().preemptive().basic(admin, TestAccounts.PASSWORD).contentType(ContentType.JSON).body(strict)
                .put(orgPolicy(org)).then().statusCode(200).extract().jsonPath();
        assertThat(v1.getInt("version")).isEqualTo(1);
        assertThat(v1.getString("scope")).isEqualTo("organization");
        assertThat(v1.getList("requiredChecks")).containsExactly("test-checks/file-names");
        strict.put("onFailedCheck", "warn");
        strict.put("note", "only warn");
        given().auth().oauth2(TestAccounts.ADMIN_TOKEN).contentType(ContentType.JSON).body(strict)
                .put(orgPolicy(org)).then().statusCode(200).body("version", equalTo(2));

        JsonPath now = given().auth().preemptive().basic(member, TestAccounts.PASSWORD).get(orgPolicy(org))
                .then().statusCode(200).extract().jsonPath();
        assertThat(now.getBoolean("inherited")).isFalse();
        assertThat(now.getString("label")).isEqualTo("organisation " + org + " v2");
        assertThat(now.getString("onFailedCheck")).isEqualTo("warn");
        JsonPath history = given().auth().preemptive().basic(member, TestAccounts.PASSWORD).get(orgPolicy(org) + "/history")
                .then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("versions.version", Integer.class)).containsExactly(2, 1);
        assertThat(history.getList("versions.onFailedCheck", String.class)).containsExactly("warn", "block-curation");
        assertThat(history.getString("versions[1].author")).isEqualTo(admin);

        assertThat(audits.about(org)).hasSize(2).allSatisfy(r -> {
            assertThat(r.action()).isEqualTo("policy.changed");
            assertThat(r.targetType()).isEqualTo("policy");
            assertThat(r.orgId()).isPresent();
        });
        assertThat(audits.about(org).get(0).actorName()).contains(admin);
        // before the first version, the platform's policy (or the built-in default, if no test saved one) was in force
        assertThat((String) audits.about(org).get(0).before().get("policy")).matches("(platform|built-in default).*")
                .doesNotContain(org);
        assertThat(audits.about(org).get(0).after()).containsEntry("version", 1).containsEntry("policy", "organisation " + org + " v1")
                .containsEntry("onFailedCheck", "block-curation");
        assertThat(audits.about(org).get(1).after()).containsEntry("version", 2).containsEntry("onFailedCheck", "warn");
    }

    @Test
    void membersNewPublicRepositoriesAreCreatedPrivateWhenThePolicyWantsReview() {
        String admin = TestAccounts.newUser();
        String member = TestAccounts.newUser();
        String org = TestOrgs.newOrg(admin);
        TestOrgs.addMember(org, admin, member, "write");
        String memberToken = TestAccounts.tokenOf(member, "write");
        String adminToken = TestAccounts.tokenOf(admin, "write");

        String before = TestRepos.create(memberToken, org, "model", false);
        assertThat(isPrivate(adminToken, before)).isFalse();

        Map<String, Object> review = permissive("review first");
        review.put("membersPublishWithoutReview", false);
        given().auth().oauth2(adminToken).contentType(ContentType.JSON).body(review).put(orgPolicy(org)).then().statusCode(200);

        String byMember = TestRepos.create(memberToken, org, "model", false);
        assertThat(isPrivate(adminToken, byMember)).isTrue();
        String byAdmin = TestRepos.create(adminToken, org, "model", false);
        assertThat(isPrivate(adminToken, byAdmin)).isFalse();
        String own = TestRepos.create(memberToken, member, "model", false);
        assertThat(isPrivate(memberToken, own)).isFalse();
    }

    private static boolean isPrivate(String token, String id) {
        return given().auth().oauth2(token).get("/api/models/" + id).then().statusCode(200).extract().path("private");
    }

    @Test
    void aFailingRequiredCheckBlocksCurationAPassingOneAllowsItAndADeniedLicenseIsFlagged() {
        String admin = TestAccounts.newUser();
        String org = TestOrgs.newOrg(admin);
        String token = TestAccounts.tokenOf(admin, "write");
        Map<String, Object> strict = permissive("strict");
        strict.put("requiredChecks", List.of("test-checks/file-names"));
        strict.put("licensesDenied", List.of("cc-by-nc-4.0"));
        strict.put("requiredCardFields", List.of("license"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(strict).put(orgPolicy(org)).then().statusCode(200);

        TestRepos.Owned repo = new TestRepos.Owned(admin, token, TestRepos.create(token, org, "model", false), "model");
        RepoView view = repos.find(new RepoId(RepoType.model, org, repo.id().substring(org.length() + 1))).orElseThrow();

        String evil = TestRepos.commit(repo, "main", TestRepos.ndjson("evil")
                .file("README.md", "---\nlicense: apache-2.0\n---\n# Model\n").file("evil.bin", "x"));
        PolicyEvaluation failing = await(view, evil);
        assertThat(failing.requiredChecks()).singleElement().satisfies(c -> assertThat(c.verdict()).isEqualTo("FAIL"));
        assertThat(failing.blocksCuration()).isTrue();
        assertThat(failing.policyVersion()).isEqualTo("organisation " + org + " v1");

        String clean = TestRepos.commit(repo, "main", TestRepos.ndjson("clean").delete("evil.bin"));
        PolicyEvaluation passing = await(view, clean);
        assertThat(passing.requiredChecks()).singleElement().satisfies(c -> assertThat(c.verdict()).isEqualTo("PASS"));
        assertThat(passing.blocksCuration()).as(passing.reasons().toString()).isFalse();
        assertThat(passing.license().status()).isEqualTo(PolicyEvaluation.LicenseStatus.Status.ALLOWED);

        String denied = TestRepos.commit(repo, "main", TestRepos.ndjson("nc")
                .file("README.md", "---\nlicense: cc-by-nc-4.0\n---\n# Model\n"));
        PolicyEvaluation flagged = await(view, denied);
        assertThat(flagged.license().status()).isEqualTo(PolicyEvaluation.LicenseStatus.Status.DENIED);
        assertThat(flagged.blocksCuration()).isTrue();
        assertThat(flagged.reasons()).anyMatch(r -> r.contains("is denied by the policy"));

        JsonPath api = given().auth().oauth2(token).get("/api/v1/repos/models/" + repo.id() + "/policy")
                .then().statusCode(200).extract().jsonPath();
        assertThat(api.getString("commit")).isEqualTo(denied);
        assertThat(api.getBoolean("evaluation.blocksCuration")).isTrue();
        assertThat(api.getString("evaluation.license.status")).isEqualTo("denied");
        assertThat(api.getString("evaluation.failedCheckAction")).isEqualTo("block-curation");
        assertThat(api.getList("evaluation.requiredChecks.check")).containsExactly("test-checks/file-names");
        given().auth().oauth2(token).queryParam("revision", evil).get("/api/v1/repos/models/" + repo.id() + "/policy")
                .then().statusCode(200).body("evaluation.requiredChecks[0].verdict", equalTo("FAIL"));
    }

    @Test
    void aPolicyCanAskForDocumentationAndEvaluationsBeforeCuration() throws Exception {
        String admin = TestAccounts.newUser();
        String org = TestOrgs.newOrg(admin);
        String token = TestAccounts.tokenOf(admin, "write");
        Map<String, Object> demanding = permissive("documented and evaluated");
        demanding.put("minCardCompleteness", 1.5);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(demanding).put(orgPolicy(org)).then()
                .statusCode(400).body("detail", containsString("minCardCompleteness"));
        demanding.put("requiredEvaluations", List.of("not a task"));
        demanding.put("minCardCompleteness", 0.5);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(demanding).put(orgPolicy(org)).then()
                .statusCode(400).body("detail", containsString("requiredEvaluations"));

        TestRepos.Owned dataset = TestRepos.newRepo("dataset", false);
        TestRepos.commit(dataset, "main", TestRepos.ndjson("task").file("test.jsonl", "{\"q\": \"1+1\", \"label\": 0}\n")
                .file("task.yaml", "task: policy_pick\ndataset_path: " + dataset.id() + "\noutput_type: multiple_choice\n"
                        + "test_split: test\ndoc_to_text: \"{{q}}=\"\ndoc_to_target: \"{{label}}\"\ndoc_to_choice: [\"2\", \"3\"]\n"));
        String task = dataset.id() + "/policy_pick";
        demanding.put("requiredEvaluations", List.of(task));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(demanding).put(orgPolicy(org)).then()
                .statusCode(200).body("minCardCompleteness", equalTo(0.5f)).body("requiredEvaluations[0]", equalTo(task));

        TestRepos.Owned repo = new TestRepos.Owned(admin, token, TestRepos.create(token, org, "model", false), "model");
        dev.stoa.hub.openai.TinyModelRepos.publish(repo, dev.stoa.spi.testkit.TinyModel.llama(5));
        String url = "/api/v1/repos/models/" + repo.id() + "/policy";
        JsonPath blocked = given().auth().oauth2(token).get(url).then().statusCode(200).extract().jsonPath();
        assertThat(blocked.getBoolean("evaluation.blocksCuration")).isTrue();
        assertThat(blocked.getList("evaluation.reasons", String.class)).anyMatch(r -> r.contains("the policy asks for 50%"))
                .anyMatch(r -> r.contains("not passed through yet: " + task));

        // A card that documents enough, and an evaluation of the very commit: both requirements met.
        String documented = TestRepos.commit(repo, "main", TestRepos.ndjson("card").file("README.md", """
                ---
                license: mit
                datasets: [acme/data]
                pipeline_tag: text-generation
                co2_eq_emissions: 1
                ---
                # Model details
                ## Intended use
                ## Out-of-scope use
                ## Training data
                ## Evaluation data
                ## Metrics
                ## Factors
                ## Bias, risks and limitations
                ## Recommendations
                """));
        // Submitting the revision for curation starts the evaluation the policy requires, as the submitter.
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("revision", "main", "note", "ready"))
                .post("/api/v1/repos/models/" + repo.id() + "/curation").then().statusCode(201);
        dev.stoa.hub.testing.Eventually.await("the required evaluation", () -> given().auth().oauth2(token)
                .queryParam("model", repo.id()).get("/api/v1/evaluations").then().statusCode(200).extract().jsonPath()
                .getList("evaluations.status", String.class), statuses -> statuses.contains("succeeded"));
        JsonPath met = given().auth().oauth2(token).get(url).then().statusCode(200).extract().jsonPath();
        assertThat(met.getString("commit")).isEqualTo(documented);
        assertThat(met.getList("evaluation.reasons", String.class)).noneMatch(r -> r.contains("the policy asks for"))
                .noneMatch(r -> r.contains("not passed through yet"));
    }

    @Test
    void aPrivateRepositorysEvaluationIsHiddenLikeTheRepository() {
        TestRepos.Owned repo = TestRepos.newRepo("model", true);
        String url = "/api/v1/repos/models/" + repo.id() + "/policy";
        given().get(url).then().statusCode(401);
        given().auth().oauth2(TestAccounts.tokenOf(TestAccounts.newUser(), "read")).get(url).then().statusCode(404);
        given().auth().oauth2(repo.token()).get(url).then().statusCode(200).body("evaluation.policyVersion", notNullValue());
    }

    @Test
    void aDerivativeOfANoDerivativesBaseIsFlagged() {
        TestRepos.Owned base = TestRepos.newRepo("model", false);
        TestRepos.commit(base, "main", TestRepos.ndjson("base").file("README.md", "---\nlicense: cc-by-nd-4.0\n---\n# Base\n"));
        TestRepos.Owned adapter = TestRepos.newRepo("model", false);
        String commit = TestRepos.commit(adapter, "main", TestRepos.ndjson("adapter").file("README.md",
                "---\nlicense: apache-2.0\nbase_model: " + base.id() + "\nbase_model_relation: adapter\n---\n# Adapter\n"));
        String[] id = adapter.id().split("/");
        RepoView view = repos.find(new RepoId(RepoType.model, id[0], id[1])).orElseThrow();
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        PolicyEvaluation e = evaluations.evaluate(view, commit);
        while (e.reasons().stream().noneMatch(r -> r.contains("forbids this derivative")) && System.nanoTime() < end) {
            sleep();
            e = evaluations.evaluate(view, commit);
        }
        assertThat(e.blocksCuration()).isTrue();
        assertThat(e.reasons()).anyMatch(r -> r.startsWith("The base model's license forbids this derivative"));
    }

    /** Evaluates until the required checks finished (at most 60 s). */
    private PolicyEvaluation await(RepoView repo, String commit) {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        PolicyEvaluation e = evaluations.evaluate(repo, commit);
        while (e.requiredChecks().stream().anyMatch(c -> c.outcome() == PolicyEvaluation.RequiredCheck.Outcome.PENDING)
                && System.nanoTime() < end) {
            sleep();
            e = evaluations.evaluate(repo, commit);
        }
        return e;
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
