package dev.stoa.hub.blob;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One upload of one LFS object: where its bytes are staged until Stoa verified them, and, for a multipart
 * upload, the store's upload id and the part size the client was told.
 *
 * @param partSize    bytes per part for a multipart upload, 0 for a single PUT
 * @param completedAt when the bytes were verified and the blob registered; empty while the upload is open
 */
public record UploadSession(UUID id, String sha256, long size, long uploaderId, long repoId, String stagingKey,
                            Optional<String> multipartUploadId, long partSize, Instant createdAt, Instant expiresAt,
                            Optional<Instant> completedAt) {

    public boolean isMultipart() {
        return multipartUploadId.isPresent();
    }

    /** Number of parts of a multipart upload. */
    public int partCount() {
        return partSize == 0 ? 1 : (int) ((size + partSize - 1) / partSize);
    }

    /** The exact size of part {@code partNumber} (from 1). */
    public long sizeOfPart(int partNumber) {
        return partNumber < partCount() ? partSize : size - (long) (partCount() - 1) * partSize;
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
