package dev.stoa.hub.repo;

import dev.stoa.hub.identity.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.stoa.hub.repo.TestRepos.commit;
import static dev.stoa.hub.repo.TestRepos.ndjson;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
class PreuploadApiTest {

    @Test
    void decidesLfsByAttributesSizeAndBinarySample() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        commit(repo, "main", ndjson("Track csv").file("data/.gitattributes", "*.csv filter=lfs diff=lfs merge=lfs -text\n"));
        Map<String, Map<String, Object>> modes = preupload(repo, "main", null,
                file("model.safetensors", "tiny", 4),
                file("notes.txt", "hello", 5),
                file("big.txt", "text", 10L * 1024 * 1024 + 1),
                file("blob.dat", "a\0b", 3),
                file("data/table.csv", "a,b", 3),
                file("table.csv", "a,b", 3));
        assertThat(modes.get("model.safetensors")).containsEntry("uploadMode", "lfs").containsEntry("shouldIgnore", false)
                .doesNotContainKey("oid");
        assertThat(modes.get("notes.txt")).containsEntry("uploadMode", "regular");
        assertThat(modes.get("big.txt")).containsEntry("uploadMode", "lfs");
        assertThat(modes.get("blob.dat")).containsEntry("uploadMode", "lfs");
        assertThat(modes.get("data/table.csv")).containsEntry("uploadMode", "lfs");
        assertThat(modes.get("table.csv")).containsEntry("uploadMode", "regular");
    }

    @Test
    void answersTheRemoteBlobIdSoUnchangedFilesAreSkipped() {
        TestRepos.Owned repo = TestRepos.newRepo("dataset", false);
        commit(repo, "main", ndjson("Add config").file("config/model.json", "{\"a\":1}"));
        Map<String, Map<String, Object>> modes = preupload(repo, "main", null,
                file("config/model.json", "{\"a\":1}", 7), file("config", "x", 1), file("new.json", "{}", 2));
        assertThat(modes.get("config/model.json")).containsEntry("oid", gitBlobId("{\"a\":1}"));
        assertThat(modes.get("config")).doesNotContainKey("oid");
        assertThat(modes.get("new.json")).doesNotContainKey("oid");
    }

    @Test
    void ignoresWhatGitignoreExcludesAndTheGitFolder() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        commit(repo, "main", ndjson("Ignore logs").file(".gitignore", "*.log\ncache/\n"));
        Map<String, Map<String, Object>> byRepo = preupload(repo, "main", null,
                file("run.log", "x", 1), file("cache/x.bin", "x", 1), file("keep.txt", "x", 1), file(".git/config", "x", 1));
        assertThat(byRepo.get("run.log")).containsEntry("shouldIgnore", true);
        assertThat(byRepo.get("cache/x.bin")).containsEntry("shouldIgnore", true);
        assertThat(byRepo.get("keep.txt")).containsEntry("shouldIgnore", false);
        assertThat(byRepo.get(".git/config")).containsEntry("shouldIgnore", true);
        // A .gitignore sent along replaces the repository's, as it will once committed.
        Map<String, Map<String, Object>> bySent = preupload(repo, "main", "*.txt\n",
                file("run.log", "x", 1), file("keep.txt", "x", 1));
        assertThat(bySent.get("run.log")).containsEntry("shouldIgnore", false);
        assertThat(bySent.get("keep.txt")).containsEntry("shouldIgnore", true);
    }

    @Test
    void refusesBadPathsAndUnknownRevisionsAndNeedsWriteAccess() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        TestRepos.Owned secret = TestRepos.newRepo("model", true);
        Map<String, Object> body = Map.of("files", List.of(file("a.txt", "a", 1)));
        for (String bad : List.of("../x", "/abs", "a//b", "a\u0001b")) {
            send(repo.token(), repo, "main", Map.of("files", List.of(file(bad, "a", 1))))
                    .then().statusCode(400).header("X-Error-Code", "InvalidField");
        }
        send(repo.token(), repo, "main", Map.of("files", List.of(Map.of("path", "a", "sample", "***", "size", 1))))
                .then().statusCode(400).header("X-Error-Message", containsString("base64"));
        send(repo.token(), repo, "nope", body).then().statusCode(404).header("X-Error-Code", "RevisionNotFound");
        send(null, repo, "main", body).then().statusCode(401);
        send(TestAccounts.tokenOf(repo.user(), "read"), repo, "main", body).then().statusCode(403);
        send(TestAccounts.tokenOf(TestAccounts.newUser(), "write"), repo, "main", body).then().statusCode(403);
        send(TestAccounts.tokenOf(TestAccounts.newUser(), "write"), secret, "main", body)
                .then().statusCode(404).header("X-Error-Code", "RepoNotFound");
        send(repo.token(), repo, "main", body).then().statusCode(200);
    }

    @Test
    void answersForAPullRequestRevisionSentEncoded() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        given().auth().oauth2(repo.token()).contentType("application/x-ndjson")
                .body(ndjson("Proposal").file("p.txt", "p").toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/models/" + repo.id() + "/commit/main?create_pr=1").then().statusCode(200);
        Map<String, Map<String, Object>> modes = preupload(repo, "refs%2Fpr%2F1", null, file("p.txt", "p", 1));
        assertThat(modes.get("p.txt")).containsEntry("oid", gitBlobId("p"));
    }

    static Map<String, Object> file(String path, String sample, long size) {
        Map<String, Object> file = new HashMap<>();
        file.put("path", path);
        file.put("sample", Base64.getEncoder().encodeToString(sample.getBytes(StandardCharsets.UTF_8)));
        file.put("size", size);
        return file;
    }

    @SafeVarargs
    private static Map<String, Map<String, Object>> preupload(TestRepos.Owned repo, String revision, String gitIgnore,
                                                             Map<String, Object>... files) {
        Map<String, Object> body = new HashMap<>();
        body.put("files", List.of(files));
        if (gitIgnore != null) {
            body.put("gitIgnore", gitIgnore);
        }
        List<Map<String, Object>> answer = send(repo.token(), repo, revision, body).then().statusCode(200)
                .extract().jsonPath().getList("files");
        assertThat(answer).hasSize(files.length);
        Map<String, Map<String, Object>> byPath = new HashMap<>();
        for (Map<String, Object> mode : new ArrayList<>(answer)) {
            byPath.put((String) mode.get("path"), mode);
        }
        return byPath;
    }

    private static Response send(String token, TestRepos.Owned repo, String revision, Map<String, Object> body) {
        var request = given().urlEncodingEnabled(false).contentType(ContentType.JSON).body(body);
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.post("/api/" + repo.plural() + "/" + repo.id() + "/preupload/" + revision);
    }

    private static String gitBlobId(String content) {
        try (ObjectInserter.Formatter formatter = new ObjectInserter.Formatter()) {
            return formatter.idFor(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8)).name();
        }
    }
}
