package dev.stoa.hub.lfs;

import dev.stoa.hub.access.SignedUrls;
import dev.stoa.hub.blob.BlobCollector;
import dev.stoa.hub.blob.BlobReferences;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.AccountService;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.identity.PlatformRole;
import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.lfs.LfsUploadContract.Owner;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import io.quarkus.arc.Arc;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.stoa.hub.lfs.LfsClient.batch;
import static dev.stoa.hub.lfs.LfsClient.object;
import static dev.stoa.hub.lfs.LfsClient.randomBytes;
import static dev.stoa.hub.lfs.LfsClient.sha256;
import static dev.stoa.hub.lfs.LfsUploadContract.commitHolds;
import static dev.stoa.hub.lfs.LfsUploadContract.uploadBasic;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Who may upload, download and reference LFS objects, self-authorising links, and the collector. */
interface LfsAccessContract {

    static Caller callerOf(String user) {
        var account = Arc.container().instance(AccountService.class).get().find(user).orElseThrow();
        return new Caller(account.id(), account.name(), PlatformRole.member, Caller.AuthMethod.TOKEN, Optional.empty());
    }

    static BlobReferences references() {
        return Arc.container().instance(BlobReferences.class).get();
    }

    @Test
    default void anonymousUploadIsChallengedForBasicCredentials() {
        Owner owner = Owner.create(false);
        batch(owner.path(), null, "upload", List.of("basic"), object(sha256(randomBytes(5)), 5))
                .then().statusCode(401)
                .header("WWW-Authenticate", "Basic realm=\"Stoa\"")
                .contentType(LfsClient.LFS_JSON)
                .body("message", notNullValue());
    }

    @Test
    default void basicAuthWithTheTokenAsPasswordUploads() {
        Owner owner = Owner.create(true);
        byte[] content = randomBytes(1000);
        LfsClient.batchAt(owner.path() + ".git/info/lfs/objects/batch",
                        given().auth().preemptive().basic("git", owner.token()), "upload", List.of("basic"),
                        List.of(object(sha256(content), content.length)))
                .then().statusCode(200)
                .body("objects[0].actions.upload.href", notNullValue());
    }

    @Test
    default void readOnlyTokensAndStrangersCannotUpload() {
        Owner owner = Owner.create(false);
        String readOnly = TestAccounts.tokenOf(owner.name(), "read");
        batch(owner.path(), readOnly, "upload", List.of("basic"), object(sha256(randomBytes(5)), 5))
                .then().statusCode(403).body("message", containsString("read-only"));

        String stranger = TestAccounts.tokenOf(TestAccounts.newUser(), "write");
        batch(owner.path(), stranger, "upload", List.of("basic"), object(sha256(randomBytes(5)), 5))
                .then().statusCode(403);
    }

    @Test
    default void privateRepositoriesAreInvisibleToOthers() {
        Owner owner = Owner.create(true);
        String stranger = TestAccounts.tokenOf(TestAccounts.newUser(), "write");
        batch(owner.path(), stranger, "download", List.of("basic"), object(sha256(randomBytes(5)), 5))
                .then().statusCode(404).header("X-Error-Code", "RepoNotFound").body("message", notNullValue());
        batch(owner.path(), null, "download", List.of("basic"), object(sha256(randomBytes(5)), 5))
                .then().statusCode(401);
        batch("nobody-" + TestAccounts.randomName("x") + "/missing", owner.token(), "download", List.of("basic"),
                object(sha256(randomBytes(5)), 5))
                .then().statusCode(404);
    }

    @Test
    default void downloadsOfObjectsTheRepositoryDoesNotHoldAreMissing() {
        Owner owner = Owner.create(false);
        byte[] content = randomBytes(2000);
        String oid = sha256(content);
        assertThat(uploadBasic(owner, content)).isEqualTo(200);
        Owner other = Owner.create(false);

        // Another public repository does not hold it: its readers cannot fetch it through that repository.
        batch(other.path(), null, "download", List.of("basic"), object(oid, content.length))
                .then().statusCode(200)
                .body("objects[0].error.code", org.hamcrest.Matchers.is(404))
                .body("objects[0].actions", nullValue());
    }

