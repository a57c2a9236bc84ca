package dev.stoa.hub.hf;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.repo.TestRepos;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class RepoSettingsApiTest {

    @Test
    void privateAndVisibilityHideAndShowTheRepository() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        put(repo.token(), repo, Map.of("private", true)).then().statusCode(200).body("private", equalTo(true));
        given().get("/api/models/" + repo.id()).then().statusCode(401).header("X-Error-Code", "RepoNotFound");
        put(repo.token(), repo, Map.of("visibility", "public")).then().statusCode(200).body("visibility", equalTo("public"));
        given().get("/api/models/" + repo.id()).then().statusCode(200).body("private", equalTo(false));
    }

    @Test
    void gatingIsAutoManualOrFalse() {
        TestRepos.Owned repo = TestRepos.newRepo("dataset", false);
        put(repo.token(), repo, Map.of("gated", "manual")).then().statusCode(200);
        given().get("/api/datasets/" + repo.id()).then().body("gated", equalTo("manual"));
        put(repo.token(), repo, Map.of("gated", "auto")).then().statusCode(200);
        given().get("/api/datasets/" + repo.id()).then().body("gated", equalTo("auto"));
        put(repo.token(), repo, Map.of("gated", false)).then().statusCode(200);
        given().get("/api/datasets/" + repo.id()).then().body("gated", equalTo(false));
    }

    @Test
    void badValuesNameTheFieldAndWhatIsAllowed() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        put(repo.token(), repo, Map.of("gated", "sometimes")).then().statusCode(400)
                .header("X-Error-Message", containsString("\"auto\", \"manual\" or false"));
        put(repo.token(), repo, Map.of("gated", true)).then().statusCode(400).header("X-Error-Message", containsString("gated"));
        put(repo.token(), repo, Map.of("visibility", "internal")).then().statusCode(400)
                .header("X-Error-Message", containsString("\"public\" or \"private\""));
        put(repo.token(), repo, Map.of("private", "yes")).then().statusCode(400)
                .header("X-Error-Message", containsString("\"private\" must be true or false"));
        given().get("/api/models/" + repo.id()).then().body("private", equalTo(false)).body("gated", equalTo(false));
    }

    @Test
    void onlyWritersMayChangeSettings() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        put(null, repo, Map.of("private", true)).then().statusCode(401).header("X-Error-Code", "RepoNotFound");
        String stranger = TestAccounts.tokenOf(TestAccounts.newUser(), "write");
        put(stranger, repo, Map.of("private", true)).then().statusCode(403);
        put(TestAccounts.tokenOf(repo.user(), "read"), repo, Map.of("private", true)).then().statusCode(403);
        TestRepos.Owned hidden = TestRepos.newRepo("model", true);
        put(stranger, hidden, Map.of("private", false)).then().statusCode(404).header("X-Error-Code", "RepoNotFound");
        given().get("/api/models/" + repo.id()).then().statusCode(200).body("private", equalTo(false));
    }

    private static io.restassured.response.Response put(String token, TestRepos.Owned repo, Map<String, ?> body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.put("/api/" + repo.plural() + "/" + repo.id() + "/settings");
    }
}
