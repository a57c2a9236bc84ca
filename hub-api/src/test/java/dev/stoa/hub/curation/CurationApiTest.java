package dev.stoa.hub.curation;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.identity.TestOrgs;
import dev.stoa.hub.repo.TestRepos;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import org.hamcrest.Matchers;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/** Curation end to end: submission, decisions by curators only, protected tags, model_info and the listing filter. */
@QuarkusTest
class CurationApiTest {

    @Test
    void anApprovedRevisionGetsAProtectedTagThatNobodyMovesAndANewCommitIsNotCurated() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String commit = Curations.cleanCommit(repo, "first");
        JsonPath submitted = Curations.submit(repo.token(), repo, Map.of("revision", "main", "note", "first release"))
                .then().statusCode(201).extract().jsonPath();
        long id = submitted.getLong("request.id");
        assertThat(submitted.getString("request.status")).isEqualTo("pending");
        assertThat(submitted.getString("request.commit")).isEqualTo(commit);
        assertThat(submitted.getBoolean("eligible")).isTrue();
        // the same commit cannot wait twice
        Curations.submit(repo.token(), repo, Map.of("revision", commit)).then().statusCode(409);

        // the owner is no curator
        Curations.decide(repo.token(), repo, id, "approve", "mine").then().statusCode(403)
                .body("detail", containsString("Only curators"));
        JsonPath approved = Curations.decide(Curations.newCurator(), repo, id, "approve", "good card").then().statusCode(200)
                .extract().jsonPath();
        assertThat(approved.getString("request.status")).isEqualTo("approved");
        assertThat(approved.getString("request.tag")).isEqualTo("curated/1");
        assertThat(approved.getString("request.comment")).isEqualTo("good card");

        JsonPath info = given().get("/api/models/" + repo.id()).then().statusCode(200).extract().jsonPath();
        assertThat(info.getString("curated.status")).isEqualTo("approved");
        assertThat(info.getString("curated.revision")).isEqualTo(commit);
        assertThat(info.getString("curated.tag")).isEqualTo("curated/1");
        assertThat(info.getBoolean("curated.current")).isTrue();
        assertThat(given().get("/api/models/" + repo.id() + "/revision/curated/1").then().statusCode(200)
                .extract().path("sha").toString()).isEqualTo(commit);

        // the protected tag: not deleted, not recreated elsewhere, not shadowed by a branch, whoever asks
        String tags = "/api/models/" + repo.id() + "/tag/";
        for (String token : List.of(repo.token(), TestAccounts.ADMIN_TOKEN)) {
            given().auth().oauth2(token).delete(tags + "curated/1").then().statusCode(403)
                    .body("error", containsString("protected tags cannot be moved or deleted"));
        }
        given().auth().oauth2(repo.token()).contentType(ContentType.JSON).body(Map.of("tag", "curated/1"))
                .post(tags + "main").then().statusCode(403);
        given().auth().oauth2(repo.token()).contentType(ContentType.JSON).body(Map.of("tag", "curated/2"))
                .post(tags + "main").then().statusCode(403).body("error", containsString("reserved"));
        given().auth().oauth2(repo.token()).contentType(ContentType.JSON).body(Map.of())
                .post("/api/models/" + repo.id() + "/branch/curated/1").then().statusCode(403);
        TestRepos.postCommit(repo.token(), repo, "curated/1", TestRepos.ndjson("sneak").file("x.txt", "x"))
                .then().statusCode(403);

        // a new commit is not curated; the tag still names the approved one
        String next = TestRepos.commit(repo, "main", TestRepos.ndjson("second").file("config.json", "{\"n\": 2}"));
        JsonPath later = given().get("/api/models/" + repo.id()).then().statusCode(200).extract().jsonPath();
        assertThat(later.getString("sha")).isEqualTo(next);
        assertThat(later.getBoolean("curated.current")).isFalse();
        assertThat(later.getString("curated.revision")).isEqualTo(commit);
        assertThat(given().get("/api/models/" + repo.id() + "/revision/curated/1").then().statusCode(200)
                .extract().path("curated.current").toString()).isEqualTo("true");

        // the audit trail has the submission and the decision
        List<String> actions = given().auth().oauth2(TestAccounts.ADMIN_TOKEN).queryParam("target", repo.id())
                .queryParam("action", "curation.").get("/api/v1/audit").then().statusCode(200).extract().jsonPath()
                .getList("events.action");
        assertThat(actions).contains("curation.submitted", "curation.approved");

