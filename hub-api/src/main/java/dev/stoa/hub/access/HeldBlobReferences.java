package dev.stoa.hub.access;

import dev.stoa.hub.blob.BlobReferences;
import dev.stoa.hub.blob.BlobRows;
import dev.stoa.hub.blob.BlobUploads;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.storage.Sha256;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Who may use a blob: its uploaders (they proved possession) and those who may download it from a repository that
 * holds it (reading a gated repository shows its LFS hashes, which must not open its files).
 * Knowing a sha256 is never enough, so private files cannot be read or re-committed by guessing hashes.
 */
@ApplicationScoped
public class HeldBlobReferences implements BlobReferences {

    private final BlobRows rows;
    private final RepoService repos;
    private final RepoAccess access;
    private final BlobUploads uploads;

    HeldBlobReferences(BlobRows rows, RepoService repos, RepoAccess access, BlobUploads uploads) {
        this.rows = rows;
        this.repos = repos;
        this.access = access;
        this.uploads = uploads;
    }

    @Override
    public long requireReferenceable(Caller caller, String sha256, long size) {
        if (!Sha256.isOid(sha256)) {
            throw new ApiException(422, "InvalidOid", "'" + sha256 + "' is not a sha256: write it as 64 lowercase hex digits.");
        }
        Optional<BlobRows.Row> blob = rows.find(sha256);
        if (blob.isEmpty() && uploads.verifyUnverified(caller.accountId(), sha256).isPresent()) {
            blob = rows.find(sha256);
        }
        if (blob.isEmpty() || !mayUse(Optional.of(caller), sha256)) {
            throw new ApiException(422, "BlobNotUploaded", "Object " + sha256 + " has not been uploaded and verified"
                    + " for you: upload it first through the LFS batch API (operation 'upload'), then commit.");
        }
        if (size != -1 && blob.get().info().size() != size) {
            throw new ApiException(422, "BlobSizeMismatch", "Object " + sha256 + " holds " + blob.get().info().size()
                    + " bytes, not " + size + ": give the object's real size.");
        }
        // A commit is about to point at it: keep the collector away until the commit holds it.
        rows.touch(sha256, Instant.now());
        return blob.get().info().size();
    }

    @Override
    public void recordHeld(long repoId, Set<String> sha256s) {
        rows.recordHeld(repoId, sha256s);
    }

    /** Whether the caller uploaded the blob or may download it from a repository that holds it (gates count). */
    public boolean mayUse(Optional<Caller> caller, String sha256) {
        if (caller.isPresent() && rows.isUploader(sha256, caller.get().accountId())) {
            return true;
        }
        return rows.holders(sha256).stream()
                .map(repos::findById)
                .flatMap(Optional::stream)
                .anyMatch(repo -> access.canDownload(repo, caller));
    }

    /** Whether the caller may download the blob through the repository {@code repoId}: it holds it, or the caller uploaded it. */
    public boolean mayDownloadThrough(long repoId, Optional<Caller> caller, String sha256) {
        return rows.isHeldBy(sha256, repoId)
                || caller.map(c -> rows.isUploader(sha256, c.accountId())).orElse(false);
    }

    /** Marks the blob as used now, so the collector leaves it alone while work in flight relies on it. */
    public void touch(String sha256) {
        rows.touch(sha256, Instant.now());
    }
}
