package dev.stoa.hub.lfs;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the LFS clients do over HTTP: batch requests through RestAssured (with the client's content type),
 * transfers with a plain HTTP client and no credentials, exactly to the URLs handed out.
 */
public final class LfsClient {

    static final String LFS_JSON = "application/vnd.git-lfs+json";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private LfsClient() {
    }

    public static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** POSTs a batch request to {@code <repoPath>.git/info/lfs/objects/batch} with a Bearer token (or none). */
    public static Response batch(String repoPath, String token, String operation, List<String> transfers, Map<String, Object> object) {
        return batchAt(repoPath + ".git/info/lfs/objects/batch", auth(token), operation, transfers, List.of(object));
    }

    static Response batchAt(String path, RequestSpecification request, String operation, List<String> transfers,
                            List<Map<String, Object>> objects) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("operation", operation);
        body.put("transfers", transfers);
        body.put("objects", objects);
        body.put("hash_algo", "sha256");
        return request.contentType(LFS_JSON).accept(LFS_JSON).body(json(body)).post("/" + path);
    }

    static RequestSpecification auth(String token) {
        return token == null ? given() : given().header("Authorization", "Bearer " + token);
    }

    public static Map<String, Object> object(String oid, long size) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("oid", oid);
        object.put("size", size);
        return object;
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where a test profile configures stoa.base-url, Stoa's links start with it while the app listens elsewhere. */
    public static URI reachable(String href) {
        String base = ConfigProvider.getConfig().getOptionalValue("stoa.base-url", String.class).orElse("").replaceFirst("/+$", "");
        String app = ConfigProvider.getConfig().getValue("test.url", String.class).replaceFirst("/+$", "");
        return URI.create(!base.isEmpty() && href.startsWith(base) ? app + href.substring(base.length()) : href);
    }

    public static HttpResponse<byte[]> put(String href, byte[] body) {
        return send(HttpRequest.newBuilder(reachable(href)).PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public static HttpResponse<byte[]> post(String href, String json, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(reachable(href))
                .header("Content-Type", LFS_JSON).header("Accept", LFS_JSON)
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    public static HttpResponse<byte[]> get(String href, String range) {
        HttpRequest.Builder request = HttpRequest.newBuilder(reachable(href)).GET();
        if (range != null) {
            request.header("Range", range);
        }
        return send(request);
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The upload session id inside a verify link ({@code /api/lfs/uploads/<id>/verify}). */
    static String sessionIdOf(String verifyHref) {
        String path = URI.create(verifyHref).getPath();
        return path.substring("/api/lfs/uploads/".length(), path.length() - "/verify".length());
    }
}
