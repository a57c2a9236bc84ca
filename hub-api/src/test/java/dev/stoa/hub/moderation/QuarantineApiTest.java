package dev.stoa.hub.moderation;

import dev.stoa.hub.lfs.LfsClient;
import dev.stoa.hub.repo.TestRepos;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.stoa.hub.moderation.Moderators.MALICIOUS_PICKLE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quarantine end to end: a code-executing pickle pushed through the API (as an LFS file and as a plain git file)
 * quarantines both files as soon as the pickle scanner finishes; every download route refuses them with the Hub's
 * DisabledRepo error and the reason while the other files still download; only moderators lift it.
 */
@QuarkusTest
class QuarantineApiTest {

    private static final String DISABLED = "Access to this resource is disabled.";

    @Test
    void aMaliciousPickleIsQuarantinedOnEveryDownloadRouteUntilAModeratorLiftsIt() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        byte[] weights = LfsClient.randomBytes(2048);
        String weightsOid = TestRepos.uploadLfs(repo, weights);
        byte[] lfsPickle = java.util.Arrays.copyOf(MALICIOUS_PICKLE, MALICIOUS_PICKLE.length);
        String pickleOid = TestRepos.uploadLfs(repo, lfsPickle);
        TestRepos.commit(repo, "main", TestRepos.ndjson("model")
                .file("README.md", "# A model\n")
                .file("config.json", "{\"a\": 1}")
                .file("plain.pkl", MALICIOUS_PICKLE)
                .lfsFile("weights.bin", weightsOid, weights.length)
                .lfsFile("lfs.pkl", pickleOid, lfsPickle.length));

        List<Map<String, Object>> found = Moderators.awaitQuarantines(repo.token(), "models", repo.id(),
                list -> list.stream().filter(q -> Boolean.TRUE.equals(q.get("active"))).count() == 2);
        assertThat(found).extracting(q -> q.get("path")).containsExactlyInAnyOrder("plain.pkl", "lfs.pkl");
        assertThat(found).allSatisfy(q -> assertThat(q).containsEntry("source", "check").containsEntry("scope", "file")
                .containsEntry("imposedBy", null));
        assertThat((String) found.getFirst().get("reason")).contains("pickle-scanner");

