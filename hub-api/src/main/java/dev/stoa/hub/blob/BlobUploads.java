package dev.stoa.hub.blob;

import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.storage.ObjectNotFoundException;
import dev.stoa.hub.storage.ObjectStore;
import dev.stoa.hub.storage.ObjectStoreException;
import dev.stoa.hub.storage.Sha256;
import dev.stoa.hub.storage.UploadedPart;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Uploads of LFS objects: bytes go to a staging key of their own, Stoa recomputes their sha256 and size,
 * and only then are they registered as a blob. A verified blob's bytes are never overwritten: when another
 * upload of the same content won, the later copy is deleted, so the content is stored once.
 */
@ApplicationScoped
public class BlobUploads {

    /** The largest object one presigned PUT may carry (S3's single-PUT limit). */
    public static final long MAX_SINGLE_PUT = 5L * 1024 * 1024 * 1024;
    static final String STAGING_PREFIX = "lfs/objects/";

    private static final Logger LOG = Logger.getLogger(BlobUploads.class);

    private final BlobRows blobs;
    private final UploadSessions sessions;
    private final ObjectStore store;
    private final StoaConfig config;
    private final Clock clock = Clock.systemUTC();

    BlobUploads(BlobRows blobs, UploadSessions sessions, ObjectStore store, StoaConfig config) {
        this.blobs = blobs;
        this.sessions = sessions;
        this.store = store;
        this.config = config;
    }

    /** Opens an upload session; {@code multipart} starts a multipart upload in the store. */
    public UploadSession start(long uploaderId, long repoId, String sha256, long size, boolean multipart) {
        UUID id = UUID.randomUUID();
        String key = STAGING_PREFIX + id;
        Instant now = clock.instant();
        long partSize = multipart ? partSize(size) : 0;
        Optional<String> uploadId = multipart ? Optional.of(store.createMultipartUpload(key)) : Optional.empty();
        UploadSession session = new UploadSession(id, sha256, size, uploaderId, repoId, key, uploadId, partSize, now,
                now.plus(config.repos().gc().uploadExpiry()), Optional.empty());
        sessions.insert(session);
        return session;
    }

    /** Bytes per part: the configured size, grown when the object would need more than the store's part limit. */
    long partSize(long size) {
        long configured = Math.max(config.lfs().partSize(), ObjectStore.MIN_PART_SIZE);
        long needed = (size + ObjectStore.MAX_PART_NUMBER - 1) / ObjectStore.MAX_PART_NUMBER;
        return Math.max(configured, needed);
    }

    /** Whether an object of this size is uploaded in parts when the client offers multipart. */
    public boolean wantsMultipart(long size) {
        return size > Math.max(config.lfs().multipartThreshold(), partSize(size));
    }

    public Optional<UploadSession> find(UUID id) {
        return sessions.find(id);
    }

    /** A presigned PUT for the session's single-request upload, where the store signs and the object fits one PUT. */
    public Optional<URI> presignPut(UploadSession session) {
        return session.size() <= MAX_SINGLE_PUT ? store.presignPut(session.stagingKey(), linkExpiry(session)) : Optional.empty();
    }

    /** A presigned PUT for one part, where the store signs. */
    public Optional<URI> presignPart(UploadSession session, int partNumber) {
        return store.presignUploadPart(session.stagingKey(), session.multipartUploadId().orElseThrow(), partNumber, linkExpiry(session));
    }

    /** How long links into this session stay valid: until it expires, and never longer than a store can sign. */
    public Duration linkExpiry(UploadSession session) {
        Duration left = Duration.between(clock.instant(), session.expiresAt());
        return left.compareTo(ObjectStore.MAX_PRESIGN_EXPIRY) > 0 ? ObjectStore.MAX_PRESIGN_EXPIRY : left;
    }

    /**
     * Streams a single-request upload into the staging key, hashing it on the way, and registers the blob when
     * the bytes match; verification needs no second read.
     */
    public BlobInfo receive(UploadSession session, InputStream body) {
        requireOpen(session);
        if (session.completedAt().isPresent()) {
            return registered(session);
        }
        if (session.isMultipart()) {
            throw ApiException.badRequest("This upload was started in parts: PUT each part to its own URL, then POST the completion.");
        }
        // One byte more than announced is enough to tell that the body is too long.
        String sha256;
        long count;
        try (Sha256.HashingInputStream hashing = new Sha256.HashingInputStream(body, session.size() + 1)) {
            store.put(session.stagingKey(), hashing);
            sha256 = hashing.sha256();
            count = hashing.count();
        } catch (ObjectStoreException | IOException e) {
            store.delete(session.stagingKey());
            throw ApiException.badRequest("The upload broke off before all " + session.size()
                    + " bytes arrived. Upload the file again.");
        }
        return accept(session, sha256, count);
    }

