package dev.stoa.hub.lfs;

import static dev.stoa.hub.lfs.LfsClient.batch;
import static dev.stoa.hub.lfs.LfsClient.object;
import static dev.stoa.hub.lfs.LfsClient.randomBytes;
import static dev.stoa.hub.lfs.LfsClient.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.hub.blob.BlobReferences;
import dev.stoa.hub.blob.Blobs;
import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.hub.storage.ObjectInfo;
import dev.stoa.hub.storage.ObjectStore;
import io.quarkus.arc.Arc;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Uploads through the LFS batch API as the Hugging Face client and git-lfs do them, on whichever store the
 * implementing test class runs Stoa with.
 */
interface LfsUploadContract {

    List<String> BOTH = List.of("basic", "multipart");

    static ObjectStore store() {
        return Arc.container().instance(ObjectStore.class).get();
    }

    static Blobs blobs() {
        return Arc.container().instance(Blobs.class).get();
    }

    /** A user with a write token and a public model repository. */
    record Owner(String name, String token, RepoView repo) {
        static Owner create(boolean privateRepo) {
            String name = TestAccounts.newUser();
            return new Owner(name, TestAccounts.tokenOf(name, "write"), RepoFixtures.model(name, privateRepo));
        }

        String path() {
            return repo.repoId().urlPath();
        }
    }

    /** Uploads {@code content} as the Hugging Face client does (basic transfer); returns the verify answer's status. */
    static int uploadBasic(Owner owner, byte[] content) {
        JsonPath batch = batch(owner.path(), owner.token(), "upload", List.of("basic"), object(sha256(content), content.length))
                .then().statusCode(200).extract().jsonPath();
        if (batch.get("objects[0].actions") == null) {
            return 200;
        }
        HttpResponse<byte[]> put = LfsClient.put(batch.getString("objects[0].actions.upload.href"), content);
        if (put.statusCode() != 200) {
            return put.statusCode();
        }
        return LfsClient.post(batch.getString("objects[0].actions.verify.href"),
                LfsClient.json(object(sha256(content), content.length)), owner.token()).statusCode();
    }

    static byte[] download(Owner owner, String token, String oid, long size) {
        JsonPath batch = batch(owner.path(), token, "download", List.of("basic"), object(oid, size))
                .then().statusCode(200).extract().jsonPath();
        assertThat(batch.getString("objects[0].error")).isNull();
        HttpResponse<byte[]> get = LfsClient.get(batch.getString("objects[0].actions.download.href"), null);
        assertThat(get.statusCode()).isEqualTo(200);
        return get.body();
    }

    static void commitHolds(RepoView repo, String oid) {
        Arc.container().instance(BlobReferences.class).get().recordHeld(repo.id(), Set.of(oid));
    }

    @Test
    default void basicUploadIsVerifiedSkippedNextTimeAndDownloadable() {
        Owner owner = Owner.create(false);
        byte[] content = randomBytes(300_000);
        String oid = sha256(content);

        JsonPath batch = batch(owner.path(), owner.token(), "upload", List.of("basic"), object(oid, content.length))
                .then().statusCode(200)
                .contentType(LfsClient.LFS_JSON)
                .extract().jsonPath();
        assertThat(batch.getString("transfer")).isEqualTo("basic");
        assertThat(batch.getString("hash_algo")).isEqualTo("sha256");
        assertThat(batch.getString("objects[0].oid")).isEqualTo(oid);
        assertThat(batch.getMap("objects[0].actions.upload")).containsKey("href");
        assertThat(LfsClient.put(batch.getString("objects[0].actions.upload.href"), content).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> verify = LfsClient.post(batch.getString("objects[0].actions.verify.href"),
                LfsClient.json(object(oid, content.length)), owner.token());
        assertThat(verify.statusCode()).isEqualTo(200);
        assertThat(blobs().find(oid)).hasValueSatisfying(b -> assertThat(b.size()).isEqualTo(content.length));

        // Verifying again is safe, and the uploader is told to skip the object next time.
        assertThat(LfsClient.post(batch.getString("objects[0].actions.verify.href"), "{}", null).statusCode()).isEqualTo(200);
        batch(owner.path(), owner.token(), "upload", List.of("basic"), object(oid, content.length))
                .then().statusCode(200)
                .body("objects[0].actions", org.hamcrest.Matchers.nullValue())
                .body("objects[0].error", org.hamcrest.Matchers.nullValue());

        commitHolds(owner.repo(), oid);
        assertThat(download(owner, null, oid, content.length)).isEqualTo(content);
    }

    @Test
    default void aCommitVerifiesWhatItsClientUploadedButNeverVerified() {
        // huggingface.js PUTs the bytes and commits without calling the verify action.
        Owner owner = Owner.create(false);
        byte[] content = randomBytes(70_000);
        String oid = sha256(content);
        JsonPath batch = batch(owner.path(), owner.token(), "upload", List.of("basic"), object(oid, content.length))
                .then().statusCode(200).extract().jsonPath();
        assertThat(LfsClient.put(batch.getString("objects[0].actions.upload.href"), content).statusCode()).isEqualTo(200);

        commitLfs(owner, "weights.bin", oid, content.length).then().statusCode(200);
        assertThat(blobs().find(oid)).hasValueSatisfying(b -> assertThat(b.size()).isEqualTo(content.length));
        assertThat(download(owner, owner.token(), oid, content.length)).isEqualTo(content);

        // Bytes of another object are caught by the commit instead (or by Stoa's own PUT), and nothing is committed.
        byte[] claimed = randomBytes(70_000);
        JsonPath second = batch(owner.path(), owner.token(), "upload", List.of("basic"), object(sha256(claimed), claimed.length))
                .then().statusCode(200).extract().jsonPath();
        LfsClient.put(second.getString("objects[0].actions.upload.href"), randomBytes(70_000));
        commitLfs(owner, "other.bin", sha256(claimed), claimed.length).then().statusCode(422);
        assertThat(blobs().find(sha256(claimed))).isEmpty();
        io.restassured.RestAssured.given().auth().oauth2(owner.token()).get("/api/models/" + owner.repo().repoId().id())
                .then().statusCode(200).body("siblings.rfilename", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("other.bin")));
    }

