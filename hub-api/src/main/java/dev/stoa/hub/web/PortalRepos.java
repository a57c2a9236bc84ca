package dev.stoa.hub.web;

import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.catalog.RepoLikes;
import dev.stoa.hub.curation.CurationService;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.ui.view.RepoHeader;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

import java.util.Optional;

/**
 * Opens a repository for a portal page, with the same rules as the API ({@link RepoAccess}): a private
 * repository the viewer may not see is a "not found" page, exactly like a missing one.
 */
@RequestScoped
public class PortalRepos {

    private final RepoAccess access;
    private final RepoLikes likes;
    private final SecurityIdentity identity;

    private final CurationService curation;

    public PortalRepos(RepoAccess access, RepoLikes likes, SecurityIdentity identity, CurationService curation) {
        this.curation = curation;
        this.access = access;
        this.likes = likes;
        this.identity = identity;
    }

    /** The signed-in viewer, if any. */
    public Optional<Caller> caller() {
        return Caller.of(identity);
    }

    /** The repository when the viewer may read it; otherwise the error page says it was not found. */
    public RepoView readable(RepoType type, String namespace, String name) {
        return access.requireReadable(idOf(type, namespace, name), caller());
    }

    /** The repository when the viewer may commit to it. */
    public RepoView writable(RepoType type, String namespace, String name) {
        return access.requireWritable(idOf(type, namespace, name), caller());
    }

    /** The repository when the viewer may change its settings, move or delete it. */
    public RepoView administrable(RepoType type, String namespace, String name) {
        return access.requireAdministrable(idOf(type, namespace, name), caller());
    }

    /** The header of the repository's pages, with the tab that is open and the revision shown. */
    public RepoHeader header(RepoView repo, String tab, String revision) {
        Optional<Caller> caller = caller();
        return new RepoHeader(repo.type().name(),
                repo.repoId().namespace(), repo.repoId().name(), repo.isPrivate(),
                repo.gated() == dev.stoa.hub.repo.Gating.off ? null : repo.gated().name(),
                repo.downloads(), repo.likes(),
                caller.map(c -> likes.likes(repo.id(), c.accountId())).orElse(false), revision, tab,
                access.canWrite(repo, caller), access.canAdminister(repo, caller),
                curation.latestApproved(repo.id()).flatMap(a -> a.tag()).orElse(null));
    }

    private static RepoId idOf(RepoType type, String namespace, String name) {
        return new RepoId(type, namespace, name);
    }
}
