package dev.stoa.hub.blob;

import dev.stoa.hub.storage.ObjectStore;
import dev.stoa.hub.storage.Sha256;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Reading verified blobs, for the features that serve LFS content (resolve, the LFS batch API). Callers
 * decide access first (a repository that holds the blob, see {@link BlobRows#isHeldBy}).
 */
@ApplicationScoped
public class Blobs {

    private final BlobRows rows;
    private final ObjectStore store;

    Blobs(BlobRows rows, ObjectStore store) {
        this.rows = rows;
        this.store = store;
    }

    /** The verified blob, or empty when Stoa holds no verified bytes with this sha256. */
    public Optional<BlobInfo> find(String sha256) {
        return Sha256.isOid(sha256) ? rows.find(sha256).map(BlobRows.Row::info) : Optional.empty();
    }

    /**
     * Whether the blob is stored, verified and held by the repository, so that its bytes may be served to whoever
     * can read that repository: a pointer to a blob the repository does not hold must not open another tenant's file.
     */
    public boolean isServableThrough(long repoId, String sha256) {
        return find(sha256).isPresent() && rows.isHeldBy(sha256, repoId);
    }

    /**
     * Opens at most {@code maxBytes} of the blob from its start, when the repository holds it (see
     * {@link #isServableThrough}); empty otherwise. The caller closes the stream.
     */
    public Optional<InputStream> openHead(long repoId, String sha256, long maxBytes) {
        Optional<BlobInfo> blob = find(sha256);
        if (blob.isEmpty() || blob.get().size() == 0 || !rows.isHeldBy(sha256, repoId)) {
            return Optional.empty();
        }
        return Optional.of(open(sha256, 0, Math.min(blob.get().size(), maxBytes)));
    }

    /**
     * Opens bytes {@code [offset, offset + length)} of the blob ({@code length} -1: to the end; {@code open(sha, 0, -1)}
     * reads any blob whole, even an empty one). The caller closes the stream.
     *
     * @throws java.util.NoSuchElementException when there is no such blob
     * @throws IllegalArgumentException         when the range starts at or after the end
     */
    public InputStream open(String sha256, long offset, long length) {
        return store.get(key(sha256), offset, length);
    }

    /** A URL that lets anyone holding it GET the blob for {@code expiry}, where the store can sign (S3). */
    public Optional<URI> presignGet(String sha256, Duration expiry) {
        return store.presignGet(key(sha256), expiry);
    }

    private String key(String sha256) {
        return rows.find(sha256).orElseThrow().objectKey();
    }
}
