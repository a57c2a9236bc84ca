package dev.stoa.hub.event;

import dev.stoa.hub.db.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What administrators see of the event stream, and what they may do with a parked delivery: replay it, or drop it. */
@ApplicationScoped
public class EventDeliveries {

    private final DataSource db;
    private final EventConsumers consumers;

    EventDeliveries(DataSource db, EventConsumers consumers) {
        this.db = db;
        this.consumers = consumers;
    }

    /**
     * One consumer's backlog.
     *
     * @param oldestPendingAt when the oldest event it has yet to handle was written (empty when it is up to date)
     */
    public record ConsumerState(String name, List<String> eventTypes, long pending, long parked,
                                Optional<Instant> oldestPendingAt) {
    }

    /** A delivery a consumer failed {@code attempts} times and gave up on, with its last error. */
    public record ParkedDelivery(String consumer, long eventId, String type, long repositoryId, int attempts,
                                 String lastError, Instant writtenAt) {
    }

    /** Every consumer, with what it has pending and parked. */
    public List<ConsumerState> consumers() {
        return consumers.names().stream().map(name -> Jdbc.first(db, """
                        SELECT count(*) FILTER (WHERE d.state = 'pending'), count(*) FILTER (WHERE d.state = 'parked'),
                               min(e.created_at) FILTER (WHERE d.state = 'pending')
                        FROM event_delivery d JOIN event_outbox e ON e.id = d.event_id WHERE d.consumer = ?""",
                row -> new ConsumerState(name, consumers.named(name).orElseThrow().eventTypes().stream().sorted().toList(),
                        row.getLong(1), row.getLong(2),
                        Optional.ofNullable(row.getTimestamp(3)).map(java.sql.Timestamp::toInstant)), name).orElseThrow())
                .toList();
    }

    /** The id of the newest event written, 0 when there is none. */
    public long latestEventId() {
        return Jdbc.first(db, "SELECT coalesce(max(id), 0) FROM event_outbox", row -> row.getLong(1)).orElse(0L);
    }

    /** Parked deliveries, oldest first, of one consumer or of all. */
    public List<ParkedDelivery> parked(Optional<String> consumer, int limit) {
        return Jdbc.query(db, """
                        SELECT d.consumer, d.event_id, e.type, d.partition_key, d.attempts, d.last_error, e.created_at
                        FROM event_delivery d JOIN event_outbox e ON e.id = d.event_id
                        WHERE d.state = 'parked' AND (CAST(? AS text) IS NULL OR d.consumer = ?)
                        ORDER BY d.event_id LIMIT ?""",
                row -> new ParkedDelivery(row.getString(1), row.getLong(2), row.getString(3), row.getLong(4), row.getInt(5),
                        row.getString(6), row.getTimestamp(7).toInstant()),
                consumer.orElse(null), consumer.orElse(null), limit);
    }

    /** Puts a parked delivery back in line, with its tries counted afresh; false when there is no such parked delivery. */
    public boolean replay(String consumer, long eventId) {
        return Jdbc.update(db, """
                UPDATE event_delivery SET state = 'pending', attempts = 0, next_attempt_at = now()
                WHERE consumer = ? AND event_id = ? AND state = 'parked'""", consumer, eventId) == 1;
    }

    /** Drops a parked delivery: the consumer never handles that event; false when there is no such parked delivery. */
    public boolean discard(String consumer, long eventId) {
        return Jdbc.update(db, "DELETE FROM event_delivery WHERE consumer = ? AND event_id = ? AND state = 'parked'",
                consumer, eventId) == 1;
    }
}
