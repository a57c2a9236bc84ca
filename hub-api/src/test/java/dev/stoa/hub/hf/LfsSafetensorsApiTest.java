package dev.stoa.hub.hf;

import dev.stoa.hub.card.Safetensors;
import dev.stoa.hub.lfs.LfsClient;
import dev.stoa.hub.repo.TestRepos;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static dev.stoa.hub.repo.TestRepos.commit;
import static dev.stoa.hub.repo.TestRepos.ndjson;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class LfsSafetensorsApiTest {

    @Test
    void weightsUploadedThroughLfsAreCounted() throws Exception {
        TestRepos.Owned repo = TestRepos.newRepo("model", false);
        byte[] weights = Safetensors.file("{\"__metadata__\":{\"nonce\":\"" + java.util.UUID.randomUUID() + "\"},\"w\":{\"dtype\":\"BF16\",\"shape\":[3,7],\"data_offsets\":[0,42]}}", 42);
        String oid = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(weights));
        upload(repo, oid, weights);
        commit(repo, "main", ndjson("Add weights").lfsFile("model.safetensors", oid, weights.length));

        JsonPath info = given().queryParam("blobs", "true").get("/api/models/" + repo.id()).then().statusCode(200)
                .extract().jsonPath();
        assertThat(info.getMap("safetensors.parameters")).isEqualTo(Map.of("BF16", 21));
        assertThat(info.getInt("safetensors.total")).isEqualTo(21);
        assertThat(info.getString("siblings.find { it.rfilename == 'model.safetensors' }.lfs.sha256")).isEqualTo(oid);
    }

    /** The basic LFS transfer huggingface_hub uses: batch, PUT to the self-authorising href, verify. */
    private static void upload(TestRepos.Owned repo, String oid, byte[] content) throws Exception {
        JsonPath batch = given().auth().oauth2(repo.token()).contentType("application/vnd.git-lfs+json")
                .accept("application/vnd.git-lfs+json")
                .body(Map.of("operation", "upload", "transfers", List.of("basic"), "hash_algo", "sha256",
                        "objects", List.of(Map.of("oid", oid, "size", content.length))))
                .post("/" + repo.id() + ".git/info/lfs/objects/batch").then().statusCode(200).extract().jsonPath();
        if (batch.get("objects[0].actions") == null) {
            return; // already stored and verified
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(LfsClient.reachable(batch.getString("objects[0].actions.upload.href")))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(200);
        HttpResponse<String> verify = http.send(HttpRequest.newBuilder(LfsClient.reachable(batch.getString("objects[0].actions.verify.href")))
                .header("Authorization", "Bearer " + repo.token()).header("Content-Type", "application/vnd.git-lfs+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"oid\":\"" + oid + "\",\"size\":" + content.length + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(verify.statusCode()).isEqualTo(200);
    }
}
