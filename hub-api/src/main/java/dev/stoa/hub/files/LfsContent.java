package dev.stoa.hub.files;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where downloads read the content of LFS files: the verified blobs, addressed by sha256. Implemented over
 * Stoa's blob store; thread-safe.
 */
public interface LfsContent {

    /**
     * Whether the blob {@code sha256} is stored, verified and held by the repository {@code repoId}, so that its
     * bytes may be served to whoever can read that repository. A pointer pushed to a blob the repository does
     * not hold must not open another tenant's private file.
     */
    boolean isServable(long repoId, String sha256);

    /**
     * Opens {@code length} bytes of the blob from {@code offset}.
     *
     * @return a stream the caller closes
     */
    InputStream open(String sha256, long offset, long length);

    /** A URL that lets anyone holding it GET the blob for {@code expiry}, when the store can sign; else empty. */
    Optional<URI> presignGet(String sha256, Duration expiry);
}
