package dev.stoa.hub.moderation;

import dev.stoa.hub.access.DownloadBlocks;
import dev.stoa.hub.repo.RepoView;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * What {@link dev.stoa.hub.access.RepoAccess} asks before any download: the active quarantine that refuses it.
 * Each question is one indexed query; the cheap case, a repository without quarantines, reads no rows.
 */
@ApplicationScoped
public class QuarantineChecks implements DownloadBlocks {

    private final QuarantineRows rows;

    QuarantineChecks(QuarantineRows rows) {
        this.rows = rows;
    }

    /** The active quarantine of the whole repository. */
    @Override
    public Optional<Quarantine> ofRepository(RepoView repo) {
        return repo.disabled() ? rows.activeFor(repo.id(), null).filter(Quarantine::wholeRepository) : Optional.empty();
    }

    /** The active quarantine of the whole repository or of the file at {@code path}. */
    @Override
    public Optional<Quarantine> ofFile(RepoView repo, String path) {
        return rows.activeFor(repo.id(), path);
    }

    /** Any active quarantine in the repository: git fetches send every file, so any of them refuses a clone. */
    @Override
    public Optional<Quarantine> anyIn(RepoView repo) {
        return rows.anyActive(repo.id());
    }

    /** The active quarantine of a file whose LFS object is {@code oid}. */
    @Override
    public Optional<Quarantine> ofObject(RepoView repo, String oid) {
        return rows.activeForObject(repo.id(), oid);
    }
}
