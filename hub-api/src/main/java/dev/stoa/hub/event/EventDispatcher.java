package dev.stoa.hub.event;

import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.db.Jdbc;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers the outbox's events to their consumers, on every replica at once: each delivery (one consumer, one event)
 * is claimed with {@code FOR UPDATE SKIP LOCKED}, handled and removed in one transaction, so every consumer handles
 * every event once in effect whichever replica is free. A delivery waits while an earlier one of the same consumer and
 * repository is pending or parked, which keeps each repository's events in order without holding up other
 * repositories or other consumers.
 * <p>
 * Events are delivered as soon as their transaction commits: by the thread that served the request, before the client
 * gets its answer (so clients see the reactions to their change, as they would with a direct call), and otherwise by
 * this replica's workers, which a PostgreSQL {@code NOTIFY} from any replica wakes, with a poll to be sure. What the
 * request thread does not finish (a crash, a failure, an earlier event still pending) the workers deliver.
 */
@ApplicationScoped
public class EventDispatcher {

    /** This process, in notifications: a replica is not woken by its own. */
    static final String REPLICA = UUID.randomUUID().toString();
    /** After the other start-up observers: consumers may rely on everything being ready. */
    public static final int START_PRIORITY = 5000;
    static final int STOP_PRIORITY = 200;

