package dev.stoa.hub.repo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static dev.stoa.hub.repo.TestRepos.commit;
import static dev.stoa.hub.repo.TestRepos.ndjson;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class CommitApiTest {

    @Test
    void commitsFilesAndAnswersWithTheCommitUrl() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String first = commit(repo, "main", ndjson("Add config").file("config.json", "{\"a\":1}"));
        assertThat(first).matches("[0-9a-f]{40}");
        ExtractableResponse<Response> second = TestRepos.postCommit(repo.token(), repo, "main",
                        ndjson("Add readme").header("Add readme", first).file("README.md", "# hi"))
                .then().statusCode(200).extract();
        String oid = second.path("commitOid");
        assertThat(oid).matches("[0-9a-f]{40}").isNotEqualTo(first);
        assertThat((String) second.path("commitUrl")).isEqualTo("http://localhost:8080/" + repo.id() + "/commit/" + oid);
    }
}
