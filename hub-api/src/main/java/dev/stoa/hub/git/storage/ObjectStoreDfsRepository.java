package dev.stoa.hub.git.storage;

import dev.stoa.hub.storage.ObjectStore;
import org.eclipse.jgit.internal.storage.dfs.DfsObjDatabase;
import org.eclipse.jgit.internal.storage.dfs.DfsRepository;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryBuilder;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.lib.RefDatabase;

/**
 * One Stoa repository's git repository: packs in the object store ({@link ObjectStoreObjDatabase}), refs in
 * the database ({@link DatabaseRefDatabase}). Cheap to create: nothing is read until used (then one query
 * for the refs and one for the pack list); the pack contents are shared by every instance through JGit's
 * global block cache. Closing releases nothing but per-instance caches.
 */
public final class ObjectStoreDfsRepository extends DfsRepository {

    private final long repoId;
    private final ObjectStoreObjDatabase objects;
    private final DatabaseRefDatabase refs;

    private ObjectStoreDfsRepository(Builder builder, long repoId, ObjectStore store, GitDatabase db) {
        super(builder);
        this.repoId = repoId;
        this.objects = new ObjectStoreObjDatabase(this, repoId, store, new PackTable(db));
        this.refs = new DatabaseRefDatabase(this, repoId, db);
    }

    /** Opens repository {@code repoId}; does not check that it exists. */
    public static ObjectStoreDfsRepository open(long repoId, ObjectStore store, GitDatabase db) {
        Builder builder = new Builder();
        // The block cache keys blocks by this name and the pack's file name: unique per repository.
        builder.setRepositoryDescription(new DfsRepositoryDescription("stoa-git-" + repoId));
        return new ObjectStoreDfsRepository(builder, repoId, store, db);
    }

    public long repoId() {
        return repoId;
    }

    @Override
    public DfsObjDatabase getObjectDatabase() {
        return objects;
    }

    @Override
    public RefDatabase getRefDatabase() {
        return refs;
    }

    private static final class Builder extends DfsRepositoryBuilder<Builder, ObjectStoreDfsRepository> {
        @Override
        public ObjectStoreDfsRepository build() {
            throw new UnsupportedOperationException("use ObjectStoreDfsRepository.open");
        }
    }
}
