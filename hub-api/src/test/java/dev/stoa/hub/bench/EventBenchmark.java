package dev.stoa.hub.bench;

import dev.stoa.hub.testing.S3ProxyProcess;
import dev.stoa.hub.testing.StoaProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The event stream under load, with replicas on one PostgreSQL and one S3 server (S3Proxy):
 * <ul>
 *   <li>events delivered per second by one replica, then by two: a burst of {@link #EVENTS} events written straight
 *   into the outbox (one {@code Change} each, spread over 64 repositories), handled by the audit trail, which records
 *   every event; the baseline is the same burst with one replica;</li>
 *   <li>outbox lag while commits are offered at {@link #OFFERED_RATE} a second (8 clients, a repository each): the time
 *   from an event's commit to each consumer's delivery, from {@code stoa_events_lag_seconds} on {@code /q/metrics}.</li>
 * </ul>
 * Run with {@code ./mvnw -B install -DskipTests && ./mvnw -B -pl hub-api failsafe:integration-test -Pbench
 * -Dit.test=EventBenchmark}.
 */
class EventBenchmark {

    static final int EVENTS = Integer.getInteger("bench.events.count", 5000);
    static final int OFFERED_RATE = 50;
    static final int LAG_SECONDS = 20;
    static final int CLIENTS = 8;
    private static final Pattern LAG = Pattern.compile("stoa_events_lag_seconds_(sum|count|max)\\{[^}]*consumer=\"([^\"]+)\"[^}]*} ([0-9.eE+-]+)");

    @Test
    void eventsPerSecondAndLag() throws Exception {
        Path work = TransferBenchmark.fresh("events");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg")).start();
             S3ProxyProcess s3 = S3ProxyProcess.start(work.resolve("s3"))) {
            Map<String, String> env = new HashMap<>(TransferBenchmark.stoaEnv());
            env.putAll(s3.stoaSettings("stoa-events-bench"));
            env.put("STOA_DB_URL", postgres.getJdbcUrl("postgres", "postgres"));
            env.put("STOA_DB_USERNAME", "postgres");
            env.put("STOA_DB_PASSWORD", "postgres");
            BenchTable rate = new BenchTable("Events delivered per second (" + EVENTS + " events, audit-trail consumer,"
                    + " 2 delivery threads per replica; baseline: one replica)", "events/s", true);
            BenchTable lag = new BenchTable("Outbox lag, commits offered at " + OFFERED_RATE + "/s for " + LAG_SECONDS
                    + " s on one replica: from the event's commit to the consumer's delivery", "ms", false);
            try (StoaProcess first = StoaProcess.start(work.resolve("replica-1"), env).awaitReady()) {
                double one = deliver(postgres, "one");
                try (StoaProcess second = StoaProcess.start(work.resolve("replica-2"), env).awaitReady()) {
                    double two = deliver(postgres, "two");
                    rate.row("two replicas", two, "one replica", one);
                    second.stop();
                }
                first.stop();
            }
            // A fresh replica, so that the lag's maximum is this load's and not the bursts'.
            try (StoaProcess third = StoaProcess.start(work.resolve("replica-3"), env).awaitReady()) {
                measureLag(third, lag);
                third.stop();
            }
            System.out.println(rate.render() + lag.render());
        }
    }

    /** Writes {@link #EVENTS} events to the outbox in one transaction and times until every delivery is done. */
    private static double deliver(EmbeddedPostgres postgres, String batch) throws SQLException, InterruptedException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO event_outbox (type, partition_key, payload) SELECT 'bench.noted', 1000000 + g % 64,"
                    + " jsonb_build_object('targetType', 'bench', 'target', '" + batch + "-' || g, 'ownerId', 0,"
                    + " 'before', '{}'::jsonb, 'after', jsonb_build_object('n', g)) FROM generate_series(1, " + EVENTS + ") AS g");
            s.executeUpdate("INSERT INTO event_delivery (event_id, consumer, partition_key) SELECT id, 'audit-trail', partition_key"
                    + " FROM event_outbox WHERE type = 'bench.noted' AND payload->>'target' LIKE '" + batch + "-%'");
            s.execute("NOTIFY stoa_events");
            long start = System.nanoTime();
            c.commit();
            c.setAutoCommit(true);
            while (pending(s, batch) > 0) {
                Thread.sleep(20);
            }
            return EVENTS / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static long pending(Statement s, String batch) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM event_delivery d JOIN event_outbox e ON e.id = d.event_id"
                + " WHERE e.type = 'bench.noted' AND e.payload->>'target' LIKE '" + batch + "-%'")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Offers {@link #OFFERED_RATE} commits a second for {@link #LAG_SECONDS} s, then reads each consumer's lag. */
    private static void measureLag(StoaProcess stoa, BenchTable table) throws Exception {
        BenchClient client = new BenchClient(stoa.baseUri(), TransferBenchmark.ADMIN_TOKEN);
        Map<String, double[]> before = lag(client);
        List<String> repos = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            repos.add(client.createRepo("lag-" + c + "-" + UUID.randomUUID().toString().substring(0, 8)));
        }
        long intervalNanos = 1_000_000_000L * CLIENTS / OFFERED_RATE;
        long start = System.nanoTime();
        int done;
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<Integer>> each = new ArrayList<>();
            for (String repo : repos) {
                each.add(clients.submit(() -> {
                    int n = 0;
                    for (long next = System.nanoTime(); next - start < LAG_SECONDS * 1_000_000_000L; next += intervalNanos) {
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                        client.commit(repo, CommitBenchmark.note(n, UUID.randomUUID().toString()));
                        n++;
                    }
                    return n;
                }));
            }
            done = 0;
            for (Future<Integer> one : each) {
                done += one.get();
            }
        }
        double achieved = done / ((System.nanoTime() - start) / 1e9);
        Thread.sleep(5000);
        Map<String, double[]> after = lag(client);
        for (Map.Entry<String, double[]> consumer : new java.util.TreeMap<>(after).entrySet()) {
            double[] then = before.getOrDefault(consumer.getKey(), new double[3]);
            double count = consumer.getValue()[1] - then[1];
            if (count > 0) {
                double mean = (consumer.getValue()[0] - then[0]) / count * 1000;
                table.row(consumer.getKey() + ", mean (" + Math.round(achieved) + " commits/s achieved)", mean,
                        "max", consumer.getValue()[2] * 1000);
            }
        }
    }

    /** Per consumer: the lag's sum and count (seconds, events) and its recent maximum, from Prometheus text. */
    private static Map<String, double[]> lag(BenchClient client) throws Exception {
        HttpResponse<String> metrics = client.http().send(client.request("/q/metrics").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, double[]> byConsumer = new HashMap<>();
        Matcher m = LAG.matcher(metrics.body());
        while (m.find()) {
            double[] values = byConsumer.computeIfAbsent(m.group(2), c -> new double[3]);
            values[switch (m.group(1)) {
                case "sum" -> 0;
                case "count" -> 1;
                default -> 2;
            }] = Double.parseDouble(m.group(3));
        }
        return byConsumer;
    }
}
