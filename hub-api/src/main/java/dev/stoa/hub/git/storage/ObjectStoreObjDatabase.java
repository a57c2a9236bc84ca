package dev.stoa.hub.git.storage;

import dev.stoa.hub.storage.ObjectStore;
import dev.stoa.hub.storage.ObjectStoreException;
import org.eclipse.jgit.internal.storage.dfs.DfsObjDatabase;
import org.eclipse.jgit.internal.storage.dfs.DfsOutputStream;
import org.eclipse.jgit.internal.storage.dfs.DfsPackDescription;
import org.eclipse.jgit.internal.storage.dfs.DfsPackFile;
import org.eclipse.jgit.internal.storage.dfs.DfsReaderOptions;
import org.eclipse.jgit.internal.storage.dfs.ReadableChannel;
import org.eclipse.jgit.internal.storage.pack.PackExt;
import org.eclipse.jgit.lib.ObjectId;
import org.jboss.logging.Logger;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The objects of one repository: immutable pack files in the object store, the list of packs in
 * {@code git_pack}. A pack is written completely (each file one atomic put) before its row is inserted,
 * so a reader that sees the row finds every file.
 */
final class ObjectStoreObjDatabase extends DfsObjDatabase {

    private static final Logger LOG = Logger.getLogger(ObjectStoreObjDatabase.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final long repoId;
    private final ObjectStore store;
    private final PackTable packs;

    ObjectStoreObjDatabase(ObjectStoreDfsRepository repository, long repoId, ObjectStore store, PackTable packs) {
        super(repository, new DfsReaderOptions());
        this.repoId = repoId;
        this.store = store;
        this.packs = packs;
    }

    @Override
    protected DfsPackDescription newPack(PackSource source) {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        String name = "pack-" + HexFormat.of().formatHex(id) + "-" + source.name();
        return new DfsPackDescription(getRepository().getDescription(), name, source)
                .setLastModified(System.currentTimeMillis());
    }

    @Override
    protected void commitPackImpl(Collection<DfsPackDescription> added, Collection<DfsPackDescription> replaced)
            throws IOException {
        packs.commit(repoId, added, replaced);
        if (replaced != null && !replaced.isEmpty()) {
            clearCache();
        }
    }

    @Override
    protected void rollbackPack(Collection<DfsPackDescription> rolledBack) {
        // Never recorded in git_pack: nobody can be reading these files.
        for (DfsPackDescription pack : rolledBack) {
            for (PackExt ext : PackExt.values()) {
                try {
                    store.delete(PackKeys.key(repoId, pack, ext));
                } catch (ObjectStoreException e) {
                    LOG.warnf("Could not delete %s of an abandoned pack; the collector removes it later: %s",
                            PackKeys.key(repoId, pack, ext), e.getMessage());
                }
            }
        }
    }

    @Override
    protected List<DfsPackDescription> listPacks() throws IOException {
        return packs.list(repoId, getRepository().getDescription());
    }

    @Override
    protected ReadableChannel openFile(DfsPackDescription pack, PackExt ext) throws IOException {
        if (!pack.hasFileExt(ext)) {
            throw new FileNotFoundException(pack.getFileName(ext));
        }
        long size = pack.getFileSize(ext);
        return new PackFileChannel(store, PackKeys.key(repoId, pack, ext), size > 0 ? size : -1);
    }

    @Override
    protected DfsOutputStream writeFile(DfsPackDescription pack, PackExt ext) {
        return new PackFileOutput(store, PackKeys.key(repoId, pack, ext), size -> {
            if (pack.getFileSize(ext) == 0) {
                pack.setFileSize(ext, size);
            }
        });
    }

    @Override
    public Set<ObjectId> getShallowCommits() {
        return Set.of(); // a hub's repositories are complete
    }

    @Override
    public void setShallowCommits(Set<ObjectId> shallowCommits) {
        throw new UnsupportedOperationException("Stoa's repositories are never shallow");
    }

    @Override
    public long getApproximateObjectCount() {
        long count = 0;
        for (DfsPackFile pack : getCurrentPacks()) {
            count += pack.getPackDescription().getObjectCount();
        }
        return count;
    }
}
