package dev.stoa.hub.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.db.AfterCommit;
import dev.stoa.hub.db.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.jboss.logging.Logger;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Where a feature records what it changed, for every other feature to react to: an {@code event_outbox} row written
 * in the transaction of the change itself, so the two commit together or not at all, with a pending delivery for
 * each consumer of its type. Nothing is lost when a replica dies after the commit: the deliveries wait in the
 * database. Once the transaction commits, the {@link EventDispatcher} delivers them.
 */
@ApplicationScoped
public class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class);

    /** The PostgreSQL notification channel that wakes the dispatchers of every replica. */
    static final String CHANNEL = "stoa_events";
    private static final String PENDING_KEY = Outbox.class.getName() + ".pending";

    private final DataSource db;
    private final TransactionSynchronizationRegistry transactions;
    private final Instance<EventOrigin> origins;
    private final EventConsumers consumers;
    private final EventDispatcher dispatcher;
    private final boolean enabled;

    Outbox(DataSource db, TransactionSynchronizationRegistry transactions, Instance<EventOrigin> origins,
           EventConsumers consumers, EventDispatcher dispatcher, StoaConfig config) {
        this.db = db;
        this.transactions = transactions;
        this.origins = origins;
        this.consumers = consumers;
        this.dispatcher = dispatcher;
        this.enabled = config.events().outbox();
        if (!enabled) {
            LOG.warn("stoa.events.outbox is false: no change is written to the event stream, so nothing reacts to any"
                    + " (no check runs, audit records or quarantines). Use it for the commit benchmark only.");
        }
    }

    /**
     * Records an event in the current transaction; returns its id. {@code partitionKey} is the id of the repository it
     * concerns (0 for none): each consumer gets a repository's events in the order they were written.
     *
     * @throws IllegalStateException outside a transaction: an event written on its own could describe a change that
     *                               was then rolled back, or miss one that was committed
     */
    public long append(String type, long partitionKey, Object payload) {
        return append(type, partitionKey, payload, currentOrigin());
    }

    /**
     * Records a {@link Change} in the current transaction, as an event of {@code type} ({@code <area>.<verb>}:
     * {@code repo.created}, {@code token.revoked}); {@code repoId} is the repository it concerns, 0 for none.
     */
    public long change(String type, long repoId, Change change) {
        EventOrigin.Origin current = currentOrigin();
        EventOrigin.Origin origin = change.actor() == null ? current : new EventOrigin.Origin(
                Optional.ofNullable(change.actor().id()), Optional.ofNullable(change.actor().name()), current.clientAddress());
        return append(type, repoId, change, origin);
    }

    private EventOrigin.Origin currentOrigin() {
        return origins.isResolvable() ? origins.get().current() : EventOrigin.NONE;
    }

    private long append(String type, long partitionKey, Object payload, EventOrigin.Origin origin) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("Event " + type + " must be written in the transaction of the change it"
                    + " describes, and there is none active");
        }
        if (!enabled) {
            return 0;
        }
        List<String> deliverTo = consumers.subscribedTo(type);
        long id;
        try (Connection c = db.getConnection()) {
            try (PreparedStatement insert = Jdbc.prepare(c, """
                    INSERT INTO event_outbox (type, partition_key, payload, actor_id, actor_name, client_address)
                    VALUES (?, ?, CAST(? AS jsonb), ?, ?, ?) RETURNING id""",
                    type, partitionKey, json(payload), origin.actorId(), origin.actorName(), origin.clientAddress());
                 ResultSet row = insert.executeQuery()) {
                row.next();
                id = row.getLong(1);
            }
            if (!deliverTo.isEmpty()) {
                Array names = c.createArrayOf("text", deliverTo.toArray());
                try (PreparedStatement deliveries = Jdbc.prepare(c, """
                        INSERT INTO event_delivery (event_id, consumer, partition_key) SELECT ?, name, ? FROM unnest(?) AS name""",
                        id, partitionKey, names)) {
                    deliveries.executeUpdate();
                }
            }
            if (pendingOfThisTransaction().isEmpty()) {
                // Delivered by PostgreSQL only when the transaction commits: the other replicas then look.
                try (PreparedStatement notify = Jdbc.prepare(c, "SELECT pg_notify(?, ?)", CHANNEL, EventDispatcher.REPLICA)) {
                    notify.execute();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write event " + type + " to the outbox: " + e.getMessage(), e);
        }
        if (!deliverTo.isEmpty()) {
            pendingOfThisTransaction().add(new EventDispatcher.Written(id, partitionKey));
        }
        return id;
    }

    /** The events written in the current transaction; the first call registers their hand-over to the dispatcher on commit. */
    @SuppressWarnings("unchecked")
    private List<EventDispatcher.Written> pendingOfThisTransaction() {
        List<EventDispatcher.Written> pending = (List<EventDispatcher.Written>) transactions.getResource(PENDING_KEY);
        if (pending == null) {
            List<EventDispatcher.Written> created = new ArrayList<>();
            transactions.putResource(PENDING_KEY, created);
            AfterCommit.run(transactions, () -> {
                if (!created.isEmpty()) {
                    dispatcher.committed(List.copyOf(created));
                }
            });
            pending = created;
        }
        return pending;
    }

    private static String json(Object payload) {
        try {
            return EventJson.MAPPER.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event payload " + payload.getClass().getName() + " cannot be written as JSON", e);
        }
    }
}
