package dev.stoa.hub.git;

import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.event.Outbox;
import dev.stoa.hub.git.storage.GitDatabase;
import dev.stoa.hub.git.storage.ObjectStoreDfsRepository;
import dev.stoa.hub.git.storage.PackKeys;
import dev.stoa.hub.storage.ObjectInfo;
import dev.stoa.hub.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.jgit.internal.storage.dfs.DfsBlockCache;
import org.eclipse.jgit.internal.storage.dfs.DfsBlockCacheConfig;
import org.eclipse.jgit.lib.Constants;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * {@link GitRepositories} on JGit DFS: packs in the {@link ObjectStore} under {@code git/<repoId>/}, refs
 * and the pack list in the database. Any replica may open any repository; {@link #open} is cheap (a new
 * {@link ObjectStoreDfsRepository} each time, sharing one global block cache).
 */
@ApplicationScoped
class ObjectStoreGitRepositories implements GitRepositories {

    private static final Logger LOG = Logger.getLogger(ObjectStoreGitRepositories.class);

    /** The block cache is global to the JVM: configured by the first instance (and again only if the size changed). */
    private static long configuredBytes = -1;

    private final GitDatabase db;
    private final ObjectStore store;
    private final TransactionSynchronizationRegistry transactions;
    /**
     * Repositories this replica has seen exist, so that opening one — on every read — costs no extra query. A
     * repository deleted by another replica may stay here; callers open only repositories they just found.
     */
    private final Set<Long> known = ConcurrentHashMap.newKeySet();

    ObjectStoreGitRepositories(DataSource dataSource, ObjectStore store, TransactionSynchronizationRegistry transactions,
                               StoaConfig config, Outbox outbox) {
        // Every ref move is announced in the transaction of the move itself.
        this.db = new GitDatabase(dataSource, (repoId, ref, oldTarget, newTarget) ->
                outbox.append(RevisionPublished.TYPE, repoId, new RevisionPublished(repoId, ref, oldTarget, newTarget)));
        this.store = store;
        this.transactions = transactions;
        configureBlockCache(config.repos().git().blockCacheBytes());
    }

    private static synchronized void configureBlockCache(long bytes) {
        if (configuredBytes == bytes) {
            return;
        }
        DfsBlockCache.reconfigure(new DfsBlockCacheConfig().setBlockLimit(bytes).setBlockSize(64 * 1024));
        configuredBytes = bytes;
    }

    @Override
    public void create(long repoId) {
        db.callUnchecked(connection -> {
            try (PreparedStatement repository = connection.prepareStatement(
                    "INSERT INTO git_repository (repo_id) VALUES (?) ON CONFLICT DO NOTHING");
                 PreparedStatement head = connection.prepareStatement("""
                         INSERT INTO git_ref (repo_id, name, symbolic_target) VALUES (?, ?, ?) ON CONFLICT DO NOTHING""")) {
                repository.setLong(1, repoId);
                repository.executeUpdate();
                head.setLong(1, repoId);
                head.setString(2, Constants.HEAD);
                head.setString(3, Constants.R_HEADS + "main");
                head.executeUpdate();
                return null;
            }
        });
    }

    @Override
    public ObjectStoreDfsRepository open(long repoId) {
        if (!known.contains(repoId)) {
            boolean exists = db.callUnchecked(connection -> {
                try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM git_repository WHERE repo_id = ?")) {
                    select.setLong(1, repoId);
                    try (ResultSet row = select.executeQuery()) {
                        return row.next();
                    }
                }
            });
            if (!exists) {
                throw new IllegalStateException("No git repository for repository " + repoId);
            }
            known.add(repoId);
        }
        return openExisting(repoId);
    }

    /** Opens without checking that the repository exists (the caller just found it). */
    ObjectStoreDfsRepository openExisting(long repoId) {
        return ObjectStoreDfsRepository.open(repoId, store, db);
    }

    /**
     * Removes the rows (refs, pack list) in the caller's transaction when there is one, and the pack files once
     * that transaction has committed, so a rolled-back deletion leaves the repository whole.
     */
    @Override
    public void delete(long repoId) {
        known.remove(repoId);
        db.callUnchecked(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM git_repository WHERE repo_id = ?")) {
                delete.setLong(1, repoId);
                delete.executeUpdate();
                return null;
            }
        });
        if (transactions.getTransactionKey() != null) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        deleteFiles(repoId);
                    }
                }
            });
        } else {
            deleteFiles(repoId);
        }
    }

    private void deleteFiles(long repoId) {
        try (Stream<ObjectInfo> files = store.list(PackKeys.repositoryPrefix(repoId))) {
            files.forEach(file -> store.delete(file.key()));
        } catch (RuntimeException e) {
            LOG.warnf("Could not delete every file of git repository %d; the rest stays as orphaned data: %s",
                    repoId, e.getMessage());
        }
    }
}
