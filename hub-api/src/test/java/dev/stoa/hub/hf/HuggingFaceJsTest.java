package dev.stoa.hub.hf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stoa.hub.identity.TestAccounts;
import dev.stoa.hub.lfs.LfsClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hugging Face's JavaScript client ({@code @huggingface/hub}, unmodified, on Node.js) against Stoa: with a Stoa token
 * in its {@code hf_} spelling it creates a private repository, uploads small files and LFS files (a binary one in a
 * single PUT, an 11 MiB one in parts) without Xet, lists, downloads, reads model info and deletes a file. Sizes,
 * hashes and bytes are checked against what this test computed from the files it wrote.
 */
@QuarkusTest
class HuggingFaceJsTest {

    @Test
    void theJavaScriptClientPublishesListsDownloadsAndDeletes() throws Exception {
        String user = TestAccounts.newUser();
        String token = TestAccounts.tokenOf(user, "write");
        String repo = user + "/" + TestAccounts.randomName("from-js");
        String endpoint = "http://127.0.0.1:" + RestAssured.port;
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("README.md", "---\nlicense: mit\n---\n# Uploaded with huggingface.js\n".getBytes(StandardCharsets.UTF_8));
        files.put("config.json", "{\"model_type\": \"llama\"}\n".getBytes(StandardCharsets.UTF_8));
        files.put("weights/adapter.bin", LfsClient.randomBytes(64 * 1024));
        files.put("model.safetensors", LfsClient.randomBytes(11 * 1024 * 1024 + 7));
        Path uploads = Files.createTempDirectory("hfjs-upload");
        Path downloads = Files.createTempDirectory("hfjs-download");
        for (var file : files.entrySet()) {
            Files.createDirectories(uploads.resolve(file.getKey()).getParent());
            Files.write(uploads.resolve(file.getKey()), file.getValue());
        }

        JsonNode seen = HuggingFaceJs.run("hfjs-roundtrip.mjs", Map.of("STOA_URL", endpoint, "STOA_TOKEN", "hf_" + token,
                "STOA_REPO", repo, "UPLOAD_DIR", uploads.toString(), "DOWNLOAD_DIR", downloads.toString(),
                "DELETE_PATH", "config.json"));

        assertThat(seen.path("whoami").asText()).isEqualTo(user);
        assertThat(seen.path("repoUrl").asText()).isEqualTo(endpoint + "/" + repo);
        String commit = seen.path("commit").path("oid").asText();
        assertThat(commit).matches("[0-9a-f]{40}");
        assertThat(seen.path("commit").path("url").asText()).isEqualTo(endpoint + "/" + repo + "/commit/" + commit);

        Map<String, JsonNode> listed = new LinkedHashMap<>();
        seen.path("files").forEach(entry -> listed.put(entry.path("path").asText(), entry));
        assertThat(listed.keySet()).containsExactlyInAnyOrder(".gitattributes", "README.md", "config.json", "weights",
                "weights/adapter.bin", "model.safetensors");
        for (String text : List.of("README.md", "config.json")) {
            assertThat(listed.get(text).path("size").asLong()).isEqualTo(files.get(text).length);
            assertThat(listed.get(text).path("oid").asText()).isEqualTo(gitBlobId(files.get(text)));
            assertThat(listed.get(text).path("lfs").isNull()).as(text + " is a regular git file").isTrue();
        }
        for (String binary : List.of("weights/adapter.bin", "model.safetensors")) {
            JsonNode lfs = listed.get(binary).path("lfs");
            assertThat(listed.get(binary).path("size").asLong()).isEqualTo(files.get(binary).length);
            assertThat(lfs.path("oid").asText()).as(binary + " is stored in LFS by its sha256").isEqualTo(LfsClient.sha256(files.get(binary)));
            assertThat(lfs.path("size").asLong()).isEqualTo(files.get(binary).length);
        }
        for (var file : files.entrySet()) {
            assertThat(Files.readAllBytes(downloads.resolve(file.getKey()))).as(file.getKey()).isEqualTo(file.getValue());
        }

        assertThat(seen.path("modelInfo").path("name").asText()).isEqualTo(repo);
        assertThat(seen.path("modelInfo").path("private").asBoolean()).isTrue();
        assertThat(seen.path("modelInfo").path("sha").asText()).isEqualTo(commit);

        List<String> after = new ArrayList<>();
        seen.path("filesAfterDelete").forEach(path -> after.add(path.asText()));
        assertThat(after).doesNotContain("config.json").contains("README.md", "model.safetensors", "weights/adapter.bin");
        assertThat(seen.path("deletedFileExists").asBoolean()).isFalse();

        // Stoa's own view, with the token's usual spelling: the deletion is the head, the private repository hidden.
        JsonPath info = given().auth().oauth2(token).get("/api/models/" + repo).then().statusCode(200).extract().jsonPath();
        assertThat(info.getString("sha")).isEqualTo(seen.path("deleteCommit").asText());
        assertThat(info.getList("siblings.rfilename", String.class)).doesNotContain("config.json").contains("model.safetensors");
        given().get("/api/models/" + repo).then().statusCode(401);
    }

    /** git's object id of a blob: SHA-1 over {@code "blob <size>\0"} and the bytes. */
    private static String gitBlobId(byte[] content) throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(sha1.digest(content));
    }
}
