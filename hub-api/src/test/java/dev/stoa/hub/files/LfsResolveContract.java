package dev.stoa.hub.files;

import dev.stoa.hub.lfs.LfsClient;
import dev.stoa.hub.repo.TestRepos;
import dev.stoa.hub.testing.ClientAddress;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Arrays;

import static dev.stoa.hub.repo.TestRepos.commit;
import static dev.stoa.hub.repo.TestRepos.ndjson;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * LFS files through the file routes, as huggingface_hub and transformers read them: tree and paths-info entries
 * with their {@code lfs} block, and resolve with the linked ETag and size — streamed by Stoa on the local store,
 * a 302 to a presigned URL where the store can sign. Runs on both stores.
 */
interface LfsResolveContract {

    /** Whether this store answers resolve with a redirect to a presigned URL. */
    boolean redirects();

    @Test
    default void lfsFilesAreListedWithTheirSha256AndSize() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        byte[] weights = LfsClient.randomBytes(150_000);
        String sha = TestRepos.uploadLfs(repo, weights);
        commit(repo, "main", ndjson("Weights").lfsFile("weights/model.safetensors", sha, weights.length));

        given().get("/api/models/" + repo.id() + "/tree/main/weights")
                .then().statusCode(200)
                .body("[0].type", org.hamcrest.Matchers.is("file"))
                .body("[0].path", org.hamcrest.Matchers.is("weights/model.safetensors"))
                .body("[0].size", org.hamcrest.Matchers.is(weights.length))
                .body("[0].lfs.oid", org.hamcrest.Matchers.is(sha))
                .body("[0].lfs.size", org.hamcrest.Matchers.is(weights.length))
                .body("[0].lfs.pointerSize", org.hamcrest.Matchers.greaterThan(100));
        given().formParam("paths", "weights/model.safetensors").post("/api/models/" + repo.id() + "/paths-info/main")
                .then().statusCode(200)
                .body("[0].lfs.oid", org.hamcrest.Matchers.is(sha));
    }

    @Test
    default void resolveAnswersWithTheLinkedEtagAndServesTheBytesAndRanges() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        byte[] weights = LfsClient.randomBytes(200_000);
        String sha = TestRepos.uploadLfs(repo, weights);
        String commit = commit(repo, "main", ndjson("Weights").lfsFile("model.safetensors", sha, weights.length));
        String path = "/" + repo.id() + "/resolve/main/model.safetensors";

        Response head = given().redirects().follow(false).head(path);
        head.then().statusCode(redirects() ? 302 : 200)
                .header("X-Repo-Commit", commit)
                .header("X-Linked-Etag", "\"" + sha + "\"")
                .header("X-Linked-Size", String.valueOf(weights.length))
                .header("ETag", "\"" + sha + "\"");
        assertThat(head.header("X-Xet-Hash")).isNull();

        Response get = given().redirects().follow(false).get(path);
        get.then().statusCode(redirects() ? 302 : 200);
        // The safetensors metadata probe: a range request that must survive the redirect.
        String href = redirects() ? get.header("Location") : ClientAddress.base() + path;
        if (redirects()) {
            assertThat(href).doesNotStartWith(ClientAddress.base());
        }
        HttpResponse<byte[]> whole = LfsClient.get(href, null);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(weights);
        HttpResponse<byte[]> range = LfsClient.get(href, "bytes=0-100000");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(weights, 0, 100_001));
    }
}
