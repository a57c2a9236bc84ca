package dev.stoa.hub.identity;

import dev.stoa.hub.repo.TestRepos;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.stoa.hub.identity.TestAccounts.PASSWORD;
import static dev.stoa.hub.repo.TestRepos.ndjson;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** Tokens limited to listed repositories or to one organisation, as clients notice them. */
@QuarkusTest
class TokenRestrictionApiTest {

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, PASSWORD).contentType(ContentType.JSON);
    }

    private static String restrictedToken(String user, String scope, String key, Object value) {
        return as(user).body(Map.of("name", "limited", "scope", scope, key, value)).post("/api/v1/tokens")
                .then().statusCode(201).extract().path("token");
    }

    private static TestRepos.Owned repoOf(String user, String token, String type, boolean isPrivate) {
        return new TestRepos.Owned(user, token, TestRepos.create(token, user, type, isPrivate), type);
    }

    @Test
    void aTokenLimitedToRepositoriesActsOnThoseOnly() {
        TestRepos.Owned inside = TestRepos.newRepo("model", true);
        TestRepos.Owned dataset = repoOf(inside.user(), inside.token(), "dataset", true);
        TestRepos.Owned privateOutside = repoOf(inside.user(), inside.token(), "model", true);
        TestRepos.Owned publicOutside = repoOf(inside.user(), inside.token(), "model", false);
        String limited = restrictedToken(inside.user(), "write", "repositories", List.of(inside.id(), "datasets/" + dataset.id()));

        given().auth().oauth2(limited).get("/api/models/" + inside.id()).then().statusCode(200);
        given().auth().oauth2(limited).get("/api/datasets/" + dataset.id()).then().statusCode(200);
        given().auth().oauth2(limited).get("/api/models/" + publicOutside.id()).then().statusCode(200);
        // A private repository outside the limit answers exactly like a missing one.
        given().auth().oauth2(limited).get("/api/models/" + privateOutside.id())
                .then().statusCode(404).header("X-Error-Code", "RepoNotFound");

        TestRepos.postCommit(limited, inside, "main", ndjson("inside").file("a.txt", "a")).then().statusCode(200);
        TestRepos.postCommit(limited, publicOutside, "main", ndjson("outside").file("a.txt", "a"))
                .then().statusCode(403)
                .header("X-Error-Message", containsString("limited to the repositories"))
                .header("X-Error-Message", containsString(inside.id()));

        given().auth().oauth2(limited).contentType(ContentType.JSON)
                .body(Map.of("name", TestAccounts.randomName("repo"), "type", "model")).post("/api/repos/create")
                .then().statusCode(403).header("X-Error-Message", containsString("never creates"));
        given().auth().oauth2(limited).contentType(ContentType.JSON).body(Map.of("name", "more", "scope", "write"))
                .post("/api/v1/tokens").then().statusCode(403).body("detail", containsString("unrestricted token"));
        given().auth().oauth2(limited).contentType(ContentType.JSON).body(Map.of("name", TestAccounts.randomName("org")))
                .post("/api/v1/organizations").then().statusCode(403);

        // The listing keeps private repositories outside the limit out; whoami keeps its shape.
        given().auth().oauth2(limited).queryParam("author", inside.user()).get("/api/models")
                .then().statusCode(200)
                .body("id", hasItem(inside.id())).body("id", hasItem(publicOutside.id()))
                .body("id", not(hasItem(privateOutside.id())));
        given().auth().oauth2(limited).get("/api/whoami-v2").then().statusCode(200)
                .body("auth.accessToken.role", equalTo("write"));

        as(inside.user()).get("/api/v1/tokens").then().statusCode(200)
                .body("find { it.name == 'limited' }.repositories", equalTo(List.of("datasets/" + dataset.id(), inside.id())))
                .body("find { it.name == 'test' }.repositories", nullValue());
    }

    @Test
    void aReadTokenLimitedToARepositoryReadsItOnly() {
        TestRepos.Owned inside = TestRepos.newRepo("model", true);
        TestRepos.Owned outside = repoOf(inside.user(), inside.token(), "model", true);
        String limited = restrictedToken(inside.user(), "read", "repositories", List.of(inside.id()));
        given().auth().oauth2(limited).get("/api/models/" + inside.id()).then().statusCode(200);
        given().auth().oauth2(limited).get("/api/models/" + outside.id()).then().statusCode(404);
        TestRepos.postCommit(limited, inside, "main", ndjson("x").file("a.txt", "a"))
                .then().statusCode(403).header("X-Error-Message", containsString("read-only"));
    }

    @Test
    void restrictionsNameRepositoriesTheCreatorMayRead() {
        String user = TestAccounts.newUser();
        TestRepos.Owned strangers = TestRepos.newRepo("model", true);
        TestRepos.Owned publicRepo = TestRepos.newRepo("model", false);
        as(user).body(Map.of("name", "t", "scope", "read", "repositories", List.of(strangers.id())))
                .post("/api/v1/tokens").then().statusCode(404).body("code", equalTo("RepoNotFound"))
                .body("detail", containsString("Cannot limit the token to " + strangers.id()));
        as(user).body(Map.of("name", "t", "scope", "read", "repositories", List.of(user + "/" + TestAccounts.randomName("ghost"))))
                .post("/api/v1/tokens").then().statusCode(404);
        as(user).body(Map.of("name", "t", "scope", "read", "repositories", List.of("no-slash")))
                .post("/api/v1/tokens").then().statusCode(400).body("errors[0].field", equalTo("repositories"));
        as(user).body(Map.of("name", "t", "scope", "read", "repositories", List.of()))
                .post("/api/v1/tokens").then().statusCode(400).body("errors[0].field", equalTo("repositories"));
        as(user).body(Map.of("name", "t", "scope", "read", "repositories", List.of(publicRepo.id()), "organization", "x"))
                .post("/api/v1/tokens").then().statusCode(400).body("detail", containsString("not both"));
        // A public repository of someone else is fine: the token then reads it (and writes nothing).
        as(user).body(Map.of("name", "t", "scope", "read", "repositories", List.of("models/" + publicRepo.id())))
                .post("/api/v1/tokens").then().statusCode(201).body("repositories", equalTo(List.of(publicRepo.id())));
    }

    @Test
    void aTokenLimitedToAnOrganisationActsInsideIt() {
        String user = TestAccounts.newUser();
        String userToken = TestAccounts.tokenOf(user, "write");
        String org = TestOrgs.newOrg(user);
        TestRepos.Owned orgRepo = new TestRepos.Owned(user, userToken, TestRepos.create(userToken, org, "model", true), "model");
        TestRepos.Owned ownRepo = repoOf(user, userToken, "model", true);
        String limited = restrictedToken(user, "write", "organization", org);

        given().auth().oauth2(limited).get("/api/models/" + orgRepo.id()).then().statusCode(200);
        given().auth().oauth2(limited).get("/api/models/" + ownRepo.id()).then().statusCode(404);
        TestRepos.postCommit(limited, orgRepo, "main", ndjson("in org").file("a.txt", "a")).then().statusCode(200);
        TestRepos.create(limited, org, "dataset", false);
        given().auth().oauth2(limited).contentType(ContentType.JSON)
                .body(Map.of("name", TestAccounts.randomName("repo"), "type", "model")).post("/api/repos/create")
                .then().statusCode(403).header("X-Error-Message", containsString("limited to the organisation " + org));
        given().auth().oauth2(limited).contentType(ContentType.JSON).body(Map.of("user", TestAccounts.newUser(), "role", "read"))
                .post("/api/v1/organizations/" + org + "/members").then().statusCode(403);
        as(user).get("/api/v1/tokens").then().body("find { it.name == 'limited' }.organization", equalTo(org));

        String outsider = TestAccounts.newUser();
        as(outsider).body(Map.of("name", "t", "scope", "read", "organization", org)).post("/api/v1/tokens")
                .then().statusCode(403).body("detail", containsString("not a member of " + org));
        as(outsider).body(Map.of("name", "t", "scope", "read", "organization", TestAccounts.randomName("ghost")))
                .post("/api/v1/tokens").then().statusCode(404).body("code", equalTo("OrganizationNotFound"));
    }

    @Test
    void aDeletedRepositoryLeavesTheRestrictionAndItsNameIsNotReusedByIt() {
        TestRepos.Owned repo = TestRepos.newRepo("model", true);
        String limited = restrictedToken(repo.user(), "write", "repositories", List.of(repo.id()));
        given().auth().oauth2(repo.token()).contentType(ContentType.JSON)
                .body(Map.of("name", repo.id(), "type", "model")).delete("/api/repos/delete").then().statusCode(200);
        as(repo.user()).get("/api/v1/tokens").then()
                .body("find { it.name == 'limited' }.repositories", equalTo(List.of()));

        given().auth().oauth2(repo.token()).contentType(ContentType.JSON)
                .body(Map.of("name", repo.id(), "type", "model", "private", true)).post("/api/repos/create").then().statusCode(200);
        given().auth().oauth2(limited).get("/api/models/" + repo.id()).then().statusCode(404);
        TestRepos.postCommit(limited, repo, "main", ndjson("x").file("a.txt", "a"))
                .then().statusCode(404).header("X-Error-Code", "RepoNotFound");
    }

    @Test
    void aRestrictedTokenRevokesOnlyItself() {
        String user = TestAccounts.newUser();
        String other = TestAccounts.tokenOf(user, "write");
        TestRepos.Owned repo = repoOf(user, other, "model", false);
        String limited = restrictedToken(user, "write", "repositories", List.of(repo.id()));
        List<Map<String, Object>> tokens = as(user).get("/api/v1/tokens").then().extract().jsonPath().getList("$");
        Object otherId = tokens.stream().filter(t -> t.get("name").equals("test")).findFirst().orElseThrow().get("id");
        Object ownId = tokens.stream().filter(t -> t.get("name").equals("limited")).findFirst().orElseThrow().get("id");
        given().auth().oauth2(limited).delete("/api/v1/tokens/" + otherId).then().statusCode(403);
        given().auth().oauth2(limited).delete("/api/v1/tokens/" + ownId).then().statusCode(204);
    }
}
