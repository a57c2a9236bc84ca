package dev.stoa.hub.files;

import dev.stoa.hub.git.GitRepositories;
import dev.stoa.hub.repo.Refs;
import dev.stoa.hub.repo.RepoErrors;
import dev.stoa.hub.repo.RepoView;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

import java.util.Optional;

/** Opens a repository's git data at the commit a revision names. */
@ApplicationScoped
public class RepoRevisions {

    private final GitRepositories git;

    public RepoRevisions(GitRepositories git) {
        this.git = git;
    }

    /**
     * The repository at {@code revision}; a 404 {@code RevisionNotFound} when no branch, tag or commit has
     * that name. The caller checked read access and closes the result.
     */
    public OpenRevision open(RepoView repo, String revision) {
        Repository repository = git.open(repo.id());
        try {
            Optional<RevCommit> commit = revision.isEmpty() ? Optional.empty() : Refs.resolve(repository, revision);
            if (commit.isEmpty()) {
                throw RepoErrors.revisionNotFound(repo.repoId(), revision);
            }
            return new OpenRevision(repo, repository, commit.get(), revision);
        } catch (RuntimeException e) {
            repository.close();
            throw e;
        }
    }

    /** Opens the git data of a repository for one read; the caller closes it. */
    Repository openGit(long repoId) {
        return git.open(repoId);
    }
}
