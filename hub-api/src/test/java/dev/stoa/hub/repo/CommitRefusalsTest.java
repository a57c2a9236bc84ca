package dev.stoa.hub.repo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.stoa.hub.repo.TestRepos.ndjson;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

/** Bad commit bodies: each a 4xx that says what is wrong, and the branch does not move. */
@QuarkusTest
class CommitRefusalsTest {

    @Test
    void refusesMalformedBodies() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String head = RefsFixture.head(repo, "main");
        refused(repo, ndjson("Broken").raw("{\"key\":\"file\",\"value\":{\"path\":"), "Line 2");
        refused(repo, ndjson("Broken").raw("[1,2]"), "Line 2");
        refused(repo, ndjson("Unknown").line("copyFile", Map.of("path", "a")), "unknown operation key 'copyFile'");
        refused(repo, new TestRepos.Ndjson().file("a.txt", "a"), "no header");
        refused(repo, ndjson("No content").line("file", Map.of("path", "a.txt", "encoding", "base64")), "content");
        refused(repo, ndjson("Bad base64").line("file", Map.of("path", "a.txt", "content", "not base64!", "encoding", "base64")),
                "base64");
        refused(repo, new TestRepos.Ndjson().line("header", Map.of("summary", "")).file("a.txt", "a"), "summary");
        refused(repo, ndjson("Twice").file("a.txt", "a").file("a.txt", "b"), "twice");
        refused(repo, ndjson("Bad parent").header("Bad parent", "HEAD~1").file("a.txt", "a"), "40 lowercase hex");
        assertThat(RefsFixture.head(repo, "main")).isEqualTo(head);
    }

    @Test
    void refusesPathsOutsideTheRules() {
        TestRepos.Owned repo = TestRepos.newRepo("dataset", false);
        String head = RefsFixture.head(repo, "main");
        for (String path : new String[] {"../x", "a/../../x", "/abs", "a/.git/config", ".git/HEAD", "a\u0000b", "a\nb",
                "a\\b", "a//b", "x".repeat(1025)}) {
            send(repo, ndjson("Bad path").file(path, "x")).then().statusCode(400).header("X-Error-Code", notNullValue());
        }
        send(repo, ndjson("Bad path").file("ok.txt", "x").delete("../etc/passwd")).then().statusCode(400);
        assertThat(RefsFixture.head(repo, "main")).isEqualTo(head);
    }

    @Test
    void refusesAFileInPlaceOfAFolderAndBelowAFile() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String head = TestRepos.commit(repo, "main", ndjson("Add").file("dir/a.txt", "a").file("file", "f"));
        refused(repo, ndjson("Over folder").file("dir", "x"), "is a folder");
        refused(repo, ndjson("Below file").file("file/b.txt", "x"), "is a file");
        assertThat(RefsFixture.head(repo, "main")).isEqualTo(head);
    }

    @Test
    void refusesUnknownBranchesAndInvalidRevisions() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        send(repo, ndjson("Nowhere").file("a.txt", "a"), "nope").then().statusCode(404).header("X-Error-Code", "RevisionNotFound");
        send(repo, ndjson("Nowhere").file("a.txt", "a"), "refs%2Ftags%2Fv1").then().statusCode(400);
    }

    private static void refused(TestRepos.Owned repo, TestRepos.Ndjson body, String messagePart) {
        send(repo, body).then().statusCode(400).header("X-Error-Code", notNullValue())
                .header("X-Error-Message", containsString(messagePart)).body("error", containsString(messagePart));
    }

    private static Response send(TestRepos.Owned repo, TestRepos.Ndjson body) {
        return send(repo, body, "main");
    }

    private static Response send(TestRepos.Owned repo, TestRepos.Ndjson body, String encodedRevision) {
        return given().urlEncodingEnabled(false).auth().oauth2(repo.token()).contentType("application/x-ndjson")
                .body(body.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/" + repo.plural() + "/" + repo.id() + "/commit/" + encodedRevision);
    }
}
