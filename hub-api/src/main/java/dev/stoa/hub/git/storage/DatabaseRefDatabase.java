package dev.stoa.hub.git.storage;

import org.eclipse.jgit.internal.storage.dfs.DfsRefDatabase;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectIdRef;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.ReflogEntry;
import org.eclipse.jgit.lib.ReflogReader;
import org.eclipse.jgit.lib.SymbolicRef;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.util.RefList;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;

/**
 * The refs of one repository, in {@code git_ref}. Every change is one conditional statement, a
 * compare-and-swap decided by PostgreSQL: creating inserts only when no row exists
 * ({@code ON CONFLICT DO NOTHING}), moving updates only when the row still holds the expected target,
 * deleting deletes only that. Of two writers racing from the same old value, exactly one statement
 * changes a row; the other changes none and JGit reports {@code LOCK_FAILURE}.
 *
 * <p>Refs are read once per instance (one query) and cached; a stale cache only makes an update fail,
 * never succeed wrongly, because the database compares against its own row.
 */
final class DatabaseRefDatabase extends DfsRefDatabase {

    private final long repoId;
    private final GitDatabase db;

    DatabaseRefDatabase(ObjectStoreDfsRepository repository, long repoId, GitDatabase db) {
        super(repository);
        this.repoId = repoId;
        this.db = db;
    }

    @Override
    protected RefCache scanAllRefs() throws IOException {
        return db.call(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT name, target, peeled, symbolic_target FROM git_ref WHERE repo_id = ?")) {
                select.setLong(1, repoId);
                RefList.Builder<Ref> all = new RefList.Builder<>();
                RefList.Builder<Ref> symbolic = new RefList.Builder<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Ref ref = toRef(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4));
                        all.add(ref);
                        if (ref.isSymbolic()) {
                            symbolic.add(ref);
                        }
                    }
                }
                all.sort();
                symbolic.sort();
                return new RefCache(all.toRefList(), symbolic.toRefList());
            }
        });
    }

    private static Ref toRef(String name, String target, String peeled, String symbolicTarget) {
        if (symbolicTarget != null) {
            return new SymbolicRef(name, new ObjectIdRef.Unpeeled(Ref.Storage.NEW, symbolicTarget, null));
        }
        ObjectId id = ObjectId.fromString(target);
        return peeled != null
                ? new ObjectIdRef.PeeledTag(Ref.Storage.PACKED, name, id, ObjectId.fromString(peeled))
                : new ObjectIdRef.PeeledNonTag(Ref.Storage.PACKED, name, id);
    }

    @Override
    protected boolean compareAndPut(Ref oldRef, Ref newRef) throws IOException {
        String name = newRef.getName();
        String target = newRef.isSymbolic() ? null : newRef.getObjectId().name();
        String peeled = newRef.isSymbolic() ? null : peeledTarget(newRef);
        String symbolicTarget = newRef.isSymbolic() ? newRef.getTarget().getName() : null;
        return db.call(connection -> {
            PreparedStatement statement;
            if (oldRef == null || (!oldRef.isSymbolic() && oldRef.getObjectId() == null)) {
                statement = connection.prepareStatement("""
                        INSERT INTO git_ref (repo_id, name, target, peeled, symbolic_target) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""");
                statement.setLong(1, repoId);
                statement.setString(2, name);
                statement.setString(3, target);
                statement.setString(4, peeled);
                statement.setString(5, symbolicTarget);
            } else {
                statement = connection.prepareStatement(oldRef.isSymbolic()
                        ? "UPDATE git_ref SET target = ?, peeled = ?, symbolic_target = ? WHERE repo_id = ? AND name = ? AND symbolic_target = ?"
                        : "UPDATE git_ref SET target = ?, peeled = ?, symbolic_target = ? WHERE repo_id = ? AND name = ? AND target = ?");
                statement.setString(1, target);
                statement.setString(2, peeled);
                statement.setString(3, symbolicTarget);
                statement.setLong(4, repoId);
                statement.setString(5, name);
                statement.setString(6, expected(oldRef));
            }
            try (statement) {
                boolean moved = statement.executeUpdate() == 1;
                if (moved && !newRef.isSymbolic()) {
                    db.refMoved(repoId, name, commitOf(oldRef), Optional.of(peeled != null ? peeled : target));
                }
                return moved;
            }
        });
    }

    @Override
    protected boolean compareAndRemove(Ref oldRef) throws IOException {
        return db.call(connection -> {
            if (!oldRef.isSymbolic() && oldRef.getObjectId() == null) {
                try (PreparedStatement exists = connection.prepareStatement(
                        "SELECT 1 FROM git_ref WHERE repo_id = ? AND name = ?")) {
                    exists.setLong(1, repoId);
                    exists.setString(2, oldRef.getName());
                    try (ResultSet row = exists.executeQuery()) {
                        return !row.next();
                    }
                }
            }
            try (PreparedStatement delete = connection.prepareStatement(oldRef.isSymbolic()
                    ? "DELETE FROM git_ref WHERE repo_id = ? AND name = ? AND symbolic_target = ?"
                    : "DELETE FROM git_ref WHERE repo_id = ? AND name = ? AND target = ?")) {
                delete.setLong(1, repoId);
                delete.setString(2, oldRef.getName());
                delete.setString(3, expected(oldRef));
                boolean removed = delete.executeUpdate() == 1;
                if (removed && !oldRef.isSymbolic()) {
                    db.refMoved(repoId, oldRef.getName(), commitOf(oldRef), Optional.empty());
                }
                return removed;
            }
        });
    }

    /** What a ref led to, peeled: the commit an annotated tag names rather than the tag object. */
    private static Optional<String> commitOf(Ref ref) {
        if (ref == null || ref.isSymbolic() || ref.getObjectId() == null) {
            return Optional.empty();
        }
        ObjectId commit = ref.getPeeledObjectId() != null ? ref.getPeeledObjectId() : ref.getObjectId();
        return Optional.of(commit.name());
    }

    private static String expected(Ref oldRef) {
        return oldRef.isSymbolic() ? oldRef.getTarget().getName() : oldRef.getObjectId().name();
    }

    /** The object an annotated tag finally points at, or null for anything else; stored so reads never peel. */
    private String peeledTarget(Ref ref) throws IOException {
        if (ref.isPeeled()) {
            return ref.getPeeledObjectId() == null ? null : ref.getPeeledObjectId().name();
        }
        try (RevWalk walk = new RevWalk(getRepository())) {
            RevObject object = walk.parseAny(ref.getObjectId());
            return object instanceof RevTag ? walk.peel(object).name() : null;
        }
    }

    /** Stoa keeps no reflog (the history of a branch is its commits): every ref's log is empty. */
    @Override
    public ReflogReader getReflogReader(Ref ref) {
        return new ReflogReader() {
            @Override
            public ReflogEntry getLastEntry() {
                return null;
            }

            @Override
            public List<ReflogEntry> getReverseEntries() {
                return List.of();
            }

            @Override
            public ReflogEntry getReverseEntry(int number) {
                return null;
            }

            @Override
            public List<ReflogEntry> getReverseEntries(int max) {
                return List.of();
            }
        };
    }

    @Override
    protected void cachePeeledState(Ref oldLeaf, Ref newLeaf) {
        // Rows already hold the peeled target; peeling is never written back.
    }
}
