package dev.stoa.hub.card;

import dev.stoa.hub.catalog.RepoCatalog;
import dev.stoa.hub.event.EventConsumer;
import dev.stoa.hub.event.OutboxEvent;
import dev.stoa.hub.git.GitRepositories;
import dev.stoa.hub.git.RevisionPublished;
import dev.stoa.hub.repo.Refs;
import dev.stoa.hub.repo.RepoMetadata;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.RepoView;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

import java.util.Optional;
import java.util.Set;

/**
 * Keeps each repository's card metadata and model tree in step with the latest commit on {@code main}: read
 * when main moves (the {@link RevisionPublished} events of the stream), and again by any reader that finds the stored
 * copy older than main's head. Other revisions are read on the fly.
 */
@ApplicationScoped
public class RepoMetadataService implements EventConsumer {

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

    @Override
    public String name() {
        return "card-metadata";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(RevisionPublished.TYPE);
    }

    /** Reads main's head (whatever the event says: a later move may have overtaken it) into the stored metadata. */
    @Override
    public void handle(OutboxEvent event) {
        RevisionPublished published = event.payload(RevisionPublished.class);
        if (!published.isMainBranch() || published.newCommit().isEmpty()) {
            return;
        }
        Optional<RepoView> repo = repos.findById(published.repoId());
        if (repo.isEmpty()) {
            return;
        }
        try (Repository repository = git.open(published.repoId())) {
            Refs.resolve(repository, Refs.MAIN).ifPresent(head -> refresh(repo.get(), repository, head));
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
