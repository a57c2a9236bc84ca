package dev.stoa.hub.git;

import org.eclipse.jgit.lib.Repository;

/**
 * The git repositories behind Stoa's repositories, keyed by the repository's database id. Each is a JGit
 * DFS repository: packs in the object store, refs in the database, updated by compare-and-swap, so that
 * any replica may read and write any repository.
 *
 * <p>Thread-safe. A {@link Repository} returned by {@link #open} is used by one request and closed by it.
 */
public interface GitRepositories {

    /** Creates the empty git repository of a new Stoa repository; does nothing when it exists. */
    void create(long repoId);

    /**
     * Opens the git repository of {@code repoId}. Ref updates through it ({@link org.eclipse.jgit.lib.RefUpdate}
     * with an expected old id, {@link org.eclipse.jgit.lib.BatchRefUpdate}) are compare-and-swaps in the
     * database: a concurrent writer makes them fail with {@code LOCK_FAILURE}, never lose a commit.
     */
    Repository open(long repoId);

    /** Removes every ref and pack of the repository; does nothing when there is none. */
    void delete(long repoId);
}