    /** Streams one part of a multipart upload to the store; returns its ETag. */
    public String uploadPart(UploadSession session, int partNumber, InputStream body) {
        requireOpen(session);
        if (!session.isMultipart() || session.completedAt().isPresent()) {
            throw ApiException.badRequest("This upload takes no parts" + (session.completedAt().isPresent() ? " any more: it is complete." : "."));
        }
        if (partNumber < 1 || partNumber > session.partCount()) {
            throw ApiException.badRequest("Part " + partNumber + " does not exist: this upload has parts 1 to " + session.partCount() + ".");
        }
        long expected = session.sizeOfPart(partNumber);
        try {
            return store.uploadPart(session.stagingKey(), session.multipartUploadId().orElseThrow(), partNumber, body, expected);
        } catch (ObjectNotFoundException e) {
            throw gone();
        } catch (ObjectStoreException e) {
            throw ApiException.badRequest("Part " + partNumber + " must hold exactly " + expected
                    + " bytes (chunk_size, the last part the rest); send it again whole.");
        }
    }

    /** Assembles the parts the client reports, then verifies the assembled object and registers the blob. */
    public BlobInfo completeParts(UploadSession session, List<UploadedPart> parts) {
        requireOpen(session);
        if (session.completedAt().isPresent()) {
            return registered(session);
        }
        if (!session.isMultipart()) {
            throw ApiException.badRequest("This upload is a single PUT, not a multipart upload; there is nothing to complete.");
        }
        if (parts.size() != session.partCount()) {
            throw ApiException.badRequest("This upload has " + session.partCount() + " parts, but the completion lists "
                    + parts.size() + ". List every part with the ETag its PUT returned.");
        }
        try {
            store.completeMultipartUpload(session.stagingKey(), session.multipartUploadId().orElseThrow(), parts);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("The parts cannot be assembled: " + e.getMessage()
                    + ". Upload every part, then list each with the ETag its PUT returned, in order.");
        } catch (ObjectNotFoundException e) {
            if (store.stat(session.stagingKey()).isEmpty()) {
                throw gone();
            }
            // Completed by an earlier request whose answer was lost: verify what it assembled.
        }
        return verifyStaged(session);
    }

    /**
     * Verifies the session's staged bytes (reading them back from the store, streaming) and registers the
     * blob. Idempotent: verifying a completed upload again answers the registered blob.
     */
    public BlobInfo verify(UploadSession session) {
        if (session.completedAt().isPresent()) {
            return registered(session);
        }
        requireOpen(session);
        return verifyStaged(session);
    }

    /**
     * Verifies what the uploader staged for this content without asking for verification, as huggingface.js does (it
     * commits right after its PUTs): the newest open upload whose bytes are in the store. Empty when there is none.
     */
    public Optional<BlobInfo> verifyUnverified(long uploaderId, String sha256) {
        for (UploadSession session : sessions.findOpen(uploaderId, sha256, clock.instant())) {
            if (!session.isMultipart() && store.stat(session.stagingKey()).isPresent()) {
                return Optional.of(verifyStaged(session));
            }
        }
        return Optional.empty();
    }

    private BlobInfo verifyStaged(UploadSession session) {
        if (store.stat(session.stagingKey()).isEmpty()) {
            throw new ApiException(422, "NotUploaded", "Nothing was uploaded for object " + session.sha256()
                    + " yet: upload its bytes to the upload action's href first, then verify.");
        }
        String sha256;
        long count;
        try (Sha256.HashingInputStream hashing = new Sha256.HashingInputStream(store.get(session.stagingKey()), Long.MAX_VALUE)) {
            hashing.transferTo(java.io.OutputStream.nullOutputStream());
            sha256 = hashing.sha256();
            count = hashing.count();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read back the upload of " + session.sha256(), e);
        }
        return accept(session, sha256, count);
    }

    private BlobInfo accept(UploadSession session, String actualSha, long actualSize) {
        if (!actualSha.equals(session.sha256()) || actualSize != session.size()) {
            store.delete(session.stagingKey());
            String received = actualSize > session.size() ? "more than " + session.size() + " bytes" : actualSize + " bytes with sha256 " + actualSha;
            throw new ApiException(422, "ContentMismatch", "The uploaded bytes are not object " + session.sha256()
                    + ": expected " + session.size() + " bytes with sha256 " + session.sha256() + ", received " + received
                    + ". They were discarded; upload the file's exact content again.");
        }
        Instant now = clock.instant();
        BlobRows.Row row = blobs.register(session.sha256(), session.size(), session.stagingKey(), now);
        if (!row.objectKey().equals(session.stagingKey())) {
            store.delete(session.stagingKey());
        }
        blobs.recordUploader(session.sha256(), session.uploaderId());
        sessions.markCompleted(session.id(), now);
        LOG.debugf("Blob %s (%d bytes) verified", session.sha256(), session.size());
        return row.info();
    }

    private BlobInfo registered(UploadSession session) {
        return blobs.find(session.sha256()).map(BlobRows.Row::info).orElseThrow(BlobUploads::gone);
    }

    private void requireOpen(UploadSession session) {
        if (session.isExpired(clock.instant())) {
            throw gone();
        }
    }

    private static ApiException gone() {
        return new ApiException(410, "UploadExpired",
                "This upload expired or was cleaned up. Ask the LFS batch API for a new upload and send the file again.");
    }
}