    @Test
    default void datasetsAndRemotesWithoutDotGitAreServed() {
        String user = TestAccounts.newUser();
        String token = TestAccounts.tokenOf(user, "write");
        RepoView dataset = RepoFixtures.create(user, RepoType.dataset, false);
        byte[] content = randomBytes(100);

        LfsClient.batchAt(dataset.repoId().urlPath() + "/info/lfs/objects/batch", LfsClient.auth(token), "upload",
                        List.of("basic"), List.of(object(sha256(content), content.length)))
                .then().statusCode(200).body("objects[0].actions.upload.href", notNullValue());
        given().contentType(LfsClient.LFS_JSON).body("{}")
                .post("/" + dataset.repoId().urlPath() + ".git/info/lfs/locks/verify")
                .then().statusCode(501).body("message", notNullValue());
    }

    @Test
    default void badBatchRequestsAreRefused() {
        Owner owner = Owner.create(false);
        batch(owner.path(), owner.token(), "delete", List.of("basic"), object(sha256(randomBytes(5)), 5))
                .then().statusCode(422).body("message", containsString("upload"));
        LfsClient.auth(owner.token()).contentType(LfsClient.LFS_JSON)
                .body("{\"operation\":\"upload\",\"hash_algo\":\"sha512\",\"objects\":[]}")
                .post("/" + owner.path() + ".git/info/lfs/objects/batch")
                .then().statusCode(409).body("message", containsString("sha256"));
        // huggingface.js spells it sha_256, as the Hub accepts.
        LfsClient.auth(owner.token()).contentType(LfsClient.LFS_JSON)
                .body("{\"operation\":\"upload\",\"hash_algo\":\"sha_256\",\"objects\":[]}")
                .post("/" + owner.path() + ".git/info/lfs/objects/batch")
                .then().statusCode(200).body("hash_algo", org.hamcrest.Matchers.equalTo("sha256"));
        LfsClient.auth(owner.token()).contentType(LfsClient.LFS_JSON).body("{not json")
                .post("/" + owner.path() + ".git/info/lfs/objects/batch")
                .then().statusCode(400);
    }

    @Test
    default void tamperedAndExpiredLinksAreForbidden() {
        Owner owner = Owner.create(false);
        byte[] content = randomBytes(1000);
        JsonPath batch = batch(owner.path(), owner.token(), "upload", List.of("basic"), object(sha256(content), content.length))
                .then().statusCode(200).extract().jsonPath();
        String verify = batch.getString("objects[0].actions.verify.href");

        String tampered = verify.replaceFirst("signature=.", "signature=" + (verify.contains("signature=A") ? "B" : "A"));
        assertThat(LfsClient.post(tampered, "{}", null).statusCode()).isEqualTo(403);
        String otherExpiry = verify.replaceFirst("expires=(\\d+)", "expires=9999999999");
        assertThat(LfsClient.post(otherExpiry, "{}", null).statusCode()).isEqualTo(403);

        String path = java.net.URI.create(verify).getPath();
        java.net.URI expired = Arc.container().instance(SignedUrls.class).get().sign("POST", path, Duration.ofSeconds(-5));
        var answer = LfsClient.post(expired.toString(), "{}", null);
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(new String(answer.body())).contains("expired");
        // A link signed for one method does not work for another.
        assertThat(LfsClient.put(verify, new byte[0]).statusCode()).isIn(403, 405);
    }

