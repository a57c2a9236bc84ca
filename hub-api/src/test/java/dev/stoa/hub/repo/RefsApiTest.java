package dev.stoa.hub.repo;

import dev.stoa.hub.identity.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.stoa.hub.repo.TestRepos.commit;
import static dev.stoa.hub.repo.TestRepos.ndjson;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class RefsApiTest {

    @Test
    void createsABranchWithASlashAtMainOrAtAStartingPointAndListsIt() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String first = RefsFixture.head(repo, "main");
        String second = commit(repo, "main", ndjson("Add a").file("a.txt", "a"));

        as(repo.token()).body(Map.of()).post(branch(repo, "feature%2Fx")).then().statusCode(200);
        as(repo.token()).body(Map.of("startingPoint", first)).post(branch(repo, "old")).then().statusCode(200);

        assertThat(RefsFixture.head(repo, "feature/x")).isEqualTo(second);
        assertThat(RefsFixture.head(repo, "old")).isEqualTo(first);
        Response refs = given().get("/api/models/" + repo.id() + "/refs");
        refs.then().statusCode(200).body("converts", equalTo(List.of())).body("$", not(hasKey("pullRequests")))
                .body("branches.find { it.name == 'feature/x' }.ref", equalTo("refs/heads/feature/x"));
        // The branch takes commits, named encoded as the client sends it.
        String onBranch = given().urlEncodingEnabled(false).auth().oauth2(repo.token()).contentType("application/x-ndjson")
                .body(ndjson("On the branch").file("b.txt", "b").toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/models/" + repo.id() + "/commit/feature%2Fx")
                .then().statusCode(200).extract().path("commitOid");
        assertThat(RefsFixture.head(repo, "feature/x")).isEqualTo(onBranch);
        assertThat(RefsFixture.head(repo, "main")).isEqualTo(second);
    }

    @Test
    void refusesAnExistingBranchAnInvalidNameAndAnUnknownStartingPoint() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        as(repo.token()).post(branch(repo, "dev")).then().statusCode(200);
        as(repo.token()).post(branch(repo, "dev")).then().statusCode(409).header("X-Error-Code", "BranchExists");
        as(repo.token()).post(branch(repo, "main")).then().statusCode(409);
        for (String bad : List.of("a..b", "a%20b", "x.lock", "refs%2Fheads%2Fy", "a~1", "end%2F")) {
            as(repo.token()).post(branch(repo, bad)).then().statusCode(400)
                    .header("X-Error-Message", containsString("not a valid branch name"));
        }
        as(repo.token()).body(Map.of("startingPoint", "nope")).post(branch(repo, "z"))
                .then().statusCode(404).header("X-Error-Code", "RevisionNotFound");
    }

    @Test
    void deletesABranchButNeverMain() {
        TestRepos.Owned repo = TestRepos.newRepo("dataset", false);
        as(repo.token()).post(branch(repo, "release%2F1")).then().statusCode(200);
        as(repo.token()).delete(branch(repo, "release%2F1")).then().statusCode(200);
        assertThat(RefsFixture.branches(repo)).containsExactly("main");
        as(repo.token()).delete(branch(repo, "release%2F1")).then().statusCode(404).header("X-Error-Code", "RevisionNotFound");
        as(repo.token()).delete(branch(repo, "main")).then().statusCode(403)
                .header("X-Error-Message", containsString("default branch"));
        assertThat(RefsFixture.branches(repo)).containsExactly("main");
    }

    @Test
    void tagsARevisionLightweightOrAnnotatedAndListsTheCommit() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String first = RefsFixture.head(repo, "main");
        String second = commit(repo, "main", ndjson("Add a").file("a.txt", "a"));

        as(repo.token()).body(Map.of("tag", "v1")).post(tag(repo, first)).then().statusCode(200);
        as(repo.token()).body(Map.of("tag", "release/v2", "message", "Second release")).post(tag(repo, "main"))
                .then().statusCode(200);

        Response refs = given().get("/api/models/" + repo.id() + "/refs");
        refs.then().statusCode(200)
                .body("tags.find { it.name == 'v1' }.targetCommit", equalTo(first))
                .body("tags.find { it.name == 'release/v2' }.targetCommit", equalTo(second))
                .body("tags.find { it.name == 'release/v2' }.ref", equalTo("refs/tags/release/v2"));
        // A tag is a revision: its history starts at the tagged commit.
        given().urlEncodingEnabled(false).get("/api/models/" + repo.id() + "/commits/release%2Fv2")
                .then().statusCode(200).body("[0].id", equalTo(second));

        as(repo.token()).body(Map.of("tag", "v1")).post(tag(repo, "main")).then().statusCode(409).header("X-Error-Code", "TagExists");
        as(repo.token()).body(Map.of("tag", "bad tag")).post(tag(repo, "main")).then().statusCode(400);
        as(repo.token()).body(Map.of()).post(tag(repo, "main")).then().statusCode(400);
        as(repo.token()).body(Map.of("tag", "v3")).post(tag(repo, "nope")).then().statusCode(404)
                .header("X-Error-Code", "RevisionNotFound");

        as(repo.token()).delete(tag(repo, "release%2Fv2")).then().statusCode(200);
        as(repo.token()).delete(tag(repo, "release%2Fv2")).then().statusCode(404);
        given().get("/api/models/" + repo.id() + "/refs").then().body("tags.name", equalTo(List.of("v1")));
    }

    @Test
    void listsPullRequestsOnlyWhenAsked() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String pr = given().auth().oauth2(repo.token()).contentType("application/x-ndjson")
                .body(ndjson("Proposal").file("p.txt", "p").toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/models/" + repo.id() + "/commit/main?create_pr=1")
                .then().statusCode(200).extract().path("commitOid");
        given().get("/api/models/" + repo.id() + "/refs?include_prs=1").then().statusCode(200)
                .body("pullRequests.ref", equalTo(List.of("refs/pr/1")))
                .body("pullRequests[0].targetCommit", equalTo(pr));
        given().get("/api/models/" + repo.id() + "/refs?include_prs=True").then().body("pullRequests.size()", equalTo(1));
    }

    @Test
    void refChangesNeedWriteAccessAndPrivateReposStayHidden() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        TestRepos.Owned secret = TestRepos.newRepo("model", true);
        String reader = TestAccounts.tokenOf(repo.user(), "read");
        String stranger = TestAccounts.tokenOf(TestAccounts.newUser(), "write");

        given().contentType(ContentType.JSON).body("{}").post(branch(repo, "x")).then().statusCode(401);
        as(reader).post(branch(repo, "x")).then().statusCode(403);
        as(stranger).post(branch(repo, "x")).then().statusCode(403);
        as(stranger).body(Map.of("tag", "t")).post(tag(repo, "main")).then().statusCode(403);
        as(stranger).delete(tag(repo, "t")).then().statusCode(403);
        as(stranger).post(branch(secret, "x")).then().statusCode(404).header("X-Error-Code", "RepoNotFound");
        as(stranger).delete(branch(secret, "x")).then().statusCode(404).header("X-Error-Code", "RepoNotFound");
        assertThat(RefsFixture.branches(repo)).containsExactly("main");

        given().get("/api/models/" + secret.id() + "/refs").then().statusCode(401).header("X-Error-Code", "RepoNotFound");
        given().auth().oauth2(stranger).get("/api/models/" + secret.id() + "/refs").then().statusCode(404);
        given().auth().oauth2(secret.token()).get("/api/models/" + secret.id() + "/refs").then().statusCode(200)
                .body("branches.name", equalTo(List.of("main")));
    }

    private static RequestSpecification as(String token) {
        return given().urlEncodingEnabled(false).auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static String branch(TestRepos.Owned repo, String encodedName) {
        return "/api/" + repo.plural() + "/" + repo.id() + "/branch/" + encodedName;
    }

    private static String tag(TestRepos.Owned repo, String encodedName) {
        return "/api/" + repo.plural() + "/" + repo.id() + "/tag/" + encodedName;
    }
}
