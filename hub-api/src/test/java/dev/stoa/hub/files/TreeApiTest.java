package dev.stoa.hub.files;

import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.repo.TestRepos;
import dev.stoa.hub.testing.ClientAddress;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.stoa.hub.repo.TestRepos.commit;
import static dev.stoa.hub.repo.TestRepos.ndjson;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** huggingface_hub's list_repo_tree: GET /api/{type}s/{ns}/{name}/tree/{rev}[/{path}]. */
@QuarkusTest
class TreeApiTest {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    @Test
    void listsTheRootWithFilesAndFolders() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String oid = commit(repo, "main", ndjson("Add files").file("config.json", "{\"a\":1}").file("sub/dir/x.txt", "xx"));

        Response response = tree(repo, "main", null, "").then().statusCode(200)
                .header("X-Repo-Commit", oid).extract().response();
        List<Map<String, Object>> entries = response.jsonPath().getList("$");
        assertThat(entries).extracting(e -> e.get("path")).containsExactly(".gitattributes", "config.json", "sub");
        Map<String, Object> config = entries.get(1);
        assertThat(config).containsEntry("type", "file").containsEntry("size", 7).doesNotContainKeys("lfs", "lastCommit",
                "securityFileStatus");
        assertThat((String) config.get("oid")).isEqualTo(gitBlobSha1("{\"a\":1}"));
        assertThat(entries.get(2)).containsEntry("type", "directory").containsKey("oid").doesNotContainKey("size");
        assertThat(response.header("Link")).isNull();
    }

    @Test
    void listsASubFolderSentEncodedOrWithPlainSlashes() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        commit(repo, "main", ndjson("Add").file("a/b/one.txt", "1").file("a/b/c/two.txt", "2").file("a/three.txt", "3"));

        for (String path : List.of("a%2Fb", "a/b")) {
            List<String> paths = tree(repo, "main", path, "").then().statusCode(200).extract().jsonPath().getList("path");
            assertThat(paths).as(path).containsExactly("a/b/c", "a/b/one.txt");
        }
    }

    @Test
    void recursiveListingHoldsEveryFolderBeforeItsContent() {
        TestRepos.Owned repo = TestRepos.newRepo("dataset", false);
        commit(repo, "main", ndjson("Add").file("data/train/0.csv", "a").file("data/test.csv", "b").file("z.txt", "c"));

        List<String> paths = tree(repo, "main", null, "recursive=True").then().statusCode(200)
                .extract().jsonPath().getList("path");
        assertThat(paths).containsExactly(".gitattributes", "data", "data/test.csv", "data/train", "data/train/0.csv", "z.txt");
        List<String> below = tree(repo, "main", "data", "recursive=true").then().statusCode(200)
                .extract().jsonPath().getList("path");
        assertThat(below).containsExactly("data/test.csv", "data/train", "data/train/0.csv");
    }

    @Test
    void pagesFollowAnAbsoluteLinkBuiltFromTheConfiguredBaseUrl() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        TestRepos.Ndjson body = ndjson("Many files");
        for (int i = 0; i < 7; i++) {
            body.file("d/f" + i + ".txt", "content " + i);
        }
        String oid = commit(repo, "main", body);

        List<String> all = new ArrayList<>();
        Response page = tree(repo, "main", "d", "limit=3&recursive=1");
        int pages = 0;
        while (true) {
            page.then().statusCode(200);
            pages++;
            all.addAll(page.jsonPath().getList("path"));
            String link = page.header("Link");
            if (link == null) {
                break;
            }
            Matcher next = NEXT.matcher(link);
            assertThat(next.find()).as(link).isTrue();
            String url = next.group(1);
            assertThat(url).startsWith(ClientAddress.base() + "/api/models/" + repo.id() + "/tree/" + oid + "/d?");
            page = given().urlEncodingEnabled(false).get(url);
        }
        assertThat(pages).isEqualTo(3);
        assertThat(all).hasSize(7).doesNotHaveDuplicates().allMatch(p -> p.startsWith("d/f"));
    }

    @Test
    void readsARevisionWhoseNameHoldsEncodedSlashes() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        commit(repo, "main", ndjson("Base").file("base.txt", "b"));
        String pr = given().auth().oauth2(repo.token()).contentType("application/x-ndjson")
                .body(ndjson("Proposal").file("dir/proposed.txt", "p").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/models/" + repo.id() + "/commit/main?create_pr=1")
                .then().statusCode(200).extract().path("commitOid");

        tree(repo, "refs%2Fpr%2F1", null, "").then().statusCode(200).header("X-Repo-Commit", pr);
        List<String> paths = tree(repo, "refs%2Fpr%2F1", "dir", "").then().statusCode(200)
                .extract().jsonPath().getList("path");
        assertThat(paths).containsExactly("dir/proposed.txt");
        assertThat(tree(repo, "main", "dir", "").then().statusCode(404).extract().header("X-Error-Code"))
                .isEqualTo("EntryNotFound");
    }

    @Test
    void expandAddsTheLastCommitOfEachEntry() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String first = commit(repo, "main", ndjson("First").file("a.txt", "1").file("dir/b.txt", "2"));
        String second = commit(repo, "main", ndjson("Second\n\nbody").file("dir/c.txt", "3"));
        commit(repo, "main", ndjson("Third").file("z.txt", "4"));

        List<Map<String, Object>> entries = tree(repo, "main", null, "expand=True").then().statusCode(200)
                .extract().jsonPath().getList("$");
        Map<String, Map<String, Object>> byPath = new java.util.HashMap<>();
        entries.forEach(e -> byPath.put((String) e.get("path"), e));
        assertThat(lastCommit(byPath.get("a.txt"))).containsEntry("id", first).containsEntry("title", "First");
        assertThat(lastCommit(byPath.get("dir"))).containsEntry("id", second).containsEntry("title", "Second");
        assertThat((String) lastCommit(byPath.get("dir")).get("date")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        // the check runs' summary, whole (all three keys) as huggingface_hub reads it; folders get none
        assertThat((Map<String, Object>) byPath.get("a.txt").get("securityFileStatus"))
                .containsOnlyKeys("status", "avScan", "pickleImportScan");
        assertThat(byPath.get("dir")).doesNotContainKey("securityFileStatus");
    }

    @Test
    void missingPathsRevisionsAndFilesAreRefusedWithTheirErrorCodes() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String oid = commit(repo, "main", ndjson("Add").file("config.json", "{}"));

        tree(repo, "main", "nope", "").then().statusCode(404)
                .header("X-Error-Code", "EntryNotFound").header("X-Repo-Commit", oid);
        // huggingface_hub's HfFileSystem lists a file's parent when the tree of a file path is EntryNotFound.
        tree(repo, "main", "config.json", "").then().statusCode(404).header("X-Error-Code", "EntryNotFound");
        tree(repo, "no-such-branch", null, "").then().statusCode(404).header("X-Error-Code", "RevisionNotFound");
        tree(repo, oid, null, "").then().statusCode(200).header("X-Repo-Commit", oid);
        tree(repo, "main", null, "limit=abc").then().statusCode(400);
    }

    @Test
    void privateRepositoriesAreHiddenFromOthers() {
        TestRepos.Owned repo = TestRepos.newRepo("model", true);
        commit(repo, "main", ndjson("Add").file("a.txt", "1"));
        String stranger = TestAccounts.tokenOf(TestAccounts.newUser(), "read");

        given().urlEncodingEnabled(false).get("/api/models/" + repo.id() + "/tree/main")
                .then().statusCode(401).header("X-Error-Code", "RepoNotFound");
        given().urlEncodingEnabled(false).auth().oauth2(stranger).get("/api/models/" + repo.id() + "/tree/main")
                .then().statusCode(404).header("X-Error-Code", "RepoNotFound");
        given().urlEncodingEnabled(false).auth().oauth2(repo.token()).get("/api/models/" + repo.id() + "/tree/main")
                .then().statusCode(200);
        given().urlEncodingEnabled(false).get("/api/models/" + TestAccounts.newUser() + "/missing/tree/main")
                .then().statusCode(401).header("X-Error-Code", "RepoNotFound");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> lastCommit(Map<String, Object> entry) {
        return (Map<String, Object>) entry.get("lastCommit");
    }

    /** GET of the tree with the revision and path sent exactly as given (already percent-encoded). */
    static Response tree(TestRepos.Owned repo, String rawRevision, String rawPath, String query) {
        RequestSpecification request = given().urlEncodingEnabled(false).auth().oauth2(repo.token());
        return request.get("/api/" + repo.plural() + "/" + repo.id() + "/tree/" + rawRevision
                + (rawPath == null ? "" : "/" + rawPath) + (query.isEmpty() ? "" : "?" + query));
    }

    static String gitBlobSha1(String content) {
        try {
            byte[] bytes = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            java.security.MessageDigest sha1 = java.security.MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + bytes.length + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(sha1.digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