    @Test
    default void onlyUploadersAndReadersOfAHoldingRepositoryMayReferenceABlob() {
        Owner owner = Owner.create(true);
        byte[] content = randomBytes(3000);
        String oid = sha256(content);
        assertThat(uploadBasic(owner, content)).isEqualTo(200);
        String strangerName = TestAccounts.newUser();
        Caller stranger = callerOf(strangerName);

        references().requireReferenceable(callerOf(owner.name()), oid, content.length);
        assertThatThrownBy(() -> references().requireReferenceable(stranger, oid, content.length))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("LFS batch API");
                });
        assertThatThrownBy(() -> references().requireReferenceable(callerOf(owner.name()), oid, content.length + 1))
                .isInstanceOf(ApiException.class);

        // Held by a private repository: still nothing for the stranger; claiming it in a batch demands the bytes.
        commitHolds(owner.repo(), oid);
        assertThatThrownBy(() -> references().requireReferenceable(stranger, oid, content.length)).isInstanceOf(ApiException.class);
        Owner strangersRepo = new Owner(strangerName, TestAccounts.tokenOf(strangerName, "write"), RepoFixtures.model(strangerName, false));
        batch(strangersRepo.path(), strangersRepo.token(), "upload", List.of("basic"), object(oid, content.length))
                .then().statusCode(200).body("objects[0].actions.upload.href", notNullValue());

        // Held by a public repository: its readers may reference it.
        Owner publicHolder = Owner.create(false);
        assertThat(uploadBasic(publicHolder, content)).isEqualTo(200);
        commitHolds(publicHolder.repo(), oid);
        references().requireReferenceable(stranger, oid, content.length);
    }

    @Test
    default void aCommitThroughTheHfApiMakesItsRepositoryHoldTheBlob() {
        Owner owner = Owner.create(false);
        byte[] content = randomBytes(4000);
        String oid = sha256(content);
        assertThat(uploadBasic(owner, content)).isEqualTo(200);
        dev.stoa.hub.repo.TestRepos.Owned repo = new dev.stoa.hub.repo.TestRepos.Owned(owner.name(), owner.token(),
                owner.repo().repoId().id(), "model");

        dev.stoa.hub.repo.TestRepos.commit(repo, "main",
                dev.stoa.hub.repo.TestRepos.ndjson("add weights").lfsFile("model.safetensors", oid, content.length));

        assertThat(LfsUploadContract.download(owner, null, oid, content.length)).isEqualTo(content);
        String stranger = TestAccounts.newUser();
        references().requireReferenceable(callerOf(stranger), oid, -1);
    }

    @Test
    default void theCollectorRemovesUnheldBlobsAndAbandonedUploads() {
        Owner owner = Owner.create(false);
        byte[] unheld = randomBytes(1500);
        byte[] held = randomBytes(1600);
        assertThat(uploadBasic(owner, unheld)).isEqualTo(200);
        assertThat(uploadBasic(owner, held)).isEqualTo(200);
        commitHolds(owner.repo(), sha256(held));

        byte[] abandoned = randomBytes(1700);
        String verify = batch(owner.path(), owner.token(), "upload", List.of("basic"), object(sha256(abandoned), abandoned.length))
                .then().statusCode(200).extract().path("objects[0].actions.verify.href");
        String staged = "lfs/objects/" + LfsClient.sessionIdOf(verify);
        LfsUploadContract.store().put(staged, new ByteArrayInputStream(abandoned));

        Duration expiry = ConfigProvider.getConfig().getValue("stoa.repos.gc.upload-expiry", Duration.class);
        Duration grace = ConfigProvider.getConfig().getValue("stoa.repos.gc.grace-period", Duration.class);
        BlobCollector collector = Arc.container().instance(BlobCollector.class).get();
        collector.collectNow(Instant.now().plus(expiry).plus(grace).plusSeconds(60));

        assertThat(LfsUploadContract.blobs().find(sha256(unheld))).isEmpty();
        assertThat(LfsUploadContract.blobs().find(sha256(held))).isPresent();
        assertThat(LfsUploadContract.store().stat(staged)).isEmpty();
        assertThat(sha256(LfsUploadContract.download(owner, null, sha256(held), held.length))).isEqualTo(sha256(held));
        assertThat(LfsClient.post(verify, "{}", null).statusCode()).isEqualTo(410);
    }
}
