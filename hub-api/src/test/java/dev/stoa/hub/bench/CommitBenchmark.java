package dev.stoa.hub.bench;

import dev.stoa.hub.testing.StoaProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.stoa.hub.repo.TestRepos.ndjson;

/**
 * Commits through the Hugging Face commit API (one small file each), with PostgreSQL as durable as the embedded default
 * now runs it (fsync and synchronous commit on), beside the same Stoa on a PostgreSQL with both off, as the embedded
 * default ran before: what it costs that an acknowledged commit survives a power cut. Each Stoa talks to its own
 * PostgreSQL (started here, with the embedded default's binaries) through {@code STOA_DB_URL}. A second measurement
 * takes the event stream apart: the commit path writing its outbox row with nothing delivering it (no workers, the
 * answer first) beside one that writes no event at all ({@code STOA_EVENTS_OUTBOX=false}), which is what the row
 * costs; and the default, which delivers the reactions (check runs, card metadata, audit) before it answers, beside
 * answering first and leaving them to the workers ({@code STOA_EVENTS_DELIVER_BEFORE_ANSWER=false}). Run with
 * {@code ./mvnw -B verify -Pbench}; option {@code -Dbench.commit.count} (commits per measurement).
 */
public class CommitBenchmark {

    static final int COMMITS = Integer.getInteger("bench.commit.count", 200);
    static final int CLIENTS = 4;

    /** Latencies in microseconds, sorted, and the wall time they took. */
    record Run(long[] micros, double seconds) {
        double percentile(double p) {
            return micros[(int) Math.min(micros.length - 1, Math.ceil(p * micros.length) - 1)] / 1000.0;
        }

        double perSecond() {
            return micros.length / seconds;
        }
    }

    /** How the Stoa under test runs: its PostgreSQL's durability, and what its event stream does on a commit. */
    record Setting(String name, boolean durable, boolean outbox, boolean deliverBeforeAnswer, int workers) {
        static final Setting DEFAULT = new Setting("durable", true, true, true, 2);
    }

    @Test
    void commitsWithDurablePostgres() throws Exception {
        report("PostgreSQL with fsync and synchronous commit on (baseline: both off)", "fsync off",
                measure(Setting.DEFAULT), measure(new Setting("relaxed", false, true, true, 2)));
    }

    @Test
    void commitsWithAndWithoutTheOutboxRow() throws Exception {
        Run[] rowOnly = measure(new Setting("row-only", true, true, false, 0));
        Run[] noEvents = measure(new Setting("no-events", true, false, false, 0));
        Run[] answerFirst = measure(new Setting("answer-first", true, true, false, 2));
        Run[] deliverFirst = measure(Setting.DEFAULT);
        report("durable PostgreSQL, the revision.published row and its deliveries written in the ref's transaction,"
                + " nothing delivering them (baseline: no event written)", "no outbox row", rowOnly, noEvents);
        report("durable PostgreSQL, reactions (check runs, card metadata, audit) delivered before the answer, the default"
                + " (baseline: answered first, delivered by the workers)", "after the answer", deliverFirst, answerFirst);
    }

    /** Latency percentiles and rates of {@code stoa} beside {@code baseline}, for one client and for several. */
    private static void report(String setting, String baselineName, Run[] stoa, Run[] baseline) {
        BenchTable latency = new BenchTable("Commit latency, " + COMMITS + " commits of one small file: " + setting, "ms", false);
        String[] clients = {"1 client", CLIENTS + " clients"};
        for (int i = 0; i < 2; i++) {
            latency.row("commit p50, " + clients[i], stoa[i].percentile(0.50), baselineName + ", p50", baseline[i].percentile(0.50));
            latency.row("commit p99, " + clients[i], stoa[i].percentile(0.99), baselineName + ", p99", baseline[i].percentile(0.99));
        }
        BenchTable rate = new BenchTable("Commits per second", "commits/s", true);
        rate.row("1 client", stoa[0].perSecond(), baselineName, baseline[0].perSecond());
        rate.row(CLIENTS + " clients, a repository each", stoa[1].perSecond(), baselineName, baseline[1].perSecond());
        System.out.println(latency.render() + rate.render());
    }

    /** One client's commits, then {@link #CLIENTS} clients' at once, on a fresh PostgreSQL and Stoa. */
    private static Run[] measure(Setting setting) throws Exception {
        String mode = setting.name();
        boolean durable = setting.durable();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(TransferBenchmark.fresh("commit-pg-" + mode))
                .setServerConfig("fsync", durable ? "on" : "off")
                .setServerConfig("synchronous_commit", durable ? "on" : "off")
                .start()) {
            Map<String, String> env = new HashMap<>(TransferBenchmark.stoaEnv());
            env.put("STOA_DB_URL", postgres.getJdbcUrl("postgres", "postgres"));
            env.put("STOA_DB_USERNAME", "postgres");
            env.put("STOA_DB_PASSWORD", "postgres");
            env.put("STOA_EVENTS_OUTBOX", Boolean.toString(setting.outbox()));
            env.put("STOA_EVENTS_DELIVER_BEFORE_ANSWER", Boolean.toString(setting.deliverBeforeAnswer()));
            env.put("STOA_EVENTS_WORKERS", Integer.toString(setting.workers()));
            try (StoaProcess stoa = StoaProcess.start(TransferBenchmark.fresh("commit-stoa-" + mode), env).awaitReady()) {
                BenchClient client = new BenchClient(stoa.baseUri(), TransferBenchmark.ADMIN_TOKEN);
                commits(client, client.createRepo("warm-up-" + mode), 20);
                Run single = timed(() -> commits(client, client.createRepo("one-client-" + mode), COMMITS));
                Run parallel;
                try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
                    List<String> repos = new ArrayList<>();
                    for (int c = 0; c < CLIENTS; c++) {
                        repos.add(client.createRepo("client-" + c + "-" + mode));
                    }
                    parallel = timed(() -> {
                        List<Future<long[]>> each = new ArrayList<>();
                        for (String repo : repos) {
                            each.add(clients.submit(() -> commits(client, repo, COMMITS / CLIENTS)));
                        }
                        List<long[]> all = new ArrayList<>();
                        for (Future<long[]> one : each) {
                            all.add(one.get());
                        }
                        return all.stream().flatMapToLong(Arrays::stream).toArray();
                    });
                }
                stoa.stop();
                return new Run[]{single, parallel};
            }
        }
    }

    private interface Latencies {
        long[] measure() throws Exception;
    }

    private static Run timed(Latencies latencies) throws Exception {
        long start = System.nanoTime();
        long[] micros = latencies.measure();
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(micros);
        return new Run(micros, seconds);
    }

    /** The body of commit {@code i}: one small file, {@code notes/<i>.txt}. */
    public static String note(int i, String content) {
        return ndjson("Commit " + i).file("notes/" + i + ".txt", content).toString();
    }

    /** {@code count} commits to {@code repo}, one after the other; their latencies in microseconds. */
    private static long[] commits(BenchClient client, String repo, int count) {
        long[] micros = new long[count];
        for (int i = 0; i < count; i++) {
            String body = note(i, UUID.randomUUID() + "\n");
            long sent = System.nanoTime();
            client.commit(repo, body);
            micros[i] = (System.nanoTime() - sent) / 1000;
        }
        return micros;
    }
}
