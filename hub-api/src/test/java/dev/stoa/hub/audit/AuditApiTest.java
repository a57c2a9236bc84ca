package dev.stoa.hub.audit;

import dev.stoa.hub.gating.GatedRepos;
import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.identity.TestOrgs;
import dev.stoa.hub.repo.TestRepos;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.stoa.hub.identity.TestAccounts.ADMIN_TOKEN;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;

/** The audit trail's search and export: what is recorded, and who reads it. */
@QuarkusTest
class AuditApiTest {

    private static JsonPath search(String token, Map<String, ?> params) {
        return given().auth().oauth2(token).queryParams(params).get("/api/v1/audit")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aRepositorysLifeIsRecordedWithActorTimeAndAddress() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String commit = TestRepos.commit(repo, "main", TestRepos.ndjson("First").file("config.json", "{}"));
        given().auth().oauth2(repo.token()).contentType(ContentType.JSON).body(Map.of("private", true))
                .put("/api/models/" + repo.id() + "/settings").then().statusCode(200);

        JsonPath page = search(ADMIN_TOKEN, Map.of("target", repo.id()));
        assertThat(page.getList("events.action")).containsExactly("repo.settings-changed", "repo.created");
        assertThat(page.getList("events.actor")).containsOnly(repo.user());
        assertThat(page.getString("events[0].clientAddress")).isNotBlank();
        assertThat(page.getString("events[0].at")).isNotBlank();
        assertThat(page.getMap("events[0].before")).containsEntry("private", false);
        assertThat(page.getMap("events[0].after")).containsEntry("private", true);

        // Creation makes the first commit (ref.created); the commit moves main on (ref.updated).
        JsonPath pushed = search(ADMIN_TOKEN, Map.of("target", repo.id() + "@*", "action", "ref."));
        assertThat(pushed.getList("events.action")).containsExactly("ref.updated", "ref.created");
        assertThat(pushed.getMap("events[0].after")).containsEntry("ref", "refs/heads/main").containsEntry("commit", commit);
        assertThat(pushed.getMap("events[0].before")).containsEntry("commit", pushed.getMap("events[1].after").get("commit"));
        assertThat(pushed.getMap("events[1].before")).isEmpty();
    }

    @Test
    void aForwardedForHeaderIsNotBelievedUnlessConfigured() {
        String user = TestAccounts.newUser();
        String token = TestAccounts.tokenOf(user, "write");
        String repo = given().auth().oauth2(token).header("X-Forwarded-For", "203.0.113.9").contentType(ContentType.JSON)
                .body(Map.of("name", TestAccounts.randomName("repo"), "type", "model"))
                .post("/api/repos/create").then().statusCode(200).extract().path("name");
        JsonPath page = search(ADMIN_TOKEN, Map.of("target", repo, "action", "repo.created"));
        assertThat(page.getString("events[0].clientAddress")).isNotBlank().isNotEqualTo("203.0.113.9");
    }

