package dev.stoa.hub.repo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.stoa.hub.repo.TestRepos.ndjson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * The configurable commit limits, lowered so that tests reach them cheaply; each refusal names its limit.
 * (The regular-file limit stays above the size of the .gitattributes every new repository starts with.)
 */
@QuarkusTest
@TestProfile(CommitLimitsTest.LowLimits.class)
class CommitLimitsTest {

    public static final class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("stoa.repos.limits.max-files-per-commit", "3",
                    "stoa.repos.limits.max-commit-payload-bytes", "16384",
                    "stoa.repos.limits.max-regular-file-bytes", "4096",
                    "stoa.repos.limits.max-path-bytes", "64");
        }
    }

    @Test
    void refusesTooManyFiles() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String head = RefsFixture.head(repo, "main");
        TestRepos.postCommit(repo.token(), repo, "main", ndjson("Many").file("a", "a").file("b", "b").file("c", "c").file("d", "d"))
                .then().statusCode(413).header("X-Error-Message", containsString("max-files-per-commit"));
        assertThat(RefsFixture.head(repo, "main")).isEqualTo(head);
        TestRepos.commit(repo, "main", ndjson("Three").file("a", "a").file("b", "b").file("c", "c"));
    }

    @Test
    void refusesAnOversizedPayloadAndARegularFileOverTheLimit() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String head = RefsFixture.head(repo, "main");
        TestRepos.postCommit(repo.token(), repo, "main", ndjson("Huge").file("a.txt", "x".repeat(14000)))
                .then().statusCode(413).header("X-Error-Message", containsString("max-commit-payload-bytes"));
        TestRepos.postCommit(repo.token(), repo, "main", ndjson("Large").file("a.txt", "x".repeat(4097)))
                .then().statusCode(413).header("X-Error-Message", containsString("LFS"));
        TestRepos.postCommit(repo.token(), repo, "main", ndjson("Long path").file("p".repeat(65), "x"))
                .then().statusCode(400).header("X-Error-Message", containsString("max-path-bytes"));
        assertThat(RefsFixture.head(repo, "main")).isEqualTo(head);
        TestRepos.commit(repo, "main", ndjson("Fits").file("a.txt", "x".repeat(4096)));
    }

    @Test
    void preuploadSendsFilesOverTheRegularLimitThroughLfs() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        Map<String, Map<String, Object>> modes = PreuploadFixture.oids(repo, "small.txt");
        assertThat(modes.get("small.txt")).containsEntry("uploadMode", "regular");
        String mode = io.restassured.RestAssured.given().auth().oauth2(repo.token()).contentType("application/json")
                .body(Map.of("files", java.util.List.of(PreuploadApiTest.file("big.txt", "text", 4097))))
                .post("/api/models/" + repo.id() + "/preupload/main").then().statusCode(200).extract().path("files[0].uploadMode");
        assertThat(mode).isEqualTo("lfs");
    }
}
