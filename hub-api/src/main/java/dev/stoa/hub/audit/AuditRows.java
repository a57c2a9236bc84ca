package dev.stoa.hub.audit;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The table {@code audit_event}. Appends are serialised with a transaction-level advisory lock, held until the
 * writer's transaction ends, so that two writers never chain onto the same previous event.
 */
@ApplicationScoped
class AuditRows {

    /** The advisory lock key of the chain's head (any constant unique to Stoa's locks). */
    private static final long CHAIN_LOCK = 0x5354_4f41_4155_4449L;
    private static final int FETCH_SIZE = 500;
    private static final String COLUMNS = """
            e.id, e.at, e.action, e.actor_id, e.actor_name, e.target_type, e.target, e.org_id, o.name, e.client_address,
            e.before, e.after, e.prev_hash, e.hash""";
    private static final String FROM = "FROM audit_event e LEFT JOIN account o ON o.id = e.org_id";

    private final DataSource db;

    AuditRows(DataSource db) {
        this.db = db;
    }

    /** Something that takes events one at a time. */
    interface Sink {
        void accept(AuditEvent event) throws IOException;
    }

    /** Appends an event at the head of the chain; call inside a transaction (the lock is held until it ends). */
    AuditEvent append(Instant at, AuditRecord record, String clientAddress) {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                s.setLong(1, CHAIN_LOCK);
                s.execute();
            }
            String previous = AuditEvent.GENESIS;
            try (PreparedStatement s = c.prepareStatement("SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1");
                 ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    previous = r.getString(1);
                }
            }
            long id;
            try (PreparedStatement s = c.prepareStatement("SELECT nextval('audit_event_id_seq')");
                 ResultSet r = s.executeQuery()) {
                r.next();
                id = r.getLong(1);
            }
            AuditEvent unhashed = new AuditEvent(id, at, record.action(), record.actorId().orElse(null),
                    record.actorName().orElse(null), record.targetType(), record.target(), record.orgId().orElse(null),
                    null, clientAddress, CanonicalJson.of(record.before()), CanonicalJson.of(record.after()), previous, null);
            String hash = unhashed.expectedHash(previous);
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO audit_event (id, at, action, actor_id, actor_name, target_type, target, org_id, client_address,
                        before, after, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                bind(s, id, OffsetDateTime.ofInstant(at, ZoneOffset.UTC), unhashed.action(), unhashed.actorId(), unhashed.actorName(),
                        unhashed.targetType(), unhashed.target(), unhashed.orgId(), clientAddress, unhashed.before(),
                        unhashed.after(), previous, hash);
                s.executeUpdate();
            }
            return new AuditEvent(id, at, unhashed.action(), unhashed.actorId(), unhashed.actorName(), unhashed.targetType(),
                    unhashed.target(), unhashed.orgId(), null, clientAddress, unhashed.before(), unhashed.after(), previous, hash);
        } catch (SQLException e) {
            throw new IllegalStateException("The audit trail could not be written: " + e.getMessage(), e);
        }
    }

    /** One page of a search, newest first. */
    List<AuditEvent> search(AuditQuery query) {
        List<AuditEvent> found = new ArrayList<>();
        try {
            stream(query, false, found::add);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    /**
     * Streams the events a query selects with a server-side cursor (never held whole in memory); oldest first when
     * {@code oldestFirst}, else newest first.
     */
    void stream(AuditQuery query, boolean oldestFirst, Sink sink) throws IOException {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(' ').append(FROM).append(" WHERE true");
        List<Object> args = new ArrayList<>();
        query.action().ifPresent(action -> {
            if (action.endsWith(".")) {
                sql.append(" AND e.action LIKE ?");
                args.add(escapeLike(action) + "%");
            } else {
                sql.append(" AND e.action = ?");
                args.add(action);
            }
        });
        query.actor().ifPresent(actor -> {
            sql.append(" AND lower(e.actor_name) = lower(?)");
            args.add(actor);
        });
        query.target().ifPresent(target -> {
            if (target.endsWith("*")) {
                sql.append(" AND e.target LIKE ?");
                args.add(escapeLike(target.substring(0, target.length() - 1)) + "%");
            } else {
                sql.append(" AND e.target = ?");
                args.add(target);
            }
        });
        query.orgId().ifPresent(org -> {
            sql.append(" AND e.org_id = ?");
            args.add(org);
        });
        query.from().ifPresent(from -> {
            sql.append(" AND e.at >= ?");
            args.add(OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        });
        query.to().ifPresent(to -> {
            sql.append(" AND e.at < ?");
            args.add(OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
        });
        query.beforeId().ifPresent(id -> {
            sql.append(oldestFirst ? " AND e.id > ?" : " AND e.id < ?");
            args.add(id);
        });
        sql.append(oldestFirst ? " ORDER BY e.id" : " ORDER BY e.id DESC");
        if (query.limit() > 0) {
            sql.append(" LIMIT ").append(query.limit());
        }
        streamSql(sql.toString(), args, sink);
    }

    /** Every event, oldest first, for verification. */
    void streamAll(Sink sink) throws IOException {
        streamSql("SELECT " + COLUMNS + " " + FROM + " ORDER BY e.id", List.of(), sink);
    }

    private void streamSql(String sql, List<Object> args, Sink sink) throws IOException {
        try (Connection c = db.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            if (autoCommit) {
                c.setAutoCommit(false);
            }
            try (PreparedStatement s = c.prepareStatement(sql)) {
                bind(s, args.toArray());
                s.setFetchSize(FETCH_SIZE);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        sink.accept(event(r));
                    }
                }
            } finally {
                if (autoCommit) {
                    c.commit();
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The audit trail could not be read: " + e.getMessage(), e);
        }
    }

    private static AuditEvent event(ResultSet r) throws SQLException {
        return new AuditEvent(r.getLong(1), r.getObject(2, OffsetDateTime.class).toInstant(), r.getString(3),
                (Long) r.getObject(4), r.getString(5), r.getString(6), r.getString(7), (Long) r.getObject(8),
                r.getString(9), r.getString(10), r.getString(11), r.getString(12), r.getString(13), r.getString(14));
    }

    private static void bind(PreparedStatement s, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            s.setObject(i + 1, values[i]);
        }
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
