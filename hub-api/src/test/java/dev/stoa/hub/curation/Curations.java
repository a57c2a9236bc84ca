package dev.stoa.hub.curation;

import dev.stoa.hub.testing.Eventually;
import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.identity.TestOrgs;
import dev.stoa.hub.repo.TestRepos;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Curation steps through the public API, for tests. */
public final class Curations {

    private Curations() {
    }

    public static String url(TestRepos.Owned repo) {
        return "/api/v1/repos/" + repo.plural() + "/" + repo.id() + "/curation";
    }

    /** A new platform curator's write token. */
    public static String newCurator() {
        String curator = TestAccounts.newUser();
        TestOrgs.setPlatformRole(curator, "curator");
        return TestAccounts.tokenOf(curator, "write");
    }

    /** A commit whose checks all pass: a card with a licence and a small config. */
    public static String cleanCommit(TestRepos.Owned repo, String summary) {
        String commit = TestRepos.commit(repo, "main", TestRepos.ndjson(summary)
                .file("README.md", "---\nlicense: apache-2.0\n---\n# Model " + summary + "\n")
                .file("config.json", "{\"n\": \"" + summary + "\"}"));
        awaitChecks(repo, commit);
        return commit;
    }

    /** Waits (at most 60 s) until the commit has check runs and none is queued or running. */
    public static void awaitChecks(TestRepos.Owned repo, String commit) {
        Eventually.await("The checks of " + commit,
                () -> given().auth().oauth2(repo.token()).queryParam("revision", commit)
                        .get("/api/v1/repos/" + repo.plural() + "/" + repo.id() + "/checks")
                        .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("checks"),
                runs -> !runs.isEmpty() && runs.stream().noneMatch(r -> List.of("queued", "running").contains(r.get("status"))));
    }

    public static Response submit(String token, TestRepos.Owned repo, Map<String, Object> body) {
        var request = given();
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.contentType(ContentType.JSON).body(body).post(url(repo));
    }

    public static Response decide(String token, TestRepos.Owned repo, long id, String decision, String comment) {
        var request = given();
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.contentType(ContentType.JSON).body(Map.of("comment", comment)).post(url(repo) + "/" + id + "/" + decision);
    }

    /** A repository with a clean commit submitted by its owner and approved by a new platform curator; the approval's JSON. */
    public static JsonPath approvedRepo(TestRepos.Owned repo) {
        String commit = cleanCommit(repo, "first");
        long id = submit(repo.token(), repo, Map.of("revision", "main", "note", "ready"))
                .then().statusCode(201).extract().jsonPath().getLong("request.id");
        JsonPath approved = decide(newCurator(), repo, id, "approve", "looks good").then().statusCode(200).extract().jsonPath();
        if (!approved.getString("request.commit").equals(commit)) {
            throw new AssertionError("approved " + approved.getString("request.commit") + ", not " + commit);
        }
        return approved;
    }
}
