package dev.stoa.hub.access;

import dev.stoa.hub.repo.RepoView;

import java.util.Optional;

/**
 * What {@link RepoAccess} asks before any download: the block that refuses it. The moderation feature provides it from
 * its quarantines. Each question must be cheap: it is asked on every download.
 */
public interface DownloadBlocks {

    /** The block of the whole repository ({@link RepoView#disabled()} says whether to look). */
    Optional<? extends DownloadBlock> ofRepository(RepoView repo);

    /** The block of the whole repository or of the file at {@code path}. */
    Optional<? extends DownloadBlock> ofFile(RepoView repo, String path);

    /** Any block in the repository: a git fetch sends every file, so any of them refuses a clone. */
    Optional<? extends DownloadBlock> anyIn(RepoView repo);

    /** The block of a file whose LFS object is {@code oid}. */
    Optional<? extends DownloadBlock> ofObject(RepoView repo, String oid);
}
