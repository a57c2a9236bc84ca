package dev.stoa.hub.hf;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.repo.TestRepos;
import dev.stoa.hub.testing.ClientAddress;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.stoa.hub.repo.TestRepos.commit;
import static dev.stoa.hub.repo.TestRepos.ndjson;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class RepoMoveApiTest {

    @Test
    void aMovedRepositoryKeepsItsHistoryAndTheOldNameIsGone() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String oid = commit(repo, "main", ndjson("Add").file("config.json", "{}"));
        String target = repo.user() + "/" + TestAccounts.randomName("renamed");
        move(repo.token(), repo.id(), target, "model").then().statusCode(200)
                .body("url", equalTo(ClientAddress.base() + "/" + target));
        given().get("/api/models/" + target).then().statusCode(200).body("sha", equalTo(oid)).body("id", equalTo(target));
        given().get("/api/models/" + repo.id()).then().statusCode(401).header("X-Error-Code", "RepoNotFound");
        given().auth().oauth2(repo.token()).get("/api/models/" + repo.id()).then().statusCode(404);
    }

    @Test
    void datasetsMoveIntoAnotherWritableNamespace() {
        TestRepos.Owned repo = TestRepos.newRepo("dataset", false);
        String org = TestAccounts.randomName("org");
        given().auth().oauth2(repo.token()).contentType(ContentType.JSON).body(Map.of("name", org))
                .post("/api/v1/organizations").then().statusCode(201);
        String target = org + "/" + repo.id().split("/")[1];
        move(repo.token(), repo.id(), target, "dataset").then().statusCode(200);
        given().get("/api/datasets/" + target).then().statusCode(200).body("author", equalTo(org));
    }

    @Test
    void anExistingTargetIsAConflict() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String other = TestRepos.create(repo.token(), repo.user(), "model", false);
        move(repo.token(), repo.id(), other, "model").then().statusCode(409).header("X-Error-Code", "RepoExists");
        given().get("/api/models/" + repo.id()).then().statusCode(200);
    }

    @Test
    void onlyWritersOfBothSidesMayMove() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String target = repo.user() + "/" + TestAccounts.randomName("x");
        move(null, repo.id(), target, "model").then().statusCode(401);
        String strangerName = TestAccounts.newUser();
        String stranger = TestAccounts.tokenOf(strangerName, "write");
        move(stranger, repo.id(), strangerName + "/stolen", "model").then().statusCode(403);
        TestRepos.Owned hidden = TestRepos.newRepo("model", true);
        move(stranger, hidden.id(), strangerName + "/stolen", "model").then().statusCode(404).header("X-Error-Code", "RepoNotFound");
        move(repo.token(), repo.id(), strangerName + "/gift", "model").then().statusCode(403);
        move(repo.token(), repo.id(), "no-such-namespace-" + TestAccounts.randomName("n") + "/x", "model").then().statusCode(404);
        move(repo.token(), repo.id(), "not-an-id", "model").then().statusCode(400);
        given().get("/api/models/" + repo.id()).then().statusCode(200);
    }

    private static io.restassured.response.Response move(String token, String from, String to, String type) {
        var request = given().contentType(ContentType.JSON).body(Map.of("fromRepo", from, "toRepo", to, "type", type));
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.post("/api/repos/move");
    }
}