    private static final Logger LOG = Logger.getLogger(EventDispatcher.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    private static final Duration REQUEST_DELIVERY_LIMIT = Duration.ofSeconds(10);
    private static final Duration STATS_INTERVAL = Duration.ofSeconds(5);
    private static final Duration PRUNE_INTERVAL = Duration.ofMinutes(10);
    private static final String CLAIM = """
            SELECT d.consumer, d.event_id, d.attempts, e.type, e.partition_key, e.payload::text, e.actor_id, e.actor_name,
                   e.client_address, e.created_at
            FROM event_delivery d JOIN event_outbox e ON e.id = d.event_id
            WHERE d.state = 'pending' AND d.next_attempt_at <= now() %s
              AND NOT EXISTS (SELECT 1 FROM event_delivery p WHERE p.consumer = d.consumer
                              AND p.partition_key = d.partition_key AND p.event_id < d.event_id)
            ORDER BY d.event_id
            LIMIT 1
            FOR UPDATE OF d SKIP LOCKED""";

    private final DataSource db;
    private final EventConsumers consumers;
    private final StoaConfig.Events config;
    private final MeterRegistry metrics;
    private final Semaphore wake = new Semaphore(0);
    private final ThreadLocal<List<Written>> requestScope = new ThreadLocal<>();
    private final Map<String, AtomicLong> pending = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> parked = new ConcurrentHashMap<>();
    private final Map<String, Meters> meters = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private volatile Connection listening;

    EventDispatcher(DataSource db, EventConsumers consumers, StoaConfig config, MeterRegistry metrics) {
        this.db = db;
        this.consumers = consumers;
        this.config = config.events();
        this.metrics = metrics;
    }

    void start(@Observes @Priority(START_PRIORITY) StartupEvent started) {
        for (String consumer : consumers.names()) {
            Gauge.builder("stoa.events.pending", pending.computeIfAbsent(consumer, c -> new AtomicLong()), AtomicLong::get)
                    .description("Deliveries waiting for this consumer").tag("consumer", consumer).register(metrics);
            Gauge.builder("stoa.events.parked", parked.computeIfAbsent(consumer, c -> new AtomicLong()), AtomicLong::get)
                    .description("Deliveries this consumer failed too often, waiting for an administrator")
                    .tag("consumer", consumer).register(metrics);
            metersOf(consumer);
        }
        running = true;
        for (int i = 1; i <= config.workers(); i++) {
            threads.add(Thread.ofPlatform().name("stoa-events-" + i).start(this::work));
        }
        threads.add(Thread.ofPlatform().name("stoa-events-listener").daemon().start(this::listen));
        threads.add(Thread.ofPlatform().name("stoa-events-upkeep").daemon().start(this::upkeep));
        LOG.debugf("Event dispatcher started with %d workers for consumers %s", config.workers(), consumers.names());
    }

    /** After the check workers (their last outcomes write events), before the database goes. */
    void stop(@Observes @Priority(STOP_PRIORITY) ShutdownEvent stopping) {
        running = false;
        wake.release(threads.size());
        Connection connection = listening;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // It is being abandoned.
            }
        }
        for (Thread thread : threads) {
            try {
                // A delivery in progress finishes: its transaction commits or rolls back as a whole.
                thread.join(Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A consumer's meters, registered once: deliveries are counted on every request that commits. */
    private record Meters(Counter delivered, Counter failures, Timer lag) {
    }

    /** An event just committed: its id and the repository it concerns. */
    record Written(long id, long partitionKey) {
    }

    /** Which deliveries a request thread takes on: those of its repositories, up to its newest event. */
    private record Lines(Long[] partitions, long upTo) {
    }

    /** Marks the start of a request whose committed events this thread delivers itself before answering (unless {@code stoa.events.deliver-before-answer} is off). */
    void openRequestScope() {
        if (config.deliverBeforeAnswer()) {
            requestScope.set(new ArrayList<>());
        }
    }

    /**
     * Delivers the events this request committed before it answers, with whatever of the same repositories came
     * before them (order per repository); what it cannot, the workers will. Ends the scope.
     */
    void deliverRequestScope() {
        List<Written> committed = requestScope.get();
        requestScope.remove();
        if (committed == null || committed.isEmpty()) {
            return;
        }
        if (!running) {
            wake.release(config.workers());
            return;
        }
        Lines lines = new Lines(committed.stream().map(Written::partitionKey).distinct().toArray(Long[]::new),
                committed.stream().mapToLong(Written::id).max().orElseThrow());
        long deadline = System.nanoTime() + REQUEST_DELIVERY_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (deliverOne(Optional.of(lines))) {
                continue;
            }
            // Nothing this thread may claim: done, unless a worker is handling one of these lines right now (then the
            // answer waits for it); not when a delivery failed and waits for its retry (then the workers go on).
            if (inProgressElsewhere(lines) == 0) {
                return;
            }
            sleep(Duration.ofMillis(5));
        }
        wake.release(config.workers());
    }

    /** Called when a transaction that wrote events commits. */
    void committed(List<Written> events) {
        List<Written> scope = requestScope.get();
        if (scope != null) {
            scope.addAll(events);
        } else {
            wake.release(config.workers());
        }
    }

    private void work() {
        while (running) {
            boolean delivered;
            try {
                delivered = deliverOne(Optional.empty());
            } catch (RuntimeException e) {
                LOG.warnf(e, "Event delivery failed; trying again in %s", config.pollInterval());
                delivered = false;
            }
            if (!delivered) {
                try {
                    wake.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Claims one due delivery (in {@code lines} when given), lets its consumer handle it and removes it, in one
     * transaction; records a failure in another. Returns whether there was one.
     */
    boolean deliverOne(Optional<Lines> lines) {
        // Consumers use request-scoped services (Hibernate's session among them): a worker thread gets a context of
        // its own for each delivery; a request's thread keeps the one it has.
        ManagedContext context = Arc.container().requestContext();
        boolean ownContext = !context.isActive();
        if (ownContext) {
            context.activate();
        }
        try {
            return deliverOneInContext(lines);
        } finally {
            if (ownContext) {
                context.terminate();
            }
        }
    }

    private boolean deliverOneInContext(Optional<Lines> lines) {
        Claimed[] claimed = new Claimed[1];
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                claimed[0] = claim(lines).orElse(null);
                if (claimed[0] == null) {
                    return false;
                }
                Claimed delivery = claimed[0];
                EventConsumer consumer = consumers.named(delivery.consumer()).orElse(null);
                if (consumer != null) {
                    consumer.handle(delivery.event());
                }
                Jdbc.update(db, "DELETE FROM event_delivery WHERE consumer = ? AND event_id = ?",
                        delivery.consumer(), delivery.event().id());
                return true;
            });
        } catch (RuntimeException e) {
            if (claimed[0] == null) {
                throw e;
            }
            recordFailure(claimed[0], e);
            return true;
        } finally {
            if (claimed[0] != null) {
                record(claimed[0]);
            }
        }
    }

    /** One delivery, claimed, with its event. */
    private record Claimed(String consumer, int attempts, OutboxEvent event) {
    }

    private Optional<Claimed> claim(Optional<Lines> lines) throws SQLException {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement select = lines.isEmpty()
                    ? Jdbc.prepare(c, CLAIM.formatted(""))
                    : Jdbc.prepare(c, CLAIM.formatted("AND d.partition_key = ANY(?) AND d.event_id <= ?"),
                            c.createArrayOf("bigint", lines.get().partitions()), lines.get().upTo());
                 ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                long actor = row.getLong(7);
                Optional<Long> actorId = row.wasNull() ? Optional.empty() : Optional.of(actor);
                OutboxEvent event = new OutboxEvent(row.getLong(2), row.getString(4), row.getLong(5), row.getString(6),
                        actorId, Optional.ofNullable(row.getString(8)), Optional.ofNullable(row.getString(9)),
                        row.getTimestamp(10).toInstant());
                return Optional.of(new Claimed(row.getString(1), row.getInt(3), event));
            }
        }
    }

    /**
     * Deliveries in these lines that are due and wait for nothing but deliveries that are due too: when this thread could
     * claim none of them, another thread is handling their line.
     */
    private long inProgressElsewhere(Lines lines) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = db.getConnection();
                 PreparedStatement count = Jdbc.prepare(c, """
                         SELECT count(*) FROM event_delivery d
                         WHERE d.partition_key = ANY(?) AND d.event_id <= ? AND d.state = 'pending' AND d.next_attempt_at <= now()
                           AND NOT EXISTS (SELECT 1 FROM event_delivery p WHERE p.consumer = d.consumer
                                           AND p.partition_key = d.partition_key AND p.event_id < d.event_id
                                           AND (p.state = 'parked' OR p.next_attempt_at > now()))""",
                         c.createArrayOf("bigint", lines.partitions()), lines.upTo());
                 ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    private void recordFailure(Claimed delivery, RuntimeException failure) {
        Throwable cause = failure.getCause() != null && failure instanceof io.quarkus.narayana.jta.QuarkusTransactionException
                ? failure.getCause() : failure;
        int attempt = delivery.attempts() + 1;
        boolean park = attempt >= config.maxAttempts();
        Duration backoff = backoff(attempt);
        String error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        OutboxEvent event = delivery.event();
        int recorded;
        try {
            // Only the try counted first is recorded: between this rollback and this update another worker may have
            // claimed the delivery and tried it once more (at least once, never lost).
            recorded = QuarkusTransaction.requiringNew().call(() -> Jdbc.update(db, """
                    UPDATE event_delivery SET attempts = ?, last_error = ?, state = ?,
                           next_attempt_at = now() + make_interval(secs => ?)
                    WHERE consumer = ? AND event_id = ? AND attempts = ?""",
                    attempt, error.length() > 2000 ? error.substring(0, 2000) : error, park ? "parked" : "pending",
                    (double) backoff.toMillis() / 1000, delivery.consumer(), event.id(), delivery.attempts()));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not record the failure of %s on event %d", delivery.consumer(), event.id());
            return;
        }
        metersOf(delivery.consumer()).failures().increment();
        if (recorded == 0) {
            return;
        }
        if (park) {
            LOG.errorf(cause, "Event consumer %s failed %d times on event %d (%s, repository %d) and parked it; an"
                    + " administrator can replay it (/api/v1/admin/events)", delivery.consumer(), attempt, event.id(),
                    event.type(), event.partitionKey());
        } else {
            LOG.warnf("Event consumer %s failed on event %d (%s, repository %d), try %d of %d: %s; trying again in %s",
                    delivery.consumer(), event.id(), event.type(), event.partitionKey(), attempt, config.maxAttempts(),
                    error, backoff);
        }
    }

    private Duration backoff(int attempt) {
        Duration next = config.retryBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        return next.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : next;
    }

    private void record(Claimed delivery) {
        Meters of = metersOf(delivery.consumer());
        of.delivered().increment();
        of.lag().record(Duration.between(delivery.event().createdAt(), Instant.now()));
    }

    /** The consumer's meters, registered at start (or with the first delivery of a consumer that is gone since). */
    private Meters metersOf(String consumer) {
        return meters.computeIfAbsent(consumer, name -> new Meters(
                Counter.builder("stoa.events.delivered").description("Deliveries handled by this replica (or failed)")
                        .tag("consumer", name).register(metrics),
                Counter.builder("stoa.events.failures").description("Deliveries whose consumer failed")
                        .tag("consumer", name).register(metrics),
                Timer.builder("stoa.events.lag").description("From an event's commit to a consumer's delivery")
                        .tag("consumer", name).register(metrics)));
    }

    /** Waits for the other replicas' notifications (and this one's, from threads outside a request) and wakes the workers. */
    private void listen() {
        while (running) {
            try (Connection connection = db.getConnection()) {
                listening = connection;
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + Outbox.CHANNEL);
                }
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications((int) config.pollInterval().toMillis());
                    // This replica's own events are delivered by the thread that wrote them, or woken in-process.
                    if (received != null && java.util.Arrays.stream(received).anyMatch(n -> !REPLICA.equals(n.getParameter()))) {
                        wake.release(config.workers());
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.debugf("Event notifications interrupted (%s); listening again", e.getMessage());
                    sleep(config.pollInterval());
                }
            } finally {
                listening = null;
            }
        }
    }

    /** Refreshes the pending and parked gauges, and prunes delivered events past their retention. */
    private void upkeep() {
        Instant nextPrune = Instant.now();
        while (running) {
            try {
                refreshGauges();
                if (Instant.now().isAfter(nextPrune)) {
                    int pruned = QuarkusTransaction.requiringNew().call(() -> Jdbc.update(db, """
                            DELETE FROM event_outbox o WHERE o.created_at < now() - make_interval(secs => ?)
                            AND NOT EXISTS (SELECT 1 FROM event_delivery d WHERE d.event_id = o.id)""",
                            (double) config.retention().toSeconds()));
                    if (pruned > 0) {
                        LOG.debugf("Pruned %d delivered events older than %s", pruned, config.retention());
                    }
                    nextPrune = Instant.now().plus(PRUNE_INTERVAL);
                }
            } catch (RuntimeException e) {
                LOG.debugf(e, "Event upkeep failed; trying again");
            }
            sleep(STATS_INTERVAL);
        }
    }

    private void refreshGauges() {
        Map<String, long[]> counts = new HashMap<>();
        Jdbc.query(db, "SELECT consumer, state, count(*) FROM event_delivery GROUP BY consumer, state",
                row -> counts.computeIfAbsent(row.getString(1), c -> new long[2])[row.getString(2).equals("parked") ? 1 : 0]
                        = row.getLong(3));
        pending.forEach((consumer, gauge) -> gauge.set(counts.getOrDefault(consumer, new long[2])[0]));
        parked.forEach((consumer, gauge) -> gauge.set(counts.getOrDefault(consumer, new long[2])[1]));
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
