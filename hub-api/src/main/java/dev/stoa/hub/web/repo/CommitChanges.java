package dev.stoa.hub.web.repo;

import dev.stoa.hub.files.OpenRevision;
import dev.stoa.hub.files.RepoEntry;
import dev.stoa.hub.files.RepoTreeReader;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The files one commit added, modified and deleted, compared with its first parent (a first commit adds all). */
@ApplicationScoped
public class CommitChanges {

    /** One changed file: its entry after the commit, or before it for a deleted file. */
    public record Change(String kind, RepoEntry entry, boolean deleted) {
    }

    /** The changes, and whether there were more than {@code limit}. */
    public record Changes(List<Change> changes, boolean truncated) {
    }

    private final RepoTreeReader tree;

    public CommitChanges(RepoTreeReader tree) {
        this.tree = tree;
    }

    public Changes of(OpenRevision at, int limit) {
        List<DiffEntry> diff = new ArrayList<>();
        Optional<RevCommit> parent;
        try (RevWalk walk = new RevWalk(at.git()); TreeWalk treeWalk = new TreeWalk(at.git())) {
            RevCommit commit = walk.parseCommit(at.commit());
            parent = commit.getParentCount() > 0 ? Optional.of(walk.parseCommit(commit.getParent(0))) : Optional.empty();
            treeWalk.setRecursive(true);
            if (parent.isPresent()) {
                treeWalk.addTree(parent.get().getTree());
            } else {
                treeWalk.addTree(new EmptyTreeIterator());
            }
            treeWalk.addTree(commit.getTree());
            for (DiffEntry entry : DiffEntry.scan(treeWalk)) {
                diff.add(entry);
                if (diff.size() > limit) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean truncated = diff.size() > limit;
        List<DiffEntry> shown = truncated ? diff.subList(0, limit) : diff;

        Map<String, RepoEntry> after = byPath(tree.findAll(at, shown.stream()
                .filter(d -> d.getChangeType() != DiffEntry.ChangeType.DELETE).map(DiffEntry::getNewPath).toList()));
        Map<String, RepoEntry> before = Map.of();
        List<String> deleted = shown.stream().filter(d -> d.getChangeType() == DiffEntry.ChangeType.DELETE)
                .map(DiffEntry::getOldPath).toList();
        if (!deleted.isEmpty() && parent.isPresent()) {
            // the parent's tree, read through the same open repository (not closed here: the caller closes it)
            OpenRevision atParent = new OpenRevision(at.repo(), at.git(), parent.get(), parent.get().name());
            before = byPath(tree.findAll(atParent, deleted));
        }
        List<Change> changes = new ArrayList<>();
        for (DiffEntry d : shown) {
            switch (d.getChangeType()) {
                case ADD, COPY -> add(changes, "added", after.get(d.getNewPath()), false);
                case MODIFY, RENAME -> add(changes, "modified", after.get(d.getNewPath()), false);
                case DELETE -> add(changes, "deleted", before.get(d.getOldPath()), true);
            }
        }
        return new Changes(changes, truncated);
    }

    private static void add(List<Change> changes, String kind, RepoEntry entry, boolean deleted) {
        if (entry != null) {
            changes.add(new Change(kind, entry, deleted));
        }
    }

    private static Map<String, RepoEntry> byPath(List<RepoEntry> entries) {
        return entries.stream().collect(Collectors.toMap(RepoEntry::path, Function.identity(), (a, b) -> a));
    }
}
