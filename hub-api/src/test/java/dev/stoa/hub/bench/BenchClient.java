package dev.stoa.hub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

/** Talks to a running Stoa the way huggingface_hub does: create, LFS batch upload, commit, resolve. */
public final class BenchClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public BenchClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    HttpClient http() {
        return http;
    }

    URI uri(String path) {
        return base.resolve(path);
    }

    /** Creates {@code admin/<name>} and returns its id. */
    String createRepo(String name) {
        return createRepo(name, "model");
    }

    /** Creates the model or dataset {@code admin/<name>} and returns its id. */
    String createRepo(String name, String type) {
        send(request("/api/repos/create").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"type\":\"" + type + "\"}")), 200);
        return "admin/" + name;
    }

    /** Sends one NDJSON commit to a dataset's main; returns the commit id. */
    String commitDataset(String repo, String ndjson) {
        return json(send(request("/api/datasets/" + repo + "/commit/main").header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(ndjson)), 200)).path("commitOid").asText();
    }

    /** POSTs JSON and returns the answer's JSON (the status must be {@code expected}). */
    JsonNode postJson(String path, String body, int expected) {
        return json(send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), expected));
    }

    /** GETs JSON. */
    JsonNode getJson(String path) {
        return json(send(request(path).GET(), 200));
    }

    /**
     * Publishes a model folder as {@code admin/<name>}: safetensors through the LFS batch API, the rest in git; returns
     * the repository's id.
     */
    public String publishFolder(String name, Path folder) throws IOException {
        String repo = createRepo(name);
        dev.stoa.hub.repo.TestRepos.Ndjson commit = dev.stoa.hub.repo.TestRepos.ndjson("model");
        try (java.util.stream.Stream<Path> list = java.nio.file.Files.list(folder)) {
            for (Path file : list.sorted().toList()) {
                String path = file.getFileName().toString();
                if (path.endsWith(".safetensors")) {
                    String sha;
                    try (InputStream in = java.nio.file.Files.newInputStream(file)) {
                        sha = BenchFiles.sha256(in);
                    }
                    lfsUpload(repo, file, java.nio.file.Files.size(file), sha);
                    commit.lfsFile(path, sha, java.nio.file.Files.size(file));
                } else {
                    commit.file(path, java.nio.file.Files.readString(file));
                }
            }
        }
        commit(repo, commit.toString());
        return repo;
    }

    /** Sends one NDJSON commit to main; returns the commit id. */
    String commit(String repo, String ndjson) {
        return json(send(request("/api/models/" + repo + "/commit/main").header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(ndjson)), 200)).path("commitOid").asText();
    }

    /** Uploads a file through the LFS batch API (basic transfer, the PUT sent by curl), then asks Stoa to verify it. */
    void lfsUpload(String repo, Path file, long size, String sha256) {
        ObjectNode batch = JSON.createObjectNode().put("operation", "upload").put("hash_algo", "sha256");
        batch.putArray("transfers").add("basic");
        batch.putArray("objects").addObject().put("oid", sha256).put("size", size);
        JsonNode object = json(send(request("/" + repo + ".git/info/lfs/objects/batch")
                .header("Accept", "application/vnd.git-lfs+json")
                .header("Content-Type", "application/vnd.git-lfs+json")
                .POST(HttpRequest.BodyPublishers.ofString(batch.toString())), 200)).path("objects").path(0);
        JsonNode actions = object.path("actions");
        if (actions.isMissingNode()) {
            return;
        }
        JsonNode upload = actions.path("upload");
        if (upload.path("header").size() > 0) {
            throw new IllegalStateException("the benchmark's basic upload sends no extra headers: " + upload);
        }
        Curl.upload(upload.path("href").asText(), file, size);
        JsonNode verify = actions.path("verify");
        if (!verify.isMissingNode()) {
            HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(verify.path("href").asText()))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/vnd.git-lfs+json")
                    .timeout(Duration.ofMinutes(30))
                    .POST(HttpRequest.BodyPublishers.ofString(
                            JSON.createObjectNode().put("oid", sha256).put("size", size).toString()));
            headers(verify, post);
            send(post, 200);
        }
    }

    /** GETs a URL (following redirects) and returns how many bytes came. */
    long download(String path) {
        try {
            HttpResponse<InputStream> response = http.send(request(path).timeout(Duration.ofMinutes(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
                }
                return BenchFiles.drain(body);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60));
    }

    private static void headers(JsonNode action, HttpRequest.Builder request) {
        for (Iterator<Map.Entry<String, JsonNode>> it = action.path("header").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            request.header(header.getKey(), header.getValue().asText());
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, int expected) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != expected / 100) {
                throw new IllegalStateException(request.build().method() + " " + request.build().uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