        // resolve (GET and HEAD), anonymously and as the owner
        for (String path : List.of("plain.pkl", "lfs.pkl")) {
            Response refused = given().auth().oauth2(repo.token()).get("/" + repo.id() + "/resolve/main/" + path);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.header("X-Error-Code")).isEqualTo("DisabledRepo");
            assertThat(refused.header("X-Error-Message")).isEqualTo(DISABLED);
            assertThat(refused.jsonPath().getString("error")).startsWith(DISABLED).contains(path).contains("pickle-scanner");
            given().head("/" + repo.id() + "/resolve/main/" + path).then().statusCode(403).header("X-Error-Code", "DisabledRepo");
        }
        assertThat(given().get("/" + repo.id() + "/resolve/main/config.json").then().statusCode(200).extract().asString())
                .isEqualTo("{\"a\": 1}");
        assertThat(given().get("/" + repo.id() + "/resolve/main/weights.bin").then().statusCode(200).extract().asByteArray())
                .isEqualTo(weights);

        // LFS batch download: the pickle's object is refused, the weights are not
        Response batch = LfsClient.batch(repo.urlPath(), repo.token(), "download", List.of("basic"),
                LfsClient.object(pickleOid, lfsPickle.length));
        assertThat(batch.statusCode()).isEqualTo(200);
        assertThat(batch.jsonPath().getInt("objects[0].error.code")).isEqualTo(403);
        assertThat(batch.jsonPath().getString("objects[0].error.message")).startsWith(DISABLED);
        assertThat(LfsClient.batch(repo.urlPath(), repo.token(), "download", List.of("basic"),
                LfsClient.object(weightsOid, weights.length)).jsonPath().getString("objects[0].actions.download.href")).isNotNull();

        // git fetch: both the advertisement and the pack refuse while any file is quarantined
        given().auth().oauth2(repo.token()).get("/" + repo.id() + ".git/info/refs?service=git-upload-pack")
                .then().statusCode(403).header("X-Error-Code", "DisabledRepo");
        given().auth().oauth2(repo.token()).contentType("application/x-git-upload-pack-request").body(new byte[0])
                .post("/" + repo.id() + ".git/git-upload-pack").then().statusCode(403).header("X-Error-Code", "DisabledRepo");

        // the listing and the card stay visible
        given().get("/api/models/" + repo.id()).then().statusCode(200);

        // only moderators lift: anonymous 401, the owner 403
        long plain = found.stream().filter(q -> q.get("path").equals("plain.pkl")).map(q -> ((Number) q.get("id")).longValue())
                .findFirst().orElseThrow();
        long lfs = found.stream().filter(q -> q.get("path").equals("lfs.pkl")).map(q -> ((Number) q.get("id")).longValue())
                .findFirst().orElseThrow();
        Moderators.lift(null, "models", repo.id(), plain).then().statusCode(401);
        Moderators.lift(repo.token(), "models", repo.id(), plain).then().statusCode(403);

        Moderators.User moderator = Moderators.newModerator();
        Moderators.lift(moderator.token(), "models", repo.id(), plain).then().statusCode(200)
                .body("active", org.hamcrest.Matchers.equalTo(false))
                .body("liftedBy", org.hamcrest.Matchers.equalTo(moderator.name()));
        Moderators.lift(moderator.token(), "models", repo.id(), plain).then().statusCode(409);
        assertThat(given().get("/" + repo.id() + "/resolve/main/plain.pkl").then().statusCode(200).extract().asByteArray())
                .isEqualTo(MALICIOUS_PICKLE);
        // one file still quarantined: clone still refused
        given().auth().oauth2(repo.token()).get("/" + repo.id() + ".git/info/refs?service=git-upload-pack")
                .then().statusCode(403);

        Moderators.lift(moderator.token(), "models", repo.id(), lfs).then().statusCode(200);
        given().get("/" + repo.id() + "/resolve/main/lfs.pkl").then().statusCode(200);
        assertThat(LfsClient.batch(repo.urlPath(), repo.token(), "download", List.of("basic"),
                LfsClient.object(pickleOid, lfsPickle.length)).jsonPath().getString("objects[0].actions.download.href")).isNotNull();
        given().auth().oauth2(repo.token()).get("/" + repo.id() + ".git/info/refs?service=git-upload-pack").then().statusCode(200);

        // the record stays
        assertThat(given().auth().oauth2(repo.token()).get(Moderators.quarantineUrl("models", repo.id())).then().statusCode(200)
                .extract().jsonPath().getList("active")).containsExactly(false, false);
    }

    @Test
    void moderatorsQuarantineAWholeRepositoryAndModelInfoSaysDisabled() {
        TestRepos.Owned repo = TestRepos.newRepo("dataset", false);
        TestRepos.commit(repo, "main", TestRepos.ndjson("data").file("README.md", "# Data\n").file("data.csv", "a,b\n"));
        Moderators.User moderator = Moderators.newModerator();
        Moderators.User stranger = Moderators.newUser();

        Moderators.quarantine(stranger.token(), "datasets", repo.id(), Map.of("reason", "spam")).then().statusCode(403);
        Moderators.quarantine(repo.token(), "datasets", repo.id(), Map.of("reason", "spam")).then().statusCode(403);
        given().contentType("application/json").body(Map.of("reason", "spam")).post(Moderators.quarantineUrl("datasets", repo.id()))
                .then().statusCode(401);
        Moderators.quarantine(moderator.token(), "datasets", repo.id(), Map.of()).then().statusCode(400);
        long id = ((Number) Moderators.quarantine(moderator.token(), "datasets", repo.id(), Map.of("reason", "Leaked personal data"))
                .then().statusCode(201).extract().path("id")).longValue();
        Moderators.quarantine(moderator.token(), "datasets", repo.id(), Map.of("reason", "again")).then().statusCode(409);

        given().get("/api/datasets/" + repo.id()).then().statusCode(200).body("disabled", org.hamcrest.Matchers.equalTo(true));
        Response refused = given().get("/datasets/" + repo.id() + "/resolve/main/data.csv");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.header("X-Error-Code")).isEqualTo("DisabledRepo");
        assertThat(refused.header("X-Error-Message")).isEqualTo(DISABLED);
        assertThat(refused.jsonPath().getString("error")).startsWith(DISABLED).contains("Leaked personal data");
        given().get("/datasets/" + repo.id() + ".git/info/refs?service=git-upload-pack").then().statusCode(403);

        given().auth().oauth2(moderator.token()).get("/api/v1/moderation/quarantines").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.hasItem((int) id));
        given().auth().oauth2(stranger.token()).get("/api/v1/moderation/quarantines").then().statusCode(403);
        given().get("/api/v1/moderation/quarantines").then().statusCode(401);

        Moderators.lift(moderator.token(), "datasets", repo.id(), id).then().statusCode(200);
        given().get("/api/datasets/" + repo.id()).then().statusCode(200).body("disabled", org.hamcrest.Matchers.equalTo(false));
        given().get("/datasets/" + repo.id() + "/resolve/main/data.csv").then().statusCode(200);
    }

    @Test
    void aPrivateRepositorysQuarantinesAreInvisibleToStrangers() {
        TestRepos.Owned repo = TestRepos.newRepo("model", true);
        Moderators.User stranger = Moderators.newUser();
        given().auth().oauth2(stranger.token()).get(Moderators.quarantineUrl("models", repo.id())).then().statusCode(404);
        given().get(Moderators.quarantineUrl("models", repo.id())).then().statusCode(401);
        Moderators.quarantine(stranger.token(), "models", repo.id(), Map.of("reason", "x")).then().statusCode(404);
        Moderators.lift(stranger.token(), "models", repo.id(), 1).then().statusCode(404);
        given().auth().oauth2(repo.token()).get(Moderators.quarantineUrl("models", repo.id())).then().statusCode(200);
        Moderators.quarantine(Moderators.newModerator().token(), "models", repo.id(), Map.of("reason", "x")).then().statusCode(201);
    }
}
