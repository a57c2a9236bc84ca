package dev.stoa.hub.git.storage;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jgit.internal.storage.dfs.DfsObjDatabase.PackSource;
import org.eclipse.jgit.internal.storage.dfs.DfsPackDescription;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.pack.PackExt;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code git_pack} table: which packs each repository has, and which were replaced and when. */
public final class PackTable {

    /** A pack whose files may be deleted: its name and the extensions of its files. */
    public record PackFiles(long repoId, String name, Set<PackExt> extensions) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Long>> SIZES = new TypeReference<>() {
    };

    private final GitDatabase db;

    public PackTable(GitDatabase db) {
        this.db = db;
    }

    /** The live (not replaced) packs of a repository, in one query. */
    List<DfsPackDescription> list(long repoId, DfsRepositoryDescription repository) throws IOException {
        return db.call(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT name, source, file_sizes::text, object_count, delta_count, index_version, created_at
                    FROM git_pack WHERE repo_id = ? AND replaced_at IS NULL""")) {
                select.setLong(1, repoId);
                List<DfsPackDescription> packs = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        packs.add(description(repository, rows));
                    }
                }
                return packs;
            }
        });
    }

    private static DfsPackDescription description(DfsRepositoryDescription repository, ResultSet row)
            throws SQLException, IOException {
        DfsPackDescription pack = new DfsPackDescription(repository, row.getString(1), PackSource.valueOf(row.getString(2)));
        for (Map.Entry<String, Long> file : JSON.readValue(row.getString(3), SIZES).entrySet()) {
            PackExt ext = PackKeys.extension(file.getKey());
            if (ext != null) {
                pack.addFileExt(ext);
                pack.setFileSize(ext, file.getValue());
            }
        }
        pack.setObjectCount(row.getLong(4));
        pack.setDeltaCount(row.getLong(5));
        pack.setIndexVersion(row.getInt(6));
        pack.setLastModified(row.getTimestamp(7).getTime());
        return pack;
    }

    /**
     * Makes {@code added} visible and marks {@code replaced} as replaced, in one transaction.
     *
     * @throws IOException when a pack to replace is already replaced (another compaction won): nothing changes
     */
    void commit(long repoId, Collection<DfsPackDescription> added, Collection<DfsPackDescription> replaced) throws IOException {
        db.call(connection -> {
            insert(connection, repoId, added);
            if (replaced != null && !replaced.isEmpty()) {
                markReplaced(connection, repoId, replaced);
            }
            return null;
        });
    }

    private static void insert(Connection connection, long repoId, Collection<DfsPackDescription> added)
            throws SQLException, IOException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO git_pack (repo_id, name, source, file_sizes, object_count, delta_count, index_version, created_at)
                VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?)""")) {
            for (DfsPackDescription pack : added) {
                Map<String, Long> sizes = new LinkedHashMap<>();
                for (PackExt ext : PackExt.values()) {
                    if (pack.hasFileExt(ext)) {
                        sizes.put(ext.getExtension(), pack.getFileSize(ext));
                    }
                }
                insert.setLong(1, repoId);
                insert.setString(2, pack.getPackName());
                insert.setString(3, pack.getPackSource().name());
                insert.setString(4, JSON.writeValueAsString(sizes));
                insert.setLong(5, pack.getObjectCount());
                insert.setLong(6, pack.getDeltaCount());
                insert.setInt(7, pack.getIndexVersion());
                insert.setTimestamp(8, new Timestamp(pack.getLastModified()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void markReplaced(Connection connection, long repoId, Collection<DfsPackDescription> replaced)
            throws SQLException, IOException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE git_pack SET replaced_at = now()
                WHERE repo_id = ? AND name = ANY (?) AND replaced_at IS NULL""")) {
            update.setLong(1, repoId);
            update.setArray(2, connection.createArrayOf("varchar",
                    replaced.stream().map(DfsPackDescription::getPackName).toArray()));
            int updated = update.executeUpdate();
            if (updated != replaced.size()) {
                // Fails the whole transaction: the new packs are not recorded and the caller rolls their files back.
                throw new IOException("Packs of git repository " + repoId + " were replaced concurrently; compact again later");
            }
        }
    }

    /** Names of every pack row of the repository, live or replaced: files without a row are orphans. */
    public Set<String> allNames(long repoId) {
        return db.callUnchecked(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT name FROM git_pack WHERE repo_id = ?")) {
                select.setLong(1, repoId);
                Set<String> names = new HashSet<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                }
                return names;
            }
        });
    }

    /** Removes the rows of packs replaced more than {@code grace} ago and returns them, so their files can go. */
    public List<PackFiles> removeReplacedBefore(Duration grace) {
        return db.callUnchecked(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("""
                    DELETE FROM git_pack WHERE replaced_at <= now() - ? * interval '1 millisecond'
                    RETURNING repo_id, name, file_sizes::text""")) {
                delete.setLong(1, grace.toMillis());
                List<PackFiles> removed = new ArrayList<>();
                try (ResultSet rows = delete.executeQuery()) {
                    while (rows.next()) {
                        Set<PackExt> extensions = new HashSet<>();
                        for (String ext : JSON.readValue(rows.getString(3), SIZES).keySet()) {
                            PackExt known = PackKeys.extension(ext);
                            if (known != null) {
                                extensions.add(known);
                            }
                        }
                        removed.add(new PackFiles(rows.getLong(1), rows.getString(2), extensions));
                    }
                }
                return removed;
            }
        });
    }

    /**
     * Repositories worth compacting: more than {@code maxLoosePacks} packs written by commits and pushes;
     * or any such pack while the repository has been quiet for {@code grace} (so that the pack of a commit
     * whose ref update lost is collected); or a garbage pack older than {@code grace}, which can now go.
     */
    public List<Long> compactionCandidates(int maxLoosePacks, Duration grace) {
        return db.callUnchecked(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT repo_id FROM git_pack WHERE replaced_at IS NULL GROUP BY repo_id
                    HAVING count(*) FILTER (WHERE source IN ('INSERT', 'RECEIVE', 'COMPACT')) > ?
                        OR (count(*) FILTER (WHERE source IN ('INSERT', 'RECEIVE', 'COMPACT')) > 0
                            AND max(created_at) <= now() - ? * interval '1 millisecond')
                        OR bool_or(source = 'UNREACHABLE_GARBAGE' AND created_at <= now() - ? * interval '1 millisecond')""")) {
                select.setInt(1, maxLoosePacks);
                select.setLong(2, grace.toMillis());
                select.setLong(3, grace.toMillis());
                List<Long> ids = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
                return ids;
            }
        });
    }
}
