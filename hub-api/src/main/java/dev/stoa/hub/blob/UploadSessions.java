package dev.stoa.hub.blob;

import static dev.stoa.hub.db.Jdbc.prepare;
import static dev.stoa.hub.db.Jdbc.timestamp;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code upload_session} table. */
@ApplicationScoped
class UploadSessions {

    private static final String COLUMNS =
            "id, sha256, size, uploader_id, repo_id, staging_key, multipart_upload_id, part_size, created_at, expires_at, completed_at";

    private final DataSource db;

    UploadSessions(DataSource db) {
        this.db = db;
    }

    void insert(UploadSession s) {
        try (Connection c = db.getConnection();
             PreparedStatement st = prepare(c, "INSERT INTO upload_session (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                     s.id(), s.sha256(), s.size(), s.uploaderId(), s.repoId(), s.stagingKey(),
                     s.multipartUploadId().orElse(null), s.partSize(), timestamp(s.createdAt()), timestamp(s.expiresAt()))) {
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record an upload session", e);
        }
    }

    Optional<UploadSession> find(UUID id) {
        List<UploadSession> found = select("SELECT " + COLUMNS + " FROM upload_session WHERE id = ?", id);
        return found.stream().findFirst();
    }

    /** The uploader's sessions for this content that are neither completed nor expired, newest first. */
    List<UploadSession> findOpen(long uploaderId, String sha256, Instant now) {
        return select("SELECT " + COLUMNS + " FROM upload_session WHERE uploader_id = ? AND sha256 = ?"
                + " AND completed_at IS NULL AND expires_at > ? ORDER BY created_at DESC", uploaderId, sha256, timestamp(now));
    }

    void markCompleted(UUID id, Instant now) {
        try (Connection c = db.getConnection();
             PreparedStatement st = prepare(c, "UPDATE upload_session SET completed_at = ? WHERE id = ? AND completed_at IS NULL", timestamp(now), id)) {
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not complete an upload session", e);
        }
    }

    /** Removes up to {@code limit} sessions that expired before {@code cutoff} and returns them. */
    List<UploadSession> deleteExpired(Instant cutoff, int limit) {
        return select("""
                DELETE FROM upload_session WHERE id IN (
                    SELECT id FROM upload_session WHERE expires_at < ? LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING\s""" + COLUMNS, timestamp(cutoff), limit);
    }

    private List<UploadSession> select(String sql, Object... args) {
        List<UploadSession> sessions = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement st = prepare(c, sql, args); ResultSet r = st.executeQuery()) {
            while (r.next()) {
                Timestamp completed = r.getTimestamp(11);
                sessions.add(new UploadSession(r.getObject(1, UUID.class), r.getString(2), r.getLong(3), r.getLong(4),
                        r.getLong(5), r.getString(6), Optional.ofNullable(r.getString(7)), r.getLong(8),
                        r.getTimestamp(9).toInstant(), r.getTimestamp(10).toInstant(),
                        Optional.ofNullable(completed).map(Timestamp::toInstant)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Upload session query failed", e);
        }
        return sessions;
    }
}
