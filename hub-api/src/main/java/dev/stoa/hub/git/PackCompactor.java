package dev.stoa.hub.git;

import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.git.storage.GitDatabase;
import dev.stoa.hub.git.storage.ObjectStoreDfsRepository;
import dev.stoa.hub.git.storage.PackKeys;
import dev.stoa.hub.git.storage.PackTable;
import dev.stoa.hub.storage.ObjectInfo;
import dev.stoa.hub.storage.ObjectStore;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.jgit.internal.storage.dfs.DfsGarbageCollector;
import org.eclipse.jgit.internal.storage.pack.PackExt;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Compacts packs and collects garbage, every {@code stoa.repos.gc.interval} on every replica (a
 * PostgreSQL advisory lock lets one replica at a time work on a repository).
 *
 * <h2>Rules</h2>
 * <ul>
 * <li>A repository is compacted (JGit's {@link DfsGarbageCollector}: everything reachable from refs into one
 *     or two packs) when it has more than {@code stoa.repos.git.compact-above-packs} packs from commits and
 *     pushes; or any such pack and no new pack for a grace period; or a garbage pack older than the grace
 *     period.</li>
 * <li>Objects that no ref reaches (e.g. the commit of a writer whose ref update lost the race) are moved into
 *     an {@code UNREACHABLE_GARBAGE} pack, still readable, and dropped by a compaction at least a grace period
 *     later. A writer that needs such an object again writes a fresh copy (JGit's inserter ignores garbage
 *     packs), so a commit in flight is never harmed.</li>
 * <li>Packs replaced by a compaction leave the pack list at once but their files stay for a grace period, so
 *     readers holding the old list keep working; then files and rows are deleted.</li>
 * <li>Files under {@code git/<repoId>/pack/} without any row (a writer that died between writing and
 *     recording a pack) are deleted when compacting that repository, once older than the grace period.</li>
 * </ul>
 */
@ApplicationScoped
public class PackCompactor {

    private static final Logger LOG = Logger.getLogger(PackCompactor.class);
    /** First key of the two-key advisory locks taken while compacting ("STGC"). */
    private static final int LOCK_CLASS = 0x53544743;

    private final GitDatabase db;
    private final PackTable packs;
    private final ObjectStore store;
    private final StoaConfig config;

    PackCompactor(DataSource dataSource, ObjectStore store, StoaConfig config) {
        // Compaction rewrites packs and never moves a ref.
        this.db = new GitDatabase(dataSource, (repoId, ref, oldTarget, newTarget) -> {
            throw new IllegalStateException("Pack compaction moved " + ref + " of repository " + repoId);
        });
        this.packs = new PackTable(db);
        this.store = store;
        this.config = config;
    }

    @Scheduled(identity = "git-pack-compaction", every = "${stoa.repos.gc.interval}", delayed = "${stoa.repos.gc.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void collectOnSchedule() {
        collect(config.repos().gc().gracePeriod());
    }

    /** What one run did. */
    public record Report(int repositoriesCompacted, int packFilesDeleted) {
    }

    /** Compacts every repository that needs it, then deletes the files of packs replaced more than {@code grace} ago. */
    public Report collect(Duration grace) {
        int compacted = 0;
        for (long repoId : packs.compactionCandidates(config.repos().git().compactAbovePacks(), grace)) {
            try {
                if (compact(repoId, grace)) {
                    compacted++;
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "Could not compact git repository %d; the next run tries again", repoId);
            }
        }
        return new Report(compacted, deleteReplacedPacks(grace));
    }

    /**
     * Compacts one repository now, whatever its number of packs.
     *
     * @param grace how old a garbage pack or an orphaned file must be to go
     * @return false when another replica is compacting it (nothing done)
     */
    public boolean compact(long repoId, Duration grace) {
        try (Connection lock = db.sessionConnection()) {
            if (!tryLock(lock, repoId)) {
                return false;
            }
            try {
                runGarbageCollector(repoId, grace);
                deleteOrphanedFiles(repoId, grace);
                return true;
            } finally {
                unlock(lock, repoId);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not lock git repository " + repoId + " for compaction", e);
        }
    }

    private void runGarbageCollector(long repoId, Duration grace) {
        try (ObjectStoreDfsRepository repository = ObjectStoreDfsRepository.open(repoId, store, db)) {
            DfsGarbageCollector collector = new DfsGarbageCollector(repository)
                    .setGarbageTtl(Math.max(1, grace.toMillis()), TimeUnit.MILLISECONDS);
            if (!collector.pack(NullProgressMonitor.INSTANCE)) {
                LOG.infof("Compaction of git repository %d raced with a change; the next run tries again", repoId);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not compact git repository " + repoId, e);
        }
    }

    /**
     * Deletes the files and rows of packs that compaction replaced more than {@code grace} ago.
     *
     * @return the number of files deleted
     */
    public int deleteReplacedPacks(Duration grace) {
        int deleted = 0;
        for (PackTable.PackFiles pack : packs.removeReplacedBefore(grace)) {
            for (PackExt ext : pack.extensions()) {
                store.delete(PackKeys.key(pack.repoId(), pack.name(), ext));
                deleted++;
            }
        }
        return deleted;
    }

    private void deleteOrphanedFiles(long repoId, Duration grace) {
        Set<String> known = packs.allNames(repoId);
        Instant cutoff = Instant.now().minus(grace);
        try (Stream<ObjectInfo> files = store.list(PackKeys.packPrefix(repoId))) {
            files.filter(file -> !known.contains(PackKeys.packNameOf(file.key())))
                    .filter(file -> file.lastModified().isBefore(cutoff))
                    .forEach(file -> store.delete(file.key()));
        }
    }

    private static boolean tryLock(Connection connection, long repoId) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            lock.setInt(1, LOCK_CLASS);
            lock.setInt(2, Long.hashCode(repoId));
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection connection, long repoId) throws SQLException {
        try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            unlock.setInt(1, LOCK_CLASS);
            unlock.setInt(2, Long.hashCode(repoId));
            unlock.execute();
        }
    }
}
