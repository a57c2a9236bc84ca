package dev.stoa.hub.files;

import dev.stoa.hub.git.GitRepositories;
import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.TestRepos;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.stoa.hub.repo.TestRepos.commit;
import static dev.stoa.hub.repo.TestRepos.ndjson;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Downloads: HEAD|GET /{ns}/{name}/resolve/{rev}/{path} and /datasets/... */
@QuarkusTest
class ResolveApiTest {

    private static final String CONTENT = "0123456789abcdefghij";

    @Inject
    GitRepositories git;

    @Inject
    RepoService repos;

    @Test
    void headCarriesWhatTheClientReadsWithoutABody() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String oid = commit(repo, "main", ndjson("Add").file("config.json", "{\"a\":1}"));

        Response head = resolve(repo, "main", "config.json").head();
        head.then().statusCode(200)
                .header("X-Repo-Commit", oid)
                .header("ETag", "\"" + TreeApiTest.gitBlobSha1("{\"a\":1}") + "\"")
                .header("Content-Length", "7")
                .header("Accept-Ranges", "bytes")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Type", "text/plain; charset=utf-8");
        assertThat(head.header("Content-Disposition")).contains("filename=\"config.json\"");
        assertThat(head.header("X-Linked-Etag")).isNull();
        assertThat(head.header("X-Xet-Hash")).isNull();
        assertThat(head.asByteArray()).isEmpty();
    }

    @Test
    void getStreamsTheExactBytesOfNestedPaths() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        byte[] binary = new byte[70_000];
        new java.util.Random(7).nextBytes(binary);
        String oid = commit(repo, "main", ndjson("Add").file("weights/part one.bin", binary).file("page.html", "<script>x</script>"));

        Response get = resolve(repo, "main", "weights/part%20one.bin").get();
        get.then().statusCode(200).header("X-Repo-Commit", oid).header("Content-Length", "70000")
                .header("Content-Type", "application/octet-stream");
        assertThat(get.asByteArray()).isEqualTo(binary);
        // Uploaded HTML must never run in Stoa's origin.
        resolve(repo, "main", "page.html").get().then().statusCode(200)
                .header("Content-Type", "application/octet-stream").header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void rangesAnswerPartialContentAndRangesPastTheEndAre416() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        commit(repo, "main", ndjson("Add").file("data.txt", CONTENT));

        assertPartial(resolve(repo, "main", "data.txt").header("Range", "bytes=5-").get(), 5, 19, CONTENT.substring(5));
        assertPartial(resolve(repo, "main", "data.txt").header("Range", "bytes=2-4").get(), 2, 4, "234");
        assertPartial(resolve(repo, "main", "data.txt").header("Range", "bytes=-3").get(), 17, 19, "hij");
        assertPartial(resolve(repo, "main", "data.txt").header("Range", "bytes=0-100000").get(), 0, 19, CONTENT);
        resolve(repo, "main", "data.txt").header("Range", "bytes=20-").get().then().statusCode(416)
                .header("Content-Range", "bytes */20");
        Response whole = resolve(repo, "main", "data.txt").header("Range", "bytes=0-1,4-5").get();
        whole.then().statusCode(200).header("Content-Length", "20");
        assertThat(whole.asString()).isEqualTo(CONTENT);
    }

    @Test
    void missingFilesAreAFast404WithTheCommit() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String oid = commit(repo, "main", ndjson("Add").file("dir/a.txt", "a"));

        resolve(repo, "main", "adapter_config.json").head().then().statusCode(404)
                .header("X-Error-Code", "EntryNotFound").header("X-Repo-Commit", oid);
        resolve(repo, "main", "dir").get().then().statusCode(404)
                .header("X-Error-Code", "EntryNotFound").header("X-Repo-Commit", oid);
        resolve(repo, "nope", "dir/a.txt").head().then().statusCode(404).header("X-Error-Code", "RevisionNotFound");
    }

    @Test
    void resolvesCommitIdsTagsAndPullRequestRefs() throws Exception {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String first = commit(repo, "main", ndjson("v1").file("a.txt", "one"));
        commit(repo, "main", ndjson("v2").file("a.txt", "two"));
        tag(repo, "v1.0", first);
        String pr = given().auth().oauth2(repo.token()).contentType("application/x-ndjson")
                .body(ndjson("Proposal").file("a.txt", "three").toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/models/" + repo.id() + "/commit/main?create_pr=1")
                .then().statusCode(200).extract().path("commitOid");

        assertThat(resolve(repo, first, "a.txt").get().then().statusCode(200).header("X-Repo-Commit", first)
                .extract().asString()).isEqualTo("one");
        assertThat(resolve(repo, "v1.0", "a.txt").get().then().statusCode(200).header("X-Repo-Commit", first)
                .extract().asString()).isEqualTo("one");
        assertThat(resolve(repo, "refs%2Fpr%2F1", "a.txt").get().then().statusCode(200).header("X-Repo-Commit", pr)
                .extract().asString()).isEqualTo("three");
        assertThat(resolve(repo, "main", "a.txt").get().asString()).isEqualTo("two");
    }

    @Test
    void datasetsLiveUnderTheirPrefix() {
        TestRepos.Owned repo = TestRepos.newRepo("dataset", false);
        commit(repo, "main", ndjson("Add").file("train.csv", "a,b\n1,2\n"));

        assertThat(resolve(repo, "main", "train.csv").get().then().statusCode(200).extract().asString()).isEqualTo("a,b\n1,2\n");
        given().urlEncodingEnabled(false).get("/" + repo.id() + "/resolve/main/train.csv")
                .then().statusCode(401).header("X-Error-Code", "RepoNotFound");
    }

    @Test
    void privateRepositoriesAreHiddenFromOthers() {
        TestRepos.Owned repo = TestRepos.newRepo("model", true);
        commit(repo, "main", ndjson("Add").file("a.txt", "secret"));
        String stranger = TestAccounts.tokenOf(TestAccounts.newUser(), "read");

        given().urlEncodingEnabled(false).head("/" + repo.id() + "/resolve/main/a.txt")
                .then().statusCode(401).header("X-Error-Code", "RepoNotFound");
        given().urlEncodingEnabled(false).auth().oauth2(stranger).get("/" + repo.id() + "/resolve/main/a.txt")
                .then().statusCode(404).header("X-Error-Code", "RepoNotFound");
        assertThat(resolve(repo, "main", "a.txt").get().then().statusCode(200).extract().asString()).isEqualTo("secret");
    }

    @Test
    void downloadingConfigJsonCountsADownload() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        commit(repo, "main", ndjson("Add").file("config.json", "{}").file("other.txt", "x"));
        long before = downloads(repo);

        resolve(repo, "main", "config.json").head().then().statusCode(200);
        resolve(repo, "main", "other.txt").get().then().statusCode(200);
        resolve(repo, "main", "config.json").header("Range", "bytes=1-").get().then().statusCode(206);
        assertThat(downloads(repo)).isEqualTo(before);
        resolve(repo, "main", "config.json").get().then().statusCode(200);
        assertThat(downloads(repo)).isEqualTo(before + 1);
    }

    private static void assertPartial(Response response, long first, long last, String body) {
        response.then().statusCode(206)
                .header("Content-Range", "bytes " + first + "-" + last + "/20")
                .header("Content-Length", Long.toString(last - first + 1));
        assertThat(response.asString()).isEqualTo(body);
    }

    private long downloads(TestRepos.Owned repo) {
        String[] parts = repo.id().split("/");
        // A new transaction reads the row afresh, not the test's cached copy.
        return QuarkusTransaction.requiringNew().call(
                () -> repos.find(new RepoId(RepoType.model, parts[0], parts[1])).orElseThrow().downloads());
    }

    /** Tags are made by the refs routes; here the test writes the ref itself. */
    private void tag(TestRepos.Owned repo, String tag, String commit) throws Exception {
        String[] parts = repo.id().split("/");
        long id = repos.find(new RepoId(RepoType.model, parts[0], parts[1])).orElseThrow().id();
        try (Repository repository = git.open(id)) {
            RefUpdate update = repository.updateRef("refs/tags/" + tag);
            update.setNewObjectId(ObjectId.fromString(commit));
            assertThat(update.update()).isEqualTo(RefUpdate.Result.NEW);
        }
    }

    /** A request for the resolve URL with revision and path sent exactly as given (already percent-encoded). */
    static RequestSpecification resolve(TestRepos.Owned repo, String rawRevision, String rawPath) {
        return given().urlEncodingEnabled(false).auth().oauth2(repo.token())
                .basePath("/" + repo.urlPath() + "/resolve/" + rawRevision + "/" + rawPath);
    }
}
