package dev.stoa.hub.moderation;

import dev.stoa.hub.db.Jdbc;
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

/** The {@code abuse_report} table. Inside a caller's transaction the statements join it. */
@ApplicationScoped
class ReportRows {

    private static final String SELECT = """
            SELECT p.id, p.repo_id, a.name || '/' || r.name, r.type, p.path, u.name, p.reason, p.details, p.status,
                   p.outcome_message, p.decided_by_name, p.decided_at, p.created_at
            FROM abuse_report p JOIN repository r ON r.id = p.repo_id JOIN account a ON a.id = r.owner_id
                 JOIN account u ON u.id = p.reporter_id""";

    private final DataSource db;

    ReportRows(DataSource db) {
        this.db = db;
    }

    long insert(long repoId, String path, long reporterId, String reason, String details) {
        try (Connection c = db.getConnection(); PreparedStatement s = Jdbc.prepare(c, """
                INSERT INTO abuse_report (repo_id, path, reporter_id, reason, details, status, created_at)
                VALUES (?, ?, ?, ?, ?, 'open', ?) RETURNING id""", repoId, path, reporterId, reason, details,
                Timestamp.from(Instant.now())); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw QuarantineRows.failed(e);
        }
    }

    /** Decides an open report; false when it was decided already. */
    boolean decide(long id, String status, String message, long byId, String byName) {
        try (Connection c = db.getConnection(); PreparedStatement s = Jdbc.prepare(c, """
                UPDATE abuse_report SET status = ?, outcome_message = ?, decided_by = ?, decided_by_name = ?, decided_at = ?
                WHERE id = ? AND status = 'open'""", status, message, byId, byName, Timestamp.from(Instant.now()), id)) {
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw QuarantineRows.failed(e);
        }
    }

    Optional<Report> find(long id) {
        return query(SELECT + " WHERE p.id = ?", id).stream().findFirst();
    }

    /** Reports with {@code status} (all when null), oldest open first for the queue, newest first otherwise. */
    List<Report> byStatus(String status, int limit) {
        return status == null ? query(SELECT + " ORDER BY p.id DESC LIMIT ?", limit)
                : query(SELECT + " WHERE p.status = ? ORDER BY p.id " + ("open".equals(status) ? "ASC" : "DESC") + " LIMIT ?",
                status, limit);
    }

    List<Report> byReporter(long reporterId, int limit) {
        return query(SELECT + " WHERE p.reporter_id = ? ORDER BY p.id DESC LIMIT ?", reporterId, limit);
    }

    private List<Report> query(String sql, Object... args) {
        List<Report> found = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = Jdbc.prepare(c, sql, args);
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                found.add(new Report(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4),
                        Optional.ofNullable(r.getString(5)), r.getString(6), r.getString(7), r.getString(8), r.getString(9),
                        Optional.ofNullable(r.getString(10)), Optional.ofNullable(r.getString(11)),
                        Optional.ofNullable(r.getTimestamp(12)).map(Timestamp::toInstant), r.getTimestamp(13).toInstant()));
            }
        } catch (SQLException e) {
            throw QuarantineRows.failed(e);
        }
        return found;
    }
}
