package dev.stoa.hub.repo;

import dev.stoa.hub.identity.TestAccounts;
import io.restassured.http.ContentType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Creates repositories and commits through the HF routes, as huggingface_hub does. */
public final class TestRepos {

    private TestRepos() {
    }

    /** A new user with a write token and a new repository of theirs. */
    public record Owned(String user, String token, String id, String type) {
        /** {@code models} or {@code datasets}. */
        public String plural() {
            return type + "s";
        }

        /** {@code ns/name} or {@code datasets/ns/name}. */
        public String urlPath() {
            return type.equals("dataset") ? "datasets/" + id : id;
        }
    }

    public static Owned newRepo(String type, boolean isPrivate) {
        String user = TestAccounts.newUser();
        String token = TestAccounts.tokenOf(user, "write");
        return new Owned(user, token, create(token, user, type, isPrivate), type);
    }

    /** Creates {@code namespace/<random>} and returns its id. */
    public static String create(String token, String namespace, String type, boolean isPrivate) {
        String name = TestAccounts.randomName("repo");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", name, "organization", namespace, "type", type, "private", isPrivate))
                .post("/api/repos/create")
                .then().statusCode(200);
        return namespace + "/" + name;
    }

    /** Commits to {@code revision} and returns the new commit's id. */
    public static String commit(Owned repo, String revision, Ndjson body) {
        return postCommit(repo.token(), repo, revision, body).then().statusCode(200).extract().path("commitOid");
    }

    /** Sends a commit with {@code token} (null: anonymously) and returns the raw response. */
    public static io.restassured.response.Response postCommit(String token, Owned repo, String revision, Ndjson body) {
        io.restassured.specification.RequestSpecification request = given();
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.contentType("application/x-ndjson")
                .body(new java.io.ByteArrayInputStream(body.toString().getBytes(StandardCharsets.UTF_8)))
                .post("/api/" + repo.plural() + "/" + repo.id() + "/commit/" + revision);
    }

    /** Uploads {@code content} through the LFS batch API as huggingface_hub does (batch, PUT, verify); returns its sha256. */
    public static String uploadLfs(Owned repo, byte[] content) {
        String oid = dev.stoa.hub.lfs.LfsClient.sha256(content);
        io.restassured.path.json.JsonPath batch = dev.stoa.hub.lfs.LfsClient.batch(repo.urlPath(), repo.token(), "upload",
                        List.of("basic"), dev.stoa.hub.lfs.LfsClient.object(oid, content.length))
                .then().statusCode(200).extract().jsonPath();
        if (batch.get("objects[0].actions") != null) {
            org.assertj.core.api.Assertions.assertThat(dev.stoa.hub.lfs.LfsClient
                    .put(batch.getString("objects[0].actions.upload.href"), content).statusCode()).isEqualTo(200);
            org.assertj.core.api.Assertions.assertThat(dev.stoa.hub.lfs.LfsClient.post(batch.getString("objects[0].actions.verify.href"),
                    dev.stoa.hub.lfs.LfsClient.json(dev.stoa.hub.lfs.LfsClient.object(oid, content.length)), repo.token()).statusCode())
                    .isEqualTo(200);
        }
        return oid;
    }

    public static Ndjson ndjson(String summary) {
        return new Ndjson().line("header", Map.of("summary", summary, "description", ""));
    }

    /** A commit body, line by line. */
    public static final class Ndjson {
        private final List<String> lines = new ArrayList<>();

        public Ndjson line(String key, Map<String, ?> value) {
            lines.add(toJson(Map.of("key", key, "value", value)));
            return this;
        }

        public Ndjson header(String summary, String parentCommit) {
            lines.set(0, toJson(Map.of("key", "header", "value", Map.of("summary", summary, "parentCommit", parentCommit))));
            return this;
        }

        public Ndjson file(String path, String content) {
            return file(path, content.getBytes(StandardCharsets.UTF_8));
        }

        public Ndjson file(String path, byte[] content) {
            return line("file", Map.of("path", path, "content", Base64.getEncoder().encodeToString(content), "encoding", "base64"));
        }

        public Ndjson lfsFile(String path, String sha256, long size) {
            Map<String, Object> value = new HashMap<>(Map.of("path", path, "algo", "sha256", "oid", sha256));
            value.put("size", size);
            return line("lfsFile", value);
        }

        public Ndjson delete(String path) {
            return line("deletedFile", Map.of("path", path));
        }

        public Ndjson deleteFolder(String path) {
            return line("deletedFolder", Map.of("path", path));
        }

        public Ndjson raw(String line) {
            lines.add(line);
            return this;
        }

        @Override
        public String toString() {
            return String.join("\n", lines) + "\n";
        }

        private static String toJson(Object value) {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
