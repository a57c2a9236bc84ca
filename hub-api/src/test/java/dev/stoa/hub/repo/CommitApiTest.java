package dev.stoa.hub.repo;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.testing.ClientAddress;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
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
import static org.hamcrest.Matchers.notNullValue;

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
        assertThat((String) second.path("commitUrl")).isEqualTo(ClientAddress.base() + "/" + repo.id() + "/commit/" + oid);
        assertThat(RefsFixture.head(repo, "main")).isEqualTo(oid);
        given().get("/api/models/" + repo.id() + "/commits/main").then()
                .body("title", equalTo(List.of("Add readme", "Add config", "initial commit")));
    }

    @Test
    void aStaleParentCommitIsRefusedWith412AndTheBranchStays() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String first = RefsFixture.head(repo, "main");
        String second = commit(repo, "main", ndjson("Move on").file("a.txt", "a"));
        TestRepos.postCommit(repo.token(), repo, "main", ndjson("Late").header("Late", first).file("b.txt", "b"))
                .then().statusCode(412).header("X-Error-Code", notNullValue())
                .header("X-Error-Message", containsString(second))
                .body("error", containsString("parentCommit"));
        assertThat(RefsFixture.head(repo, "main")).isEqualTo(second);
    }

    @Test
    void createsAPullRequestAndCommitsToItByItsEncodedRef() {
        TestRepos.Owned repo = TestRepos.newRepo("dataset", false);
        String main = RefsFixture.head(repo, "main");
        ExtractableResponse<Response> pr = given().auth().oauth2(repo.token()).contentType("application/x-ndjson")
                .body(ndjson("Proposal").file("p.txt", "p").toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/datasets/" + repo.id() + "/commit/main?create_pr=1").then().statusCode(200).extract();
        assertThat((String) pr.path("pullRequestUrl")).isEqualTo(ClientAddress.base() + "/datasets/" + repo.id() + "/discussions/1");
        assertThat(RefsFixture.head(repo, "main")).isEqualTo(main);

        String next = given().urlEncodingEnabled(false).auth().oauth2(repo.token()).contentType("application/x-ndjson")
                .body(ndjson("Follow-up").header("Follow-up", pr.path("commitOid")).file("q.txt", "q").toString()
                        .getBytes(StandardCharsets.UTF_8))
                .post("/api/datasets/" + repo.id() + "/commit/refs%2Fpr%2F1").then().statusCode(200).extract().path("commitOid");
        given().get("/api/datasets/" + repo.id() + "/refs?include_prs=1").then()
                .body("pullRequests[0].targetCommit", equalTo(next));
        given().urlEncodingEnabled(false).get("/api/datasets/" + repo.id() + "/commits/refs%2Fpr%2F1").then()
                .body("title", equalTo(List.of("Follow-up", "Proposal", "initial commit")));
        assertThat(RefsFixture.head(repo, "main")).isEqualTo(main);
    }

    @Test
    void deletesFilesAndFoldersAndRefusesMissingOnesWithEntryNotFound() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String base = commit(repo, "main", ndjson("Add").file("keep.txt", "k").file("dir/a.txt", "a").file("dir/sub/b.txt", "b"));
        TestRepos.postCommit(repo.token(), repo, "main", ndjson("Remove").delete("missing.txt"))
                .then().statusCode(404).header("X-Error-Code", "EntryNotFound").header("X-Repo-Commit", base);
        TestRepos.postCommit(repo.token(), repo, "main", ndjson("Remove").deleteFolder("nothing/"))
                .then().statusCode(404).header("X-Error-Code", "EntryNotFound");
        assertThat(RefsFixture.head(repo, "main")).isEqualTo(base);

        commit(repo, "main", ndjson("Remove dir").deleteFolder("dir/"));
        Map<String, Map<String, Object>> after = PreuploadFixture.oids(repo, "keep.txt", "dir/a.txt", "dir/sub/b.txt");
        assertThat(after.get("keep.txt")).containsKey("oid");
        assertThat(after.get("dir/a.txt")).doesNotContainKey("oid");
        assertThat(after.get("dir/sub/b.txt")).doesNotContainKey("oid");
        commit(repo, "main", ndjson("Remove keep").delete("keep.txt"));
        assertThat(PreuploadFixture.oids(repo, "keep.txt").get("keep.txt")).doesNotContainKey("oid");
    }

    @Test
    void commitsNeedWriteAccessAndPrivateReposStayHidden() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        TestRepos.Owned secret = TestRepos.newRepo("model", true);
        String head = RefsFixture.head(repo, "main");
        TestRepos.Ndjson body = ndjson("Intrude").file("x.txt", "x");
        TestRepos.postCommit(null, repo, "main", body).then().statusCode(401);
        TestRepos.postCommit(TestAccounts.tokenOf(repo.user(), "read"), repo, "main", body).then().statusCode(403);
        TestRepos.postCommit(TestAccounts.tokenOf(TestAccounts.newUser(), "write"), repo, "main", body).then().statusCode(403);
        TestRepos.postCommit(TestAccounts.tokenOf(TestAccounts.newUser(), "write"), secret, "main", body)
                .then().statusCode(404).header("X-Error-Code", "RepoNotFound");
        TestRepos.postCommit(null, secret, "main", body).then().statusCode(401).header("X-Error-Code", "RepoNotFound");
        assertThat(RefsFixture.head(repo, "main")).isEqualTo(head);
    }

    @Test
    void aCommitBodyLargerThanTheJsonBodyLimitGoesThroughUpToTheCommitPayloadLimit() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        // 9 MiB of text is 12 MiB of base64: over Quarkus's 10 MiB body limit, under Stoa's commit payload limit.
        String text = "0123456789abcdef".repeat(9 * 1024 * 1024 / 16);
        String oid = commit(repo, "main", ndjson("Large text").file("corpus.txt", text));
        io.restassured.RestAssured.given().head("/" + repo.id() + "/resolve/" + oid + "/corpus.txt")
                .then().statusCode(200).header("Content-Length", String.valueOf(text.length()));
    }

    @Test
    void operationsApplyInTheOrderSent() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        commit(repo, "main", ndjson("Old").file("dir/old.txt", "old"));
        commit(repo, "main", ndjson("Replace the folder").deleteFolder("dir").file("dir/new.txt", "new"));
        Map<String, Map<String, Object>> replaced = PreuploadFixture.oids(repo, "dir/old.txt", "dir/new.txt");
        assertThat(replaced.get("dir/old.txt")).doesNotContainKey("oid");
        assertThat(replaced.get("dir/new.txt")).containsKey("oid");

        commit(repo, "main", ndjson("Add then drop").file("tmp/a.txt", "a").deleteFolder("tmp"));
        assertThat(PreuploadFixture.oids(repo, "tmp/a.txt").get("tmp/a.txt")).doesNotContainKey("oid");
    }
}
