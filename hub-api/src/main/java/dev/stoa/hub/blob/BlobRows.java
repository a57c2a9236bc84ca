package dev.stoa.hub.blob;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

import static dev.stoa.hub.db.Jdbc.prepare;
import static dev.stoa.hub.db.Jdbc.timestamp;

/**
 * The blob tables ({@code blob}, {@code blob_uploader}, {@code repo_blob}). Each method is one statement,
 * atomic on its own, so concurrent uploads and the collector never see a half-registered blob; inside a
 * caller's transaction the statements join it.
 */
@ApplicationScoped
public class BlobRows {

    private final DataSource db;

    BlobRows(DataSource db) {
        this.db = db;
    }

    public record Row(BlobInfo info, String objectKey) {
    }

    public Optional<Row> find(String sha256) {
        return query("SELECT sha256, size, verified_at, object_key FROM blob WHERE sha256 = ?", sha256);
    }

    /**
     * Registers verified bytes stored at {@code objectKey}, or, when the blob is already registered, keeps the
     * registered one and marks it used now (so the collector leaves it alone).
     *
     * @return the blob's row; its object key differs from {@code objectKey} when another upload won
     */
    Row register(String sha256, long size, String objectKey, Instant now) {
        return query("""
                INSERT INTO blob (sha256, size, object_key, verified_at, created_at, touched_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (sha256) DO UPDATE SET touched_at = EXCLUDED.touched_at
                RETURNING sha256, size, verified_at, object_key""",
                sha256, size, objectKey, timestamp(now), timestamp(now), timestamp(now)).orElseThrow();
    }

    /** Marks the blob used now; empty when it does not exist. */
    public Optional<Row> touch(String sha256, Instant now) {
        return query("UPDATE blob SET touched_at = ? WHERE sha256 = ? RETURNING sha256, size, verified_at, object_key",
                timestamp(now), sha256);
    }

    void recordUploader(String sha256, long accountId) {
        update("INSERT INTO blob_uploader (sha256, account_id) VALUES (?, ?) ON CONFLICT DO NOTHING", sha256, accountId);
    }

    public boolean isUploader(String sha256, long accountId) {
        return exists("SELECT 1 FROM blob_uploader WHERE sha256 = ? AND account_id = ?", sha256, accountId);
    }

    public boolean isHeldBy(String sha256, long repoId) {
        return exists("SELECT 1 FROM repo_blob WHERE sha256 = ? AND repo_id = ?", sha256, repoId);
    }

    /** The ids of the repositories that hold the blob. */
    public List<Long> holders(String sha256) {
        return longs("SELECT repo_id FROM repo_blob WHERE sha256 = ? ORDER BY repo_id", sha256);
    }

    /** Records the known blobs among {@code sha256s} as held by the repository; unknown ones are skipped. */
    public void recordHeld(long repoId, Collection<String> sha256s) {
        if (sha256s.isEmpty()) {
            return;
        }
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO repo_blob (repo_id, sha256) SELECT ?, sha256 FROM blob WHERE sha256 = ANY (?)
                     ON CONFLICT DO NOTHING""")) {
            s.setLong(1, repoId);
            s.setArray(2, c.createArrayOf("bpchar", sha256s.toArray()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the blobs of repository " + repoId, e);
        }
    }

    /**
     * Removes up to {@code limit} blobs that no repository holds and that nobody used since {@code cutoff}.
     *
     * @return the object keys of the removed blobs, whose bytes the caller deletes
     */
    List<String> deleteUnheld(Instant cutoff, int limit) {
        List<String> keys = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     DELETE FROM blob WHERE sha256 IN (
                         SELECT b.sha256 FROM blob b
                         WHERE b.touched_at < ? AND NOT EXISTS (SELECT 1 FROM repo_blob r WHERE r.sha256 = b.sha256)
                         LIMIT ? FOR UPDATE SKIP LOCKED)
                     AND touched_at < ?
                     RETURNING object_key""")) {
            s.setTimestamp(1, timestamp(cutoff));
            s.setInt(2, limit);
            s.setTimestamp(3, timestamp(cutoff));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    keys.add(r.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not collect unheld blobs", e);
        }
        return keys;
    }

    boolean isBlobKey(String objectKey) {
        return exists("SELECT 1 FROM blob WHERE object_key = ?", objectKey);
    }

    private Optional<Row> query(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement s = prepare(c, sql, args); ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                return Optional.empty();
            }
            return Optional.of(new Row(new BlobInfo(r.getString(1), r.getLong(2), r.getTimestamp(3).toInstant()), r.getString(4)));
        } catch (SQLException e) {
            throw new IllegalStateException("Blob query failed", e);
        }
    }

    private boolean exists(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement s = prepare(c, sql, args); ResultSet r = s.executeQuery()) {
            return r.next();
        } catch (SQLException e) {
            throw new IllegalStateException("Blob query failed", e);
        }
    }

    private List<Long> longs(String sql, Object... args) {
        List<Long> values = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = prepare(c, sql, args); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                values.add(r.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Blob query failed", e);
        }
        return values;
    }

    private void update(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement s = prepare(c, sql, args)) {
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Blob update failed", e);
        }
    }

}
