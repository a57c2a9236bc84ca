package dev.stoa.hub.moderation;

import dev.stoa.hub.repo.TestRepos;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Community reports: users report, moderators act from their queue, reporters read the outcome. */
@QuarkusTest
class ReportApiTest {

    private static Response report(String token, TestRepos.Owned repo, Map<String, Object> body) {
        var request = token == null ? given() : given().auth().oauth2(token);
        return request.contentType(ContentType.JSON).body(body).post("/api/v1/repos/" + repo.plural() + "/" + repo.id() + "/reports");
    }

    private static Response act(String token, long id, String action, String message) {
        var request = token == null ? given() : given().auth().oauth2(token);
        return request.contentType(ContentType.JSON).body(Map.of("action", action, "message", message))
                .post("/api/v1/moderation/reports/" + id);
    }

    private static List<String> listed(String token, String search) {
        var request = token == null ? given() : given().auth().oauth2(token);
        return request.queryParam("search", search).get("/api/models").then().statusCode(200).extract().jsonPath().getList("id");
    }

    @Test
    void aReportIsHandledByAModeratorAndTheReporterSeesTheOutcome() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        TestRepos.commit(repo, "main", TestRepos.ndjson("model").file("README.md", "# Spam\n").file("w.bin", "x"));
        Moderators.User reporter = Moderators.newUser();
        Moderators.User moderator = Moderators.newModerator();
        String name = repo.id().substring(repo.id().indexOf('/') + 1);

        report(null, repo, Map.of("reason", "spam", "details", "ads")).then().statusCode(401);
        report(reporter.token(), repo, Map.of("reason", "boring", "details", "ads")).then().statusCode(400);
        report(reporter.token(), repo, Map.of("reason", "spam")).then().statusCode(400);
        long id = ((Number) report(reporter.token(), repo, Map.of("reason", "spam", "details", "Nothing but <b>ads</b> & links"))
                .then().statusCode(201).body("status", equalTo("open")).extract().path("id")).longValue();

        given().get("/api/v1/moderation/reports").then().statusCode(401);
        given().auth().oauth2(reporter.token()).get("/api/v1/moderation/reports").then().statusCode(403);
        given().auth().oauth2(repo.token()).get("/api/v1/moderation/reports?status=open").then().statusCode(403);
        given().auth().oauth2(moderator.token()).get("/api/v1/moderation/reports?status=open").then().statusCode(200)
                .body("id", hasItem((int) id)).body("find { it.id == " + id + " }.reporter", equalTo(reporter.name()))
                .body("find { it.id == " + id + " }.details", equalTo("Nothing but <b>ads</b> & links"));
        given().auth().oauth2(moderator.token()).get("/api/v1/moderation/reports?status=nonsense").then().statusCode(400);

        act(null, id, "hide", "Hidden as spam").then().statusCode(401);
        act(reporter.token(), id, "hide", "Hidden as spam").then().statusCode(403);
        act(moderator.token(), id, "obliterate", "x").then().statusCode(400);
        act(moderator.token(), 999_999_999L, "dismiss", "x").then().statusCode(404);
        assertThat(listed(null, name)).contains(repo.id());
        act(moderator.token(), id, "hide", "Hidden as spam").then().statusCode(200).body("status", equalTo("hidden"));
        act(moderator.token(), id, "dismiss", "changed my mind").then().statusCode(409);

        // hidden from listings for everyone but its owner and moderators; still readable by its address
        assertThat(listed(null, name)).doesNotContain(repo.id());
        assertThat(listed(reporter.token(), name)).doesNotContain(repo.id());
        assertThat(listed(repo.token(), name)).contains(repo.id());
        assertThat(listed(moderator.token(), name)).contains(repo.id());
        given().get("/api/models/" + repo.id()).then().statusCode(200);

        given().get("/api/v1/reports/mine").then().statusCode(401);
        given().auth().oauth2(reporter.token()).get("/api/v1/reports/mine").then().statusCode(200)
                .body("[0].id", equalTo((int) id)).body("[0].status", equalTo("hidden"))
                .body("[0].outcome", equalTo("Hidden as spam")).body("[0]", not(org.hamcrest.Matchers.hasKey("reporter")));
        given().auth().oauth2(moderator.token()).get("/api/v1/reports/mine").then().statusCode(200).body("id", not(hasItem((int) id)));
    }

    @Test
    void quarantiningFromAReportRefusesTheReportedFile() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        TestRepos.commit(repo, "main", TestRepos.ndjson("model").file("stolen.bin", "secret").file("ok.txt", "fine"));
        Moderators.User reporter = Moderators.newUser();
        Moderators.User moderator = Moderators.newModerator();
        long id = ((Number) report(reporter.token(), repo, Map.of("reason", "copyright", "details", "My weights", "path", "stolen.bin"))
                .then().statusCode(201).body("path", equalTo("stolen.bin")).extract().path("id")).longValue();
        act(moderator.token(), id, "quarantine", "Copyright claim under review").then().statusCode(200)
                .body("status", equalTo("quarantined"));
        given().get("/" + repo.id() + "/resolve/main/stolen.bin").then().statusCode(403).header("X-Error-Code", "DisabledRepo");
        given().get("/" + repo.id() + "/resolve/main/ok.txt").then().statusCode(200);

        long other = ((Number) report(reporter.token(), repo, Map.of("reason", "other", "details", "meh"))
                .then().statusCode(201).extract().path("id")).longValue();
        act(moderator.token(), other, "contact-owner", "Please add a licence").then().statusCode(200).body("status", equalTo("contacted"));
        given().auth().oauth2(reporter.token()).get("/api/v1/reports/mine").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.contains("contacted", "quarantined"));
    }

    @Test
    void privateRepositoriesCannotBeReportedByStrangers() {
        TestRepos.Owned repo = TestRepos.newRepo("model", true);
        Moderators.User stranger = Moderators.newUser();
        report(stranger.token(), repo, Map.of("reason", "spam", "details", "x")).then().statusCode(404);
        report(repo.token(), repo, Map.of("reason", "other", "details", "my own")).then().statusCode(201);
    }
}
