package dev.stoa.hub.files;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.repo.TestRepos;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.stoa.hub.repo.TestRepos.commit;
import static dev.stoa.hub.repo.TestRepos.ndjson;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** huggingface_hub's get_paths_info: POST /api/{type}s/{ns}/{name}/paths-info/{rev}, form-encoded. */
@QuarkusTest
class PathsInfoApiTest {

    @Test
    void answersTheEntriesOfExistingPathsAndLeavesMissingOnesOut() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String oid = commit(repo, "main", ndjson("Add").file("config.json", "{}").file("dir/a.txt", "a"));

        List<Map<String, Object>> entries = given().auth().oauth2(repo.token())
                .formParam("paths", "dir", "missing.bin", "config.json")
                .formParam("expand", "True")
                .post("/api/models/" + repo.id() + "/paths-info/main")
                .then().statusCode(200).extract().jsonPath().getList("$");

        assertThat(entries).extracting(e -> e.get("path")).containsExactly("dir", "config.json");
        assertThat(entries.get(0)).containsEntry("type", "directory");
        assertThat(entries.get(1)).containsEntry("type", "file").containsEntry("size", 2)
                .containsEntry("oid", TreeApiTest.gitBlobSha1("{}"));
        assertThat(entries.get(1).get("lastCommit")).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) entries.get(1).get("lastCommit")).get("id")).isEqualTo(oid);
    }

    @Test
    void withoutExpandThereIsNoLastCommit() {
        TestRepos.Owned repo = TestRepos.newRepo("dataset", false);
        commit(repo, "main", ndjson("Add").file("a.csv", "x"));

        List<Map<String, Object>> entries = given().auth().oauth2(repo.token())
                .formParam("paths", "a.csv").formParam("expand", "false")
                .post("/api/datasets/" + repo.id() + "/paths-info/main")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0)).doesNotContainKeys("lastCommit", "securityFileStatus", "lfs");
    }

    @Test
    void encodedRevisionsUnknownRevisionsAndPrivateRepositories() {
        TestRepos.Owned repo = TestRepos.newRepo("model", true);
        commit(repo, "main", ndjson("Add").file("a.txt", "1"));

        given().urlEncodingEnabled(false).auth().oauth2(repo.token()).formParam("paths", "a.txt")
                .post("/api/models/" + repo.id() + "/paths-info/refs%2Fheads%2Fmain")
                .then().statusCode(200).body("path", org.hamcrest.Matchers.contains("a.txt"));
        given().auth().oauth2(repo.token()).formParam("paths", "a.txt")
                .post("/api/models/" + repo.id() + "/paths-info/nope")
                .then().statusCode(404).header("X-Error-Code", "RevisionNotFound");
        given().formParam("paths", "a.txt").post("/api/models/" + repo.id() + "/paths-info/main")
                .then().statusCode(401).header("X-Error-Code", "RepoNotFound");
        given().auth().oauth2(TestAccounts.tokenOf(TestAccounts.newUser(), "read")).formParam("paths", "a.txt")
                .post("/api/models/" + repo.id() + "/paths-info/main")
                .then().statusCode(404).header("X-Error-Code", "RepoNotFound");
    }
}