    private static io.restassured.response.Response commitLfs(Owner owner, String path, String oid, long size) {
        return io.restassured.RestAssured.given().auth().oauth2(owner.token()).contentType("application/x-ndjson")
                .body(dev.stoa.hub.repo.TestRepos.ndjson("Add " + path).lfsFile(path, oid, size).toString()
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/models/" + owner.repo().repoId().id() + "/commit/main");
    }

    @Test
    default void gitLfsUploadsLargeObjectsInOneRequest() {
        Owner owner = Owner.create(false);
        byte[] content = randomBytes(12 * 1024 * 1024);

        // git-lfs offers only the basic transfer: one PUT, larger than any JSON body Stoa accepts.
        assertThat(uploadBasic(owner, content)).isEqualTo(200);
        assertThat(blobs().find(sha256(content))).isPresent();
    }

    @Test
    default void downloadLinksHonourRanges() {
        Owner owner = Owner.create(false);
        byte[] content = randomBytes(100_000);
        String oid = sha256(content);
        assertThat(uploadBasic(owner, content)).isEqualTo(200);
        commitHolds(owner.repo(), oid);

        String href = batch(owner.path(), null, "download", List.of("basic"), object(oid, content.length))
                .then().statusCode(200).extract().path("objects[0].actions.download.href");
        HttpResponse<byte[]> part = LfsClient.get(href, "bytes=1000-1999");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(content, 1000, 2000));
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/100000");
        HttpResponse<byte[]> tail = LfsClient.get(href, "bytes=99990-");
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(content, 99990, 100000));
        assertThat(LfsClient.get(href, "bytes=100000-").statusCode()).isEqualTo(416);
    }

    @Test
    default void multipartUploadAssemblesVerifiesAndDownloads() {
        Owner owner = Owner.create(false);
        byte[] content = randomBytes(12 * 1024 * 1024);
        String oid = sha256(content);

        JsonPath batch = batch(owner.path(), owner.token(), "upload", BOTH, object(oid, content.length))
                .then().statusCode(200).extract().jsonPath();
        assertThat(batch.getString("transfer")).isEqualTo("multipart");
        Map<String, String> header = batch.getMap("objects[0].actions.upload.header");
        assertThat(header.keySet()).containsExactlyInAnyOrder("chunk_size", "1", "2", "3");
        int chunk = Integer.parseInt(header.get("chunk_size"));
        assertThat(chunk).isEqualTo(5 * 1024 * 1024);

        List<Map<String, Object>> parts = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            byte[] slice = Arrays.copyOfRange(content, (n - 1) * chunk, Math.min(n * chunk, content.length));
            HttpResponse<byte[]> put = LfsClient.put(header.get(Integer.toString(n)), slice);
            assertThat(put.statusCode()).isEqualTo(200);
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("partNumber", n);
            part.put("etag", put.headers().firstValue("ETag").orElseThrow());
            parts.add(part);
        }
        HttpResponse<byte[]> complete = LfsClient.post(batch.getString("objects[0].actions.upload.href"),
                LfsClient.json(Map.of("oid", oid, "parts", parts)), null);
        assertThat(complete.statusCode()).as(new String(complete.body())).isEqualTo(200);
        assertThat(LfsClient.post(batch.getString("objects[0].actions.verify.href"),
                LfsClient.json(object(oid, content.length)), owner.token()).statusCode()).isEqualTo(200);

        commitHolds(owner.repo(), oid);
        assertThat(sha256(download(owner, owner.token(), oid, content.length))).isEqualTo(oid);
    }

    @Test
    default void bytesOfAnotherObjectAreRefusedAndDiscarded() {
        Owner owner = Owner.create(false);
        byte[] claimed = randomBytes(50_000);
        byte[] other = randomBytes(50_000);
        String oid = sha256(claimed);

        JsonPath batch = batch(owner.path(), owner.token(), "upload", List.of("basic"), object(oid, claimed.length))
                .then().statusCode(200).extract().jsonPath();
        int put = LfsClient.put(batch.getString("objects[0].actions.upload.href"), other).statusCode();
        HttpResponse<byte[]> verify = LfsClient.post(batch.getString("objects[0].actions.verify.href"),
                LfsClient.json(object(oid, claimed.length)), owner.token());

        // Stoa-streamed uploads are refused at once; presigned ones when verified.
        assertThat(put == 422 || verify.statusCode() == 422).isTrue();
        assertThat(verify.statusCode()).isBetween(400, 499);
        assertThat(store().stat("lfs/objects/" + LfsClient.sessionIdOf(batch.getString("objects[0].actions.verify.href")))).isEmpty();
        assertThat(blobs().find(oid)).isEmpty();
    }

    @Test
    default void mismatchesNameExpectedAndActualContent() {
        Owner owner = Owner.create(false);
        byte[] claimed = randomBytes(40_000);
        String oid = sha256(claimed);
        JsonPath batch = batch(owner.path(), owner.token(), "upload", List.of("basic"), object(oid, claimed.length))
                .then().statusCode(200).extract().jsonPath();
        byte[] truncated = Arrays.copyOf(claimed, 30_000);

        HttpResponse<byte[]> put = LfsClient.put(batch.getString("objects[0].actions.upload.href"), truncated);
        HttpResponse<byte[]> answer = put.statusCode() != 200 ? put : LfsClient.post(
                batch.getString("objects[0].actions.verify.href"), LfsClient.json(object(oid, claimed.length)), owner.token());

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(new String(answer.body())).contains("expected 40000 bytes").contains("received 30000 bytes").contains("message");
        assertThat(blobs().find(oid)).isEmpty();
    }

    @Test
    default void invalidObjectsGetPerObjectErrors() {
        Owner owner = Owner.create(false);
        long max = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("stoa.repos.limits.max-object-bytes", Long.class);
        String oid = sha256(randomBytes(10));

        JsonPath batch = LfsClient.batchAt(owner.path() + ".git/info/lfs/objects/batch", LfsClient.auth(owner.token()),
                        "upload", List.of("basic"), List.of(object(oid, max + 1), object("ABC", 10), object(oid, -1)))
                .then().statusCode(200).extract().jsonPath();

        assertThat(batch.getInt("objects[0].error.code")).isEqualTo(422);
        assertThat(batch.getString("objects[0].error.message")).contains("max-object-bytes").contains(Long.toString(max));
        assertThat(batch.getInt("objects[1].error.code")).isEqualTo(422);
        assertThat(batch.getString("objects[1].error.message")).contains("64 lowercase hex");
        assertThat(batch.getInt("objects[2].error.code")).isEqualTo(422);
        assertThat(batch.getString("objects[0].actions")).isNull();
    }

    @Test
    default void parallelUploadsOfTheSameContentAreStoredOnce() throws Exception {
        Owner owner = Owner.create(false);
        byte[] content = randomBytes(200_000 + new java.util.Random().nextInt(10_000));
        String oid = sha256(content);

        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                results.add(pool.submit(() -> uploadBasic(owner, content)));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }

        try (Stream<ObjectInfo> objects = store().list("lfs/objects/")) {
            long copies = objects.filter(o -> o.size() == content.length)
                    .filter(o -> oid.equals(sha256Of(o.key())))
                    .count();
            assertThat(copies).isEqualTo(1);
        }
        assertThat(blobs().find(oid)).isPresent();
    }

    private static String sha256Of(String key) {
        try (InputStream in = store().get(key)) {
            return sha256(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            return "";
        }
    }
}
