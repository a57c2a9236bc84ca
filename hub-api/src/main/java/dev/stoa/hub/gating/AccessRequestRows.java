package dev.stoa.hub.gating;

import dev.stoa.hub.db.Jdbc;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tables {@code access_request} (one row per repository and user, its current state) and
 * {@code access_request_event} (append-only history). Inside a caller's transaction the statements join it.
 */
@ApplicationScoped
class AccessRequestRows {

    private static final String REQUEST_COLUMNS = """
            r.user_id, u.name, u.fullname, u.email, r.status, r.requested_by_user, r.fields::text, r.terms_prompt,
            r.terms_commit, r.requested_at, r.decided_at, d.name, d.fullname, r.rejection_reason""";
    private static final String REQUEST_FROM = """
            FROM access_request r JOIN account u ON u.id = r.user_id LEFT JOIN account d ON d.id = r.decided_by""";
    private static final int EXPORT_FETCH_SIZE = 500;

    private final DataSource db;
    private final ObjectMapper json;

    AccessRequestRows(DataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** The status of a user's request, or empty when there is none. */
    Optional<RequestStatus> statusOf(long repoId, long userId) {
        try (Connection c = db.getConnection();
             PreparedStatement s = Jdbc.prepare(c, "SELECT status FROM access_request WHERE repo_id = ? AND user_id = ?", repoId, userId);
             ResultSet r = s.executeQuery()) {
            return r.next() ? Optional.of(RequestStatus.valueOf(r.getString(1))) : Optional.empty();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** A user's request, locked until the transaction ends so that decisions on it happen one at a time. */
    Optional<AccessRequest> findForUpdate(long repoId, long userId) {
        List<AccessRequest> found = requests("SELECT " + REQUEST_COLUMNS + " " + REQUEST_FROM
                + " WHERE r.repo_id = ? AND r.user_id = ? FOR UPDATE OF r", repoId, userId);
        return found.stream().findFirst();
    }

    /** The requests of a repository in one status, oldest first. */
    List<AccessRequest> list(long repoId, RequestStatus status) {
        return requests("SELECT " + REQUEST_COLUMNS + " " + REQUEST_FROM
                + " WHERE r.repo_id = ? AND r.status = ? ORDER BY r.requested_at, r.user_id", repoId, status.name());
    }

    /** Inserts a new request; false when the user has one already (another request won the race). */
    boolean insert(long repoId, long userId, RequestStatus status, boolean requestedByUser, JsonNode fields, Terms terms,
                   Instant requestedAt, Instant decidedAt, Long decidedBy) {
        return update("""
                INSERT INTO access_request (repo_id, user_id, status, requested_by_user, fields, terms_prompt, terms_commit,
                    requested_at, decided_at, decided_by) VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", repoId, userId, status.name(), requestedByUser, text(fields), terms.prompt(),
                terms.commit(), Jdbc.timestamp(requestedAt), Jdbc.timestamp(decidedAt), decidedBy) == 1;
    }

    /** A pending request sent again: the latest answers and terms are the ones the user agreed to. */
    void resubmit(long repoId, long userId, JsonNode fields, Terms terms) {
        update("UPDATE access_request SET fields = ?::jsonb, terms_prompt = ?, terms_commit = ?, requested_by_user = true"
                + " WHERE repo_id = ? AND user_id = ?", text(fields), terms.prompt(), terms.commit(), repoId, userId);
    }

    /** Moves a request to {@code status}; back to pending clears the decision. */
    void decide(long repoId, long userId, RequestStatus status, Long decidedBy, String reason, Instant now) {
        boolean pending = status == RequestStatus.pending;
        update("UPDATE access_request SET status = ?, decided_at = ?, decided_by = ?, rejection_reason = ?"
                        + " WHERE repo_id = ? AND user_id = ?", status.name(), pending ? null : Jdbc.timestamp(now),
                pending ? null : decidedBy, reason, repoId, userId);
    }

    void delete(long repoId, long userId) {
        update("DELETE FROM access_request WHERE repo_id = ? AND user_id = ?", repoId, userId);
    }

    void append(AccessEvent event) {
        update("""
                INSERT INTO access_request_event (repo_id, repo_name, user_id, user_name, user_email, action, status, fields,
                    terms_prompt, terms_commit, actor_id, actor_name, reason, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)""",
                event.repoId(), event.repoName(), event.userId(), event.userName(), event.userEmail(), event.action().name(),
                event.status() == null ? null : event.status().name(), text(event.fields()), event.terms().prompt(),
                event.terms().commit(), event.actorId(), event.actorName(), event.reason(), Jdbc.timestamp(event.at()));
    }

    /** Something that takes the events of a repository one at a time, oldest first. */
    interface EventSink {
        void accept(AccessEvent event) throws IOException;
    }

    /** Streams the history of a repository with a server-side cursor: never held whole in memory. */
    void streamEvents(long repoId, EventSink sink) throws IOException {
        try (Connection c = db.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement s = Jdbc.prepare(c, """
                    SELECT repo_id, repo_name, user_id, user_name, user_email, action, status, fields::text, terms_prompt,
                        terms_commit, actor_id, actor_name, reason, at FROM access_request_event WHERE repo_id = ? ORDER BY id""", repoId)) {
                s.setFetchSize(EXPORT_FETCH_SIZE);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        String status = r.getString(7);
                        Long actorId = r.getObject(11) == null ? null : r.getLong(11);
                        sink.accept(new AccessEvent(r.getLong(1), r.getString(2), r.getLong(3), r.getString(4), r.getString(5),
                                AccessEvent.Action.valueOf(r.getString(6)), status == null ? null : RequestStatus.valueOf(status),
                                node(r.getString(8)), new Terms(r.getString(9), r.getString(10)),
                                actorId, r.getString(12), r.getString(13), r.getTimestamp(14).toInstant()));
                    }
                }
            } finally {
                c.commit();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private List<AccessRequest> requests(String sql, Object... args) {
        List<AccessRequest> requests = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = Jdbc.prepare(c, sql, args); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                Timestamp decidedAt = r.getTimestamp(11);
                requests.add(new AccessRequest(r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
                        RequestStatus.valueOf(r.getString(5)), r.getBoolean(6), node(r.getString(7)),
                        new Terms(r.getString(8), r.getString(9)), r.getTimestamp(10).toInstant(),
                        decidedAt == null ? null : decidedAt.toInstant(), r.getString(12), r.getString(13), r.getString(14)));
            }
        } catch (SQLException e) {
            throw failed(e);
        }
        return requests;
    }

    private int update(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement s = Jdbc.prepare(c, sql, args)) {
            return s.executeUpdate();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.toString();
    }

    private JsonNode node(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static IllegalStateException failed(SQLException e) {
        return new IllegalStateException("An access-request query failed", e);
    }
}
