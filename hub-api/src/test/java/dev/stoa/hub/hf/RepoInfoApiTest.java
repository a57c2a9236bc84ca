package dev.stoa.hub.hf;

import dev.stoa.hub.card.Safetensors;
import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.repo.TestRepos;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static dev.stoa.hub.repo.TestRepos.commit;
import static dev.stoa.hub.repo.TestRepos.ndjson;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class RepoInfoApiTest {

    private static final String CARD = "---\nlicense: apache-2.0\nlibrary_name: transformers\npipeline_tag: text-generation\n"
            + "tags:\n- chat\nlanguage:\n- en\ndatasets:\n- someone/data\nmodel-index:\n- name: m\n  results: []\n---\n# Model\n";

    @Test
    void answersTheFieldsModelInfoReads() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String oid = commit(repo, "main", ndjson("Add model").file("README.md", CARD).file("config.json", "{}")
                .file("weights/model.safetensors", Safetensors.small()));
        JsonPath info = given().get("/api/models/" + repo.id()).then().statusCode(200).extract().jsonPath();
        assertThat(info.getString("id")).isEqualTo(repo.id());
        assertThat(info.getString("author")).isEqualTo(repo.user());
        assertThat(info.getString("sha")).isEqualTo(oid);
        assertThat(info.getString("lastModified")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(info.getString("createdAt")).endsWith("Z");
        assertThat(info.getBoolean("private")).isFalse();
        assertThat(info.getBoolean("gated")).isFalse();
        assertThat(info.getBoolean("disabled")).isFalse();
        assertThat(info.getInt("downloads")).isZero();
        assertThat(info.getInt("likes")).isZero();
        assertThat(info.getString("library_name")).isEqualTo("transformers");
        assertThat(info.getString("pipeline_tag")).isEqualTo("text-generation");
        assertThat(info.getList("tags", String.class)).contains("transformers", "chat", "safetensors", "text-generation",
                "en", "dataset:someone/data", "license:apache-2.0");
        assertThat(info.getString("cardData.license")).isEqualTo("apache-2.0");
        assertThat(info.getString("cardData.model-index[0].name")).isEqualTo("m");
        assertThat(info.getMap("safetensors.parameters")).containsEntry("F32", 10).containsEntry("BF16", 5);
        assertThat(info.getInt("safetensors.total")).isEqualTo(15);
        assertThat(info.getList("siblings.rfilename", String.class))
                .containsExactlyInAnyOrder(".gitattributes", "README.md", "config.json", "weights/model.safetensors");
        assertThat(info.getList("siblings", Map.class)).allSatisfy(sibling -> assertThat(sibling).containsOnlyKeys("rfilename"));
    }

    @Test
    void blobsAddSizesGitIdsAndLfsPointers() throws Exception {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String sha256 = "a".repeat(64);
        String pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:" + sha256 + "\nsize 123456789\n";
        commit(repo, "main", ndjson("Add files").file("config.json", "{\"a\":1}").file("model.bin", pointer));
        JsonPath info = given().queryParam("blobs", "True").get("/api/models/" + repo.id()).then().statusCode(200)
                .extract().jsonPath();
        Map<String, Object> config = sibling(info, "config.json");
        assertThat(config).containsEntry("size", 7).containsEntry("blobId", gitBlobId("{\"a\":1}")).doesNotContainKey("lfs");
        Map<String, Object> weights = sibling(info, "model.bin");
        assertThat(weights).containsEntry("size", 123456789).containsEntry("blobId", gitBlobId(pointer));
        assertThat(weights.get("lfs")).isEqualTo(Map.of("size", 123456789, "sha256", sha256,
                "pointerSize", pointer.getBytes(StandardCharsets.UTF_8).length));
    }

    @Test
    void aRevisionWithAnEncodedSlashHasItsOwnCommitAndCard() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        String main = commit(repo, "main", ndjson("Card").file("README.md", "---\nlicense: mit\n---\n"));
        String pr = TestRepos.postCommit(repo.token(), repo, "main?create_pr=1",
                        ndjson("Relicense").file("README.md", "---\nlicense: apache-2.0\n---\n"))
                .then().statusCode(200).extract().path("commitOid");
        JsonPath info = given().urlEncodingEnabled(false).get("/api/models/" + repo.id() + "/revision/refs%2Fpr%2F1")
                .then().statusCode(200).extract().jsonPath();
        assertThat(info.getString("sha")).isEqualTo(pr);
        assertThat(info.getString("cardData.license")).isEqualTo("apache-2.0");
        given().get("/api/models/" + repo.id() + "/revision/" + main).then().statusCode(200)
                .body("sha", equalTo(main)).body("cardData.license", equalTo("mit"));
        given().get("/api/models/" + repo.id()).then().body("cardData.license", equalTo("mit"));
        // HEAD is the default branch, as the Hub reads it (huggingface.js's modelInfo asks for it).
        given().get("/api/models/" + repo.id() + "/revision/HEAD").then().statusCode(200)
                .body("sha", equalTo(main)).body("cardData.license", equalTo("mit"));
        given().get("/api/models/" + repo.id() + "/tree/HEAD").then().statusCode(200);
    }

    @Test
    void unknownRevisionsAndRepositoriesAreNamedInHeaders() {
        TestRepos.Owned repo = TestRepos.newRepo("model", true);
        given().auth().oauth2(repo.token()).get("/api/models/" + repo.id() + "/revision/nope").then().statusCode(404)
                .header("X-Error-Code", "RevisionNotFound");
        given().auth().oauth2(repo.token()).get("/api/models/" + repo.id() + "/revision/" + "0".repeat(40)).then()
                .statusCode(404).header("X-Error-Code", "RevisionNotFound");
        given().get("/api/models/" + repo.id()).then().statusCode(401).header("X-Error-Code", "RepoNotFound");
        String stranger = TestAccounts.tokenOf(TestAccounts.newUser(), "read");
        given().auth().oauth2(stranger).get("/api/models/" + repo.id()).then().statusCode(404)
                .header("X-Error-Code", "RepoNotFound");
        given().auth().oauth2(repo.token()).get("/api/models/" + repo.id()).then().statusCode(200)
                .body("private", equalTo(true));
        given().get("/api/models/" + repo.user() + "/no-such-repo").then().statusCode(401).header("X-Error-Code", "RepoNotFound");
    }

    @Test
    void expandSelectsFieldsAndIgnoresUnknownOnes() {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        given().queryParam("expand", "noSuchField").get("/api/models/" + repo.id()).then().statusCode(200)
                .body("id", equalTo(repo.id())).body("siblings.size()", equalTo(1));
        Map<String, Object> only = given().queryParam("expand", "downloads").queryParam("expand", "likes")
                .queryParam("expand", "bogus").get("/api/models/" + repo.id()).then().statusCode(200).extract().as(Map.class);
        assertThat(only).containsOnlyKeys("_id", "id", "modelId", "downloads", "likes");
        given().queryParam("securityStatus", "true").get("/api/models/" + repo.id()).then().statusCode(200)
                .body("securityRepoStatus.filesWithIssues", equalTo(List.of()));
    }

    @Test
    void datasetsAnswerTheSameShape() {
        TestRepos.Owned repo = TestRepos.newRepo("dataset", false);
        String oid = commit(repo, "main", ndjson("Card").file("README.md",
                "---\nlicense: cc-by-4.0\ntask_categories:\n- text-classification\nlanguage: en\n---\n").file("data/train.csv", "a,b\n"));
        JsonPath info = given().get("/api/datasets/" + repo.id()).then().statusCode(200).extract().jsonPath();
        assertThat(info.getString("id")).isEqualTo(repo.id());
        assertThat(info.getString("sha")).isEqualTo(oid);
        assertThat(info.getString("cardData.license")).isEqualTo("cc-by-4.0");
        assertThat(info.getList("tags", String.class)).contains("task_categories:text-classification", "language:en", "license:cc-by-4.0");
        assertThat(info.getList("siblings.rfilename", String.class)).contains("data/train.csv");
        given().get("/api/models/" + repo.id()).then().statusCode(401).header("X-Error-Code", "RepoNotFound");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sibling(JsonPath info, String path) {
        return info.getList("siblings", Map.class).stream().filter(s -> s.get("rfilename").equals(path)).findFirst()
                .orElseThrow();
    }

    private static String gitBlobId(String content) throws Exception {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(("blob " + bytes.length + "\0").getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha1.digest(bytes));
    }
}
