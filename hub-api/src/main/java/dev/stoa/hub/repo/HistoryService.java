package dev.stoa.hub.repo;

import dev.stoa.hub.git.GitRepositories;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The commit history of a revision, newest first, one page at a time. */
@ApplicationScoped
public class HistoryService {

    private final GitRepositories git;

    public HistoryService(GitRepositories git) {
        this.git = git;
    }

    /**
     * One commit of a history.
     *
     * @param title   the first line of its message
     * @param message the rest of its message (the description), empty when there is none
     */
    public record CommitEntry(String id, List<String> authors, Instant date, String title, String message) {

        /** The entry of a commit: its message split into the first line (title) and the rest. */
        public static CommitEntry of(RevCommit commit) {
            String full = commit.getFullMessage().strip();
            int newline = full.indexOf('\n');
            String title = newline < 0 ? full : full.substring(0, newline).strip();
            String message = newline < 0 ? "" : full.substring(newline + 1).strip();
            return new CommitEntry(commit.name(), List.of(commit.getAuthorIdent().getName()),
                    commit.getCommitterIdent().getWhenAsInstant(), title, message);
        }

    }

    /** A page of commits, and whether another page follows. */
    public record CommitPage(List<CommitEntry> commits, boolean hasMore) {
    }

    /** Page {@code page} (from 0) of {@code size} commits reachable from {@code revision}; RevisionNotFound otherwise. */
    public CommitPage page(RepoView repo, String revision, int page, int size) {
        return page(repo, revision, "", page, size);
    }

    /**
     * As {@link #page(RepoView, String, int, int)}, limited to the commits that changed {@code path} (a file, or
     * anything below a folder); {@code ""} for all commits.
     */
    public CommitPage page(RepoView repo, String revision, String path, int page, int size) {
        try (Repository repository = git.open(repo.id()); RevWalk walk = new RevWalk(repository)) {
            RevCommit start = Refs.resolve(repository, revision).orElseThrow(() -> RepoErrors.revisionNotFound(repo.repoId(), revision));
            walk.sort(RevSort.COMMIT_TIME_DESC);
            if (!path.isEmpty()) {
                walk.setTreeFilter(org.eclipse.jgit.treewalk.filter.AndTreeFilter.create(
                        org.eclipse.jgit.treewalk.filter.PathFilter.create(path), org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF));
            }
            walk.markStart(walk.parseCommit(start));
            long skip = (long) page * size;
            List<CommitEntry> commits = new ArrayList<>(size);
            for (RevCommit commit : walk) {
                if (skip > 0) {
                    skip--;
                    continue;
                }
                if (commits.size() == size) {
                    return new CommitPage(commits, true);
                }
                commits.add(CommitEntry.of(commit));
            }
            return new CommitPage(commits, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
