package dev.stoa.hub.git;

import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/** Small JGit helpers for the git storage tests: commits with one file, ref moves, reads. */
final class GitWrites {

    static final PersonIdent AUTHOR = new PersonIdent("Stoa Test", "test@stoa.invalid");

    private GitWrites() {
    }

    /** A repository id no other test (and no real repository) uses. */
    static long randomRepoId() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000_000L, 9_000_000_000_000L);
    }

    /** Writes a commit holding one file {@code path} with {@code content}, flushed as its own pack. */
    static ObjectId commit(Repository repository, ObjectId parent, String path, String content) {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            ObjectId id = commit(inserter, parent, path, content);
            inserter.flush();
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectId commit(ObjectInserter inserter, ObjectId parent, String path, String content) throws IOException {
        ObjectId blob = inserter.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8));
        TreeFormatter tree = new TreeFormatter();
        tree.append(path, FileMode.REGULAR_FILE, blob);
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(inserter.insert(tree));
        if (parent != null) {
            commit.setParentId(parent);
        }
        commit.setAuthor(AUTHOR);
        commit.setCommitter(AUTHOR);
        commit.setMessage("Update " + path);
        return inserter.insert(commit);
    }

    /** Moves {@code ref} from {@code expectedOld} (zero id: must not exist) to {@code id}. */
    static RefUpdate.Result move(Repository repository, String ref, ObjectId expectedOld, ObjectId id) {
        try {
            RefUpdate update = repository.updateRef(ref);
            update.setExpectedOldObjectId(expectedOld);
            update.setNewObjectId(id);
            return update.update();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The content of {@code path} in commit {@code id}. */
    static String read(Repository repository, ObjectId id, String path) {
        try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            RevCommit commit = walk.parseCommit(id);
            try (TreeWalk tree = TreeWalk.forPath(reader, path, commit.getTree())) {
                return new String(reader.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
