package dev.stoa.hub.card;

import dev.stoa.hub.blob.BlobInfo;
import dev.stoa.hub.blob.Blobs;
import dev.stoa.hub.blob.HeldBlobReferences;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.InputStream;
import java.util.Optional;

/** LFS contents from the blob store, limited to the blobs a repository holds. */
@ApplicationScoped
class BlobLfsContent implements LfsContent {

    private final Blobs blobs;
    private final HeldBlobReferences held;

    BlobLfsContent(Blobs blobs, HeldBlobReferences held) {
        this.blobs = blobs;
        this.held = held;
    }

    @Override
    public Optional<InputStream> open(long repoId, String sha256, long maxBytes) {
        Optional<BlobInfo> blob = blobs.find(sha256);
        if (blob.isEmpty() || blob.get().size() == 0 || !held.mayDownloadThrough(repoId, Optional.empty(), sha256)) {
            return Optional.empty();
        }
        return Optional.of(blobs.open(sha256, 0, Math.min(blob.get().size(), maxBytes)));
    }
}
