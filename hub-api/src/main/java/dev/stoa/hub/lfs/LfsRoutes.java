package dev.stoa.hub.lfs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.error.ErrorRenderer;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoType;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** What the model and dataset LFS routes share: reading the request, asking {@link LfsBatch}, writing git-lfs JSON. */
@ApplicationScoped
class LfsRoutes {

    /** Batch requests are small JSON documents; a larger body is refused before it is parsed. */
    private static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;

    private final LfsBatch batch;
    private final ObjectMapper json;
    private final SecurityIdentity identity;

    LfsRoutes(LfsBatch batch, ObjectMapper json, SecurityIdentity identity) {
        this.batch = batch;
        this.json = json;
        this.identity = identity;
    }

    Response batch(RepoType type, String namespace, String repo, InputStream body) throws IOException {
        RepoId id = new RepoId(type, namespace, repo.endsWith(".git") ? repo.substring(0, repo.length() - 4) : repo);
        LfsJson.BatchRequest request = read(body, LfsJson.BatchRequest.class);
        return lfsJson(batch.batch(id, Caller.of(identity), request));
    }

    Response locksVerify() {
        throw new ApiException(501, "NotImplemented", "Stoa does not support the Git LFS locking API;"
                + " git-lfs carries on without it (git config lfs.locksverify false silences this).");
    }

    /** Reads a small JSON body; a malformed one reaches the error mapper as Jackson's exception, which names the field. */
    <T> T read(InputStream body, Class<T> type) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BATCH_BYTES + 1);
            if (bytes.length > MAX_BATCH_BYTES) {
                throw new ApiException(413, "PayloadTooLarge", "The request body is over " + MAX_BATCH_BYTES
                        + " bytes; send fewer objects per request.");
            }
            if (bytes.length == 0) {
                throw ApiException.badRequest("The request has no body: send a JSON object with Content-Type: application/vnd.git-lfs+json.");
            }
            return json.readValue(bytes, type);
    }

    Response lfsJson(Object body) {
        try {
            return Response.ok(json.writeValueAsString(body), ErrorRenderer.GIT_LFS_JSON).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
