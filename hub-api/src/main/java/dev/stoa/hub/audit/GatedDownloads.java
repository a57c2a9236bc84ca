package dev.stoa.hub.audit;

import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.Gating;
import dev.stoa.hub.repo.RepoView;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;

/**
 * Records who downloaded which file of a gated repository ({@code download.gated}): a resolve of a file with its
 * body, or an LFS object handed out for download. Downloads of public, ungated repositories and of the terms files
 * (card, licence) are not recorded.
 */
@ApplicationScoped
public class GatedDownloads {

    private final Audits audits;

    GatedDownloads(Audits audits) {
        this.audits = audits;
    }

    /** A file at {@code path} (or an LFS object {@code oid:<sha256>}) of {@code repo} is being downloaded. */
    public void downloaded(RepoView repo, Optional<Caller> caller, String path) {
        if (repo.gated() == Gating.off || RepoAccess.isTermsFile(path)) {
            return;
        }
        audits.record("download.gated", caller, "file", repo.repoId() + ":" + path, repo.ownerId(), Map.of(),
                Map.of("path", path));
    }
}