    @Test
    void pagesGoOnWithTheNextCursor() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        for (int i = 0; i < 3; i++) {
            TestRepos.commit(repo, "main", TestRepos.ndjson("Commit " + i).file("f" + i + ".txt", "x"));
        }
        JsonPath first = search(ADMIN_TOKEN, Map.of("target", repo.id() + "@*", "action", "ref.", "limit", 3));
        assertThat(first.getList("events.action")).containsOnly("ref.updated").hasSize(3);
        JsonPath second = search(ADMIN_TOKEN, Map.of("target", repo.id() + "@*", "action", "ref.", "limit", 3,
                "after", first.getLong("next")));
        assertThat(second.getList("events")).hasSize(1);
        assertThat(second.getString("events[0].action")).isEqualTo("ref.created");
        given().auth().oauth2(ADMIN_TOKEN).queryParam("from", "yesterday").get("/api/v1/audit").then().statusCode(400);
        given().auth().oauth2(ADMIN_TOKEN).queryParam("limit", "100000").get("/api/v1/audit").then().statusCode(400);
    }

    @Test
    void tokensCreatedAndRevokedAreRecordedWithoutTheirSecret() {
        String user = TestAccounts.newUser();
        String secret = TestAccounts.tokenOf(user, "read");
        String id = given().auth().oauth2(secret).get("/api/v1/tokens").then().statusCode(200).extract().path("[0].id");
        given().auth().preemptive().basic(user, TestAccounts.PASSWORD).delete("/api/v1/tokens/" + id).then().statusCode(204);

        JsonPath page = search(ADMIN_TOKEN, Map.of("target", id));
        assertThat(page.getList("events.action")).containsExactly("token.revoked", "token.created");
        assertThat(page.getList("events.actor")).containsOnly(user);
        assertThat(page.prettify()).doesNotContain(secret);
    }

    @Test
    void accessRequestsAndGatedDownloadsAreRecorded() {
        GatedRepos.Gated gated = GatedRepos.newGated("model", false, "manual");
        GatedRepos.User reader = GatedRepos.User.create();
        GatedRepos.request(reader.token(), gated.repo(), GatedRepos.answers()).then().statusCode(200);
        GatedRepos.handle(gated.repo().token(), gated.repo(), Map.of("user", reader.name(), "status", "accepted"))
                .then().statusCode(200);
        GatedRepos.get(reader.token(), gated.repo(), "config.json").then().statusCode(200);
        GatedRepos.get(reader.token(), gated.repo(), "README.md").then().statusCode(200);

        JsonPath access = search(ADMIN_TOKEN, Map.of("target", gated.repo().id(), "action", "access."));
        assertThat(access.getList("events.action")).containsExactly("access.accepted", "access.requested");
        assertThat(access.getList("events.actor")).containsExactly(gated.repo().user(), reader.name());
        assertThat(access.getMap("events[1].after")).containsEntry("user", reader.name()).containsEntry("status", "pending");

        JsonPath downloads = search(ADMIN_TOKEN, Map.of("target", gated.repo().id() + ":*", "action", "download.gated"));
        assertThat(downloads.getList("events.target")).containsExactly(gated.repo().id() + ":config.json");
        assertThat(downloads.getList("events.actor")).containsExactly(reader.name());
    }

    @Test
    void organisationAdminsReadOnlyTheirOrganisationsEvents() {
        String admin = TestAccounts.newUser();
        String adminToken = TestAccounts.tokenOf(admin, "write");
        String org = TestOrgs.newOrg(admin);
        String other = TestOrgs.newOrg(admin);
        String writer = TestAccounts.newUser();
        TestOrgs.addMember(org, admin, writer, "write");
        String writerToken = TestAccounts.tokenOf(writer, "write");
        String ours = TestRepos.create(writerToken, org, "model", false);
        String theirs = TestRepos.create(adminToken, other, "model", false);
        String personal = TestRepos.create(adminToken, admin, "model", false);

        JsonPath page = search(adminToken, Map.of("org", org));
        assertThat(page.getList("events.target", String.class)).contains(ours, org).doesNotContain(theirs, personal, other);
        JsonPath members = search(adminToken, Map.of("org", org, "target", org));
        assertThat(members.getList("events.action")).containsExactly("org.member-added", "org.created");
        assertThat(members.getMap("events[0].after")).containsEntry("user", writer).containsEntry("role", "write");
        assertThat(page.getList("events.org", String.class)).containsOnly(org);
        assertThat(page.getList("events.actor", String.class)).contains(writer);

        String outsider = TestAccounts.newUser();
        String outsiderAdmin = TestAccounts.tokenOf(outsider, "write");
        String outsiderOrg = TestOrgs.newOrg(outsider);
        given().auth().oauth2(outsiderAdmin).queryParam("org", org).get("/api/v1/audit").then().statusCode(403);
        given().auth().oauth2(outsiderAdmin).queryParam("org", outsiderOrg).queryParam("target", ours)
                .get("/api/v1/audit").then().statusCode(200).body("events", empty());
        given().auth().oauth2(writerToken).queryParam("org", org).get("/api/v1/audit").then().statusCode(403);
        given().auth().oauth2(adminToken).get("/api/v1/audit").then().statusCode(403);
        given().queryParam("org", org).get("/api/v1/audit").then().statusCode(401);
        given().auth().oauth2(adminToken).queryParam("org", "no-such-org-" + outsider).get("/api/v1/audit").then().statusCode(404);
        given().auth().oauth2(adminToken).queryParam("org", org).get("/api/v1/audit/export").then().statusCode(200);
        given().auth().oauth2(writerToken).queryParam("org", org).get("/api/v1/audit/export").then().statusCode(403);
        given().get("/api/v1/audit/export").then().statusCode(401);
    }

    @Test
    void theExportIsOneJsonEventPerLineOldestFirst() {
        String admin = TestAccounts.newUser();
        String adminToken = TestAccounts.tokenOf(admin, "write");
        String org = TestOrgs.newOrg(admin);
        String first = TestRepos.create(adminToken, org, "model", false);
        String second = TestRepos.create(adminToken, org, "dataset", true);

        var response = given().auth().oauth2(adminToken).queryParam("org", org).queryParam("action", "repo.created")
                .get("/api/v1/audit/export")
                .then().statusCode(200).extract();
        assertThat(response.contentType()).startsWith("application/x-ndjson");
        assertThat(response.header("Content-Disposition")).contains("attachment").contains(".jsonl");
        List<String> lines = response.asString().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(new JsonPath(lines.get(0)).getString("target")).isEqualTo(first);
        assertThat(new JsonPath(lines.get(1)).getString("target")).isEqualTo("datasets/" + second);
        assertThat(new JsonPath(lines.get(1)).getString("hash")).hasSize(64);
    }
}