        // the listing filter
        TestRepos.Owned plain = TestRepos.newRepo("model", false);
        List<String> curated = given().queryParam("curated", "true").queryParam("limit", 1000).get("/api/models")
                .then().statusCode(200).extract().jsonPath().getList("id");
        assertThat(curated).contains(repo.id()).doesNotContain(plain.id());
        assertThat(given().queryParam("author", repo.user()).get("/api/models").then().statusCode(200)
                .extract().jsonPath().getList("id")).contains(repo.id());
    }

    @Test
    void aRevisionThePolicyBlocksIsRefusedNamingTheBlockingCheckAndCanBeRejected() {
        String admin = TestAccounts.newUser();
        String org = TestOrgs.newOrg(admin);
        Map<String, Object> policy = new java.util.HashMap<>();
        policy.put("requiredChecks", List.of("test-checks/file-names"));
        policy.put("onFailedCheck", "block-curation");
        policy.put("membersPublishWithoutReview", true);
        policy.put("note", "file names are checked");
        given().auth().preemptive().basic(admin, TestAccounts.PASSWORD).contentType(ContentType.JSON).body(policy)
                .put("/api/v1/organizations/" + org + "/policy").then().statusCode(200);
        String token = TestAccounts.tokenOf(admin, "write");
        TestRepos.Owned repo = new TestRepos.Owned(admin, token, TestRepos.create(token, org, "model", false), "model");
        String commit = TestRepos.commit(repo, "main", TestRepos.ndjson("evil")
                .file("README.md", "---\nlicense: apache-2.0\n---\n# Model\n").file("evil.bin", "not really a pickle"));
        Curations.awaitChecks(repo, commit);
        JsonPath submitted = Curations.submit(repo.token(), repo, Map.of("revision", commit, "tag", "v1-reviewed"))
                .then().statusCode(201).extract().jsonPath();
        long id = submitted.getLong("request.id");
        assertThat(submitted.getBoolean("eligible")).isFalse();
        assertThat(submitted.getList("checks.check")).contains("test-checks/file-names");
        String curator = Curations.newCurator();
        Curations.decide(curator, repo, id, "approve", "ok").then().statusCode(409)
                .body("detail", containsString("Required check test-checks/file-names failed (FAIL)"));
        JsonPath rejected = Curations.decide(curator, repo, id, "reject", "evil.bin is flagged").then().statusCode(200)
                .extract().jsonPath();
        assertThat(rejected.getString("request.status")).isEqualTo("rejected");
        assertThat(rejected.getString("request.comment")).isEqualTo("evil.bin is flagged");
        Curations.decide(curator, repo, id, "approve", "again").then().statusCode(409);
        assertThat(given().get("/api/models/" + repo.id()).then().statusCode(200).extract().jsonPath().getMap("curated")).isNull();
        // nobody took the tag name
        given().auth().oauth2(repo.token()).get("/api/models/" + repo.id() + "/refs").then().statusCode(200)
                .body("tags", Matchers.empty());
    }

    @Test
    void onlyWritersSubmitOnlyCuratorsSeeTheQueueAndOrganisationCuratorsDecideTheirOrganisation() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        Curations.cleanCommit(repo, "a");
        String stranger = TestAccounts.tokenOf(TestAccounts.newUser(), "write");
        Curations.submit(null, repo, Map.of("revision", "main")).then().statusCode(401);
        Curations.submit(stranger, repo, Map.of("revision", "main")).then().statusCode(403);
        Curations.submit(repo.token(), repo, Map.of("revision", "nope")).then().statusCode(404);
        Curations.submit(repo.token(), repo, Map.of("revision", "main", "tag", "bad tag")).then().statusCode(400);
        TestRepos.Owned hidden = TestRepos.newRepo("model", true);
        Curations.submit(stranger, hidden, Map.of("revision", "main")).then().statusCode(404);
        given().auth().oauth2(stranger).get(Curations.url(hidden)).then().statusCode(404);
        long id = Curations.submit(repo.token(), repo, Map.of("revision", "main")).then().statusCode(201)
                .extract().jsonPath().getLong("request.id");

        given().get("/api/v1/curation/queue").then().statusCode(401);
        given().auth().oauth2(stranger).get("/api/v1/curation/queue").then().statusCode(403);
        Curations.decide(stranger, repo, id, "approve", "x").then().statusCode(403);
        Curations.decide(null, repo, id, "approve", "x").then().statusCode(401);
        String curator = Curations.newCurator();
        List<Map<String, Object>> queue = given().auth().oauth2(curator).queryParam("limit", 200)
                .queryParam("after", id - 1).get("/api/v1/curation/queue").then().statusCode(200).extract().jsonPath().getList("");
        assertThat(queue).anySatisfy(item -> {
            assertThat((Map<String, Object>) item.get("request")).containsEntry("repo", repo.id());
            assertThat((List<?>) item.get("checks")).isNotEmpty();
        });

        // an organisation's curator decides its repositories only
        String admin = TestAccounts.newUser();
        String org = TestOrgs.newOrg(admin);
        String member = TestAccounts.newUser();
        String outsider = TestAccounts.newUser();
        TestOrgs.addMember(org, admin, member, "read");
        given().auth().preemptive().basic(member, TestAccounts.PASSWORD).put("/api/v1/organizations/" + org + "/curators/" + member)
                .then().statusCode(403);
        given().auth().preemptive().basic(admin, TestAccounts.PASSWORD).put("/api/v1/organizations/" + org + "/curators/" + outsider)
                .then().statusCode(409);
        given().auth().preemptive().basic(admin, TestAccounts.PASSWORD).put("/api/v1/organizations/" + org + "/curators/" + member)
                .then().statusCode(200);
        given().auth().preemptive().basic(admin, TestAccounts.PASSWORD).get("/api/v1/organizations/" + org + "/curators")
                .then().statusCode(200).body("user", Matchers.hasItem(member));
        String adminToken = TestAccounts.tokenOf(admin, "write");
        TestRepos.Owned orgRepo = new TestRepos.Owned(admin, adminToken, TestRepos.create(adminToken, org, "model", false), "model");
        Curations.cleanCommit(orgRepo, "org");
        long orgId = Curations.submit(adminToken, orgRepo, Map.of("revision", "main")).then().statusCode(201)
                .extract().jsonPath().getLong("request.id");
        String memberToken = TestAccounts.tokenOf(member, "write");
        List<Object> theirs = given().auth().oauth2(memberToken).get("/api/v1/curation/queue").then().statusCode(200)
                .extract().jsonPath().getList("request.id");
        assertThat(theirs).containsExactly((int) orgId);
        Curations.decide(memberToken, repo, id, "approve", "not mine").then().statusCode(403);
        Curations.decide(memberToken, orgRepo, orgId, "approve", "fine").then().statusCode(200)
                .body("request.tag", Matchers.is("curated/1"));
        given().auth().preemptive().basic(admin, TestAccounts.PASSWORD).delete("/api/v1/organizations/" + org + "/curators/" + member)
                .then().statusCode(204);
    }
}
