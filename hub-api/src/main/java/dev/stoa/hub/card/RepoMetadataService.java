package dev.stoa.hub.card;

import dev.stoa.hub.git.GitRepositories;
import dev.stoa.hub.repo.Refs;
import dev.stoa.hub.repo.RepoCatalog;
import dev.stoa.hub.repo.RepoMetadata;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.hub.repo.RevisionPublished;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Keeps each repository's card metadata and model tree in step with the latest commit on {@code main}: read
 * when main moves, and again by any reader that finds the stored copy older than main's head (an event lost
 * to a crash, or two commits whose events arrived out of order). Other revisions are read on the fly.
 */
@ApplicationScoped
public class RepoMetadataService {

    private static final Logger LOG = Logger.getLogger(RepoMetadataService.class);

    private final CardMetadataReader reader;
    private final RepoCatalog catalog;
    private final RepoService repos;
    private final GitRepositories git;

    public RepoMetadataService(CardMetadataReader reader, RepoCatalog catalog, RepoService repos, GitRepositories git) {
        this.reader = reader;
        this.catalog = catalog;
        this.repos = repos;
        this.git = git;
    }

    /** Never fails the commit that fired it: the metadata is recomputed on the next read instead. */
    void onPublished(@Observes RevisionPublished event) {
        if (!event.isMainBranch() || event.newCommit().isEmpty()) {
            return;
        }
        try {
            Optional<RepoView> repo = repos.findById(event.repoId());
            if (repo.isEmpty()) {
                return;
            }
            try (Repository repository = git.open(event.repoId())) {
                Refs.resolve(repository, Refs.MAIN).ifPresent(head -> refresh(repo.get(), repository, head));
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Reading the card metadata of repository %d at %s failed; it is read again on the next request",
                    event.repoId(), event.newCommit().get());
        }
    }

    /**
     * The metadata at {@code commit}: the stored copy when it was read from that commit; read now otherwise, and
     * stored when {@code commit} is main's head.
     */
    public RepoMetadata at(RepoView repo, Repository repository, RevCommit commit) {
        Optional<RepoMetadata> stored = catalog.metadata(repo.id());
        if (stored.isPresent() && stored.get().commit().equals(commit.name())) {
            return stored.get();
        }
        boolean isMainHead = Refs.resolve(repository, Refs.MAIN).map(head -> head.equals(commit)).orElse(false);
        return isMainHead ? refresh(repo, repository, commit) : reader.read(repo.id(), repository, commit, repo.type());
    }

    private RepoMetadata refresh(RepoView repo, Repository repository, RevCommit head) {
        RepoMetadata metadata = reader.read(repo.id(), repository, head, repo.type());
        catalog.saveMetadata(repo.id(), metadata);
        return metadata;
    }
}
