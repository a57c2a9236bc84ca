package dev.stoa.hub.blob;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A verified blob: LFS content whose sha256 and size Stoa recomputed from the stored bytes.
 *
 * @param sha256     64 lowercase hex digits
 * @param size       length in bytes
 * @param verifiedAt when Stoa first verified the bytes
 */
public record BlobInfo(String sha256, long size, Instant verifiedAt) {

    public BlobInfo {
        requireNonNull(sha256, "sha256 is null");
        requireNonNull(verifiedAt, "verifiedAt is null");
    }
}
