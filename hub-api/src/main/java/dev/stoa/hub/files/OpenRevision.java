package dev.stoa.hub.files;

import dev.stoa.hub.repo.RepoView;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A repository's git data opened at the commit a revision named; close it when the request is done.
 *
 * @param revision the revision as the request named it (a branch, a tag, a commit id)
 */
public record OpenRevision(RepoView repo, Repository git, RevCommit commit, String revision) implements AutoCloseable {

    /** The commit's 40-hex id, as sent in {@code X-Repo-Commit}. */
    public String commitId() {
        return commit.name();
    }

    @Override
    public void close() {
        git.close();
    }
}
