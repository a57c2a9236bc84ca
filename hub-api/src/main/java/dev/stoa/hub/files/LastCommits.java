package dev.stoa.hub.files;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Finds, for a set of paths, the last commit that changed each one (for a folder: anything below it).
 *
 * <p>One history walk serves the whole set: the walk is limited to the paths (git's history simplification
 * skips every commit that touched none of them), and each commit it yields is compared with its first parent
 * only on the paths still unanswered. The walk stops as soon as every path has its commit, so a page of a
 * thousand files costs one pass over the part of history that reaches back to the oldest of their changes.
 */
@ApplicationScoped
public class LastCommits {

    /** The last commit changing each path, as seen from {@code start}; paths with no such commit are left out. */
    public Map<String, CommitSummary> of(Repository repository, RevCommit start, Collection<String> paths) {
        Set<String> remaining = new HashSet<>(paths);
        remaining.remove("");
        Map<String, CommitSummary> found = new HashMap<>();
        if (remaining.isEmpty()) {
            return found;
        }
        try (RevWalk walk = new RevWalk(repository)) {
            walk.sort(RevSort.COMMIT_TIME_DESC);
            walk.setTreeFilter(AndTreeFilter.create(PathFilterGroup.createFromStrings(remaining), TreeFilter.ANY_DIFF));
            walk.markStart(walk.parseCommit(start));
            for (RevCommit commit : walk) {
                for (String changed : changedPaths(walk, commit, remaining)) {
                    found.put(changed, summary(commit));
                    remaining.remove(changed);
                }
                if (remaining.isEmpty()) {
                    break;
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Which of {@code wanted} this commit changed compared with its first parent (or, for a root commit, added). */
    private static Set<String> changedPaths(RevWalk revWalk, RevCommit commit, Set<String> wanted) throws IOException {
        Set<String> changed = new HashSet<>();
        try (TreeWalk walk = new TreeWalk(revWalk.getObjectReader())) {
            walk.setRecursive(true);
            walk.setFilter(AndTreeFilter.create(PathFilterGroup.createFromStrings(wanted), TreeFilter.ANY_DIFF));
            if (commit.getParentCount() > 0) {
                walk.addTree(revWalk.parseCommit(commit.getParent(0)).getTree());
            } else {
                walk.addTree(new EmptyTreeIterator());
            }
            walk.addTree(commit.getTree());
            while (walk.next()) {
                String path = walk.getPathString();
                if (wanted.contains(path)) {
                    changed.add(path);
                }
                for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                    String folder = path.substring(0, slash);
                    if (wanted.contains(folder)) {
                        changed.add(folder);
                    }
                }
            }
        }
        return changed;
    }

    private static CommitSummary summary(RevCommit commit) {
        return new CommitSummary(commit.name(), commit.getShortMessage(), commit.getCommitterIdent().getWhenAsInstant());
    }
}
