package dev.stoa.hub.moderation;

import dev.stoa.hub.db.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code quarantine} table. Inside a caller's transaction the statements join it. */
@ApplicationScoped
class QuarantineRows {

    private static final String SELECT = """
            SELECT q.id, q.repo_id, a.name || '/' || r.name, r.type, q.path, q.lfs_oid, q.reason, q.source, q.check_run_id,
                   q.imposed_by_name, q.imposed_at, q.lifted_at, q.lifted_by_name, q.lift_note
            FROM quarantine q JOIN repository r ON r.id = q.repo_id JOIN account a ON a.id = r.owner_id""";

    private final DataSource db;

    QuarantineRows(DataSource db) {
        this.db = db;
    }

    long insert(long repoId, String path, String lfsOid, String reason, String source, Long checkRunId, Long byId,
                String byName) {
        try (Connection c = db.getConnection(); PreparedStatement s = Jdbc.prepare(c, """
                INSERT INTO quarantine (repo_id, path, lfs_oid, reason, source, check_run_id, imposed_by, imposed_by_name, imposed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""", repoId, path, lfsOid, reason, source, checkRunId, byId,
                byName, Timestamp.from(Instant.now())); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    boolean lift(long id, long byId, String byName, String note) {
        return update("UPDATE quarantine SET lifted_at = ?, lifted_by = ?, lifted_by_name = ?, lift_note = ?"
                + " WHERE id = ? AND lifted_at IS NULL", Timestamp.from(Instant.now()), byId, byName, note, id) == 1;
    }

    /** Whether an active quarantine of the whole repository remains. */
    boolean wholeRepositoryQuarantined(long repoId) {
        return activeExactly(repoId, null).isPresent();
    }

    Optional<Quarantine> find(long id) {
        return query(SELECT + " WHERE q.id = ?", id).stream().findFirst();
    }

    List<Quarantine> ofRepo(long repoId) {
        return query(SELECT + " WHERE q.repo_id = ? ORDER BY q.id DESC", repoId);
    }

    /** The active quarantine of the whole repository, else of {@code path} when given. */
    Optional<Quarantine> activeFor(long repoId, String path) {
        return query(SELECT + " WHERE q.repo_id = ? AND q.lifted_at IS NULL AND (q.path IS NULL OR q.path = ?)"
                + " ORDER BY q.path NULLS FIRST LIMIT 1", repoId, path).stream().findFirst();
    }

    /** The active quarantine of exactly the whole repository ({@code path} null) or of exactly {@code path}. */
    Optional<Quarantine> activeExactly(long repoId, String path) {
        return query(SELECT + " WHERE q.repo_id = ? AND q.lifted_at IS NULL AND coalesce(q.path, '') = ?", repoId,
                path == null ? "" : path).stream().findFirst();
    }

    /** Any active quarantine in the repository, the whole repository's first. */
    Optional<Quarantine> anyActive(long repoId) {
        return query(SELECT + " WHERE q.repo_id = ? AND q.lifted_at IS NULL ORDER BY q.path NULLS FIRST LIMIT 1", repoId)
                .stream().findFirst();
    }

    Optional<Quarantine> activeForObject(long repoId, String oid) {
        return query(SELECT + " WHERE q.repo_id = ? AND q.lifted_at IS NULL AND q.lfs_oid = ? LIMIT 1", repoId, oid)
                .stream().findFirst();
    }

    /** Quarantines, newest first, active ones only when asked; at most {@code limit}, ids below {@code before}. */
    List<Quarantine> list(boolean activeOnly, int limit, long before) {
        return query(SELECT + " WHERE q.id < ?" + (activeOnly ? " AND q.lifted_at IS NULL" : "") + " ORDER BY q.id DESC LIMIT ?",
                before, limit);
    }

    private List<Quarantine> query(String sql, Object... args) {
        List<Quarantine> found = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = Jdbc.prepare(c, sql, args); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                long runId = r.getLong(9);
                Optional<Long> run = r.wasNull() ? Optional.empty() : Optional.of(runId);
                found.add(new Quarantine(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4),
                        Optional.ofNullable(r.getString(5)), Optional.ofNullable(r.getString(6)), r.getString(7),
                        r.getString(8), run, Optional.ofNullable(r.getString(10)), r.getTimestamp(11).toInstant(),
                        Optional.ofNullable(r.getTimestamp(12)).map(Timestamp::toInstant), Optional.ofNullable(r.getString(13)),
                        Optional.ofNullable(r.getString(14))));
            }
        } catch (SQLException e) {
            throw failed(e);
        }
        return found;
    }

    private int update(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement s = Jdbc.prepare(c, sql, args)) {
            return s.executeUpdate();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    static IllegalStateException failed(SQLException e) {
        return new IllegalStateException("A moderation query failed", e);
    }
}
