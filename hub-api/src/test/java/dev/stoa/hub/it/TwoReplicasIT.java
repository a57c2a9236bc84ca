package dev.stoa.hub.it;

import dev.stoa.hub.bench.CommitBenchmark;
import dev.stoa.hub.testing.RandomText;
import dev.stoa.hub.testing.S3ProxyProcess;
import dev.stoa.hub.testing.StoaProcess;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas (two Stoa processes on one PostgreSQL and one S3 server) share the event stream: 200 commits spread over
 * both, one replica killed with SIGKILL halfway, and every consumer has handled every event of an acknowledged commit
 * exactly once in effect: one audit record per ref move (the chain still verifies), one run per check and commit.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class TwoReplicasIT {

    private static final int COMMITS = 200;
    private static final int REPOS = 4;

    @Test
    void everyEventIsHandledOnceAcrossReplicasAndAKilledOneLosesNothing(@TempDir Path tmp) throws Exception {
        String token = "stoa_" + RandomText.alphanumeric(40);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(tmp.resolve("pg")).start();
             S3ProxyProcess s3 = S3ProxyProcess.start(tmp.resolve("s3"))) {
            Map<String, String> env = new HashMap<>(s3.stoaSettings("stoa-" + RandomText.lowercase(8)));
            env.put("STOA_ADMIN_TOKEN", token);
            env.put("STOA_DB_URL", postgres.getJdbcUrl("postgres", "postgres"));
            env.put("STOA_DB_USERNAME", "postgres");
            env.put("STOA_DB_PASSWORD", "postgres");
            env.put("STOA_CHECKS_LEASE", "PT5S");
            env.put("STOA_CHECKS_POLL_INTERVAL", "PT0.5S");
            try (StoaProcess first = StoaProcess.start(tmp.resolve("replica-1"), env).awaitReady();
                 StoaProcess second = StoaProcess.start(tmp.resolve("replica-2"), env).awaitReady()) {
                List<String> repos = new ArrayList<>();
                for (int r = 0; r < REPOS; r++) {
                    String name = "shared-" + r;
                    (r % 2 == 0 ? first : second).as(token).contentType(ContentType.JSON).body(Map.of("name", name))
                            .post("/api/repos/create").then().statusCode(200);
                    repos.add(name);
                }
                Map<String, List<String>> acknowledged = new ConcurrentHashMap<>();
                repos.forEach(repo -> acknowledged.put(repo, java.util.Collections.synchronizedList(new ArrayList<>())));
                AtomicInteger sent = new AtomicInteger();
                try (ExecutorService clients = Executors.newFixedThreadPool(REPOS)) {
                    List<Future<?>> each = new ArrayList<>();
                    for (String repo : repos) {
                        each.add(clients.submit(() -> {
                            for (int i = 0; i < COMMITS / REPOS; i++) {
                                int n = sent.incrementAndGet();
                                if (n == COMMITS / 2) {
                                    second.crash();
                                }
                                StoaProcess replica = n % 2 == 0 || n >= COMMITS / 2 ? first : second;
                                commit(replica, token, repo, i).ifPresent(acknowledged.get(repo)::add);
                            }
                            return null;
                        }));
                    }
                    for (Future<?> one : each) {
                        one.get();
                    }
                }
                int total = acknowledged.values().stream().mapToInt(List::size).sum();
                System.out.println("Commits acknowledged: " + total + " of " + COMMITS + " (the rest went to the killed replica)");
                assertThat(total).isGreaterThan(COMMITS * 3 / 4);

                awaitNothingPending(first, token);
                for (String repo : repos) {
                    List<String> commits = acknowledged.get(repo);
                    JsonPath audit = first.as(token).get("/api/v1/audit?target=admin/" + repo + "@*&action=ref.&limit=500")
                            .then().statusCode(200).extract().jsonPath();
                    List<String> audited = audit.getList("events.after.commit");
                    assertThat(audited).as("each ref move of %s audited once", repo).doesNotHaveDuplicates().containsAll(commits);
                    for (int i = 0; i < commits.size(); i += 10) {
                        List<String> checks = first.as(token).get("/api/v1/repos/models/admin/" + repo + "/checks?revision="
                                + commits.get(i)).then().statusCode(200).extract().jsonPath().getList("checks.check");
                        assertThat(checks).as("the checks of %s@%s", repo, commits.get(i)).isNotEmpty().doesNotHaveDuplicates();
                    }
                }
                first.as(token).post("/api/v1/admin/audit/verify").then().statusCode(200)
                        .body("ok", org.hamcrest.Matchers.equalTo(true));
                first.stop();
            }
        }
    }

    /** The commit's id when the replica acknowledged it; empty when the replica was gone. */
    private static java.util.Optional<String> commit(StoaProcess replica, String token, String repo, int i) {
        String body = CommitBenchmark.note(i, "commit " + i + "\n");
        try {
            Response response = replica.as(token).contentType("application/x-ndjson").body(body.getBytes())
                    .post("/api/models/admin/" + repo + "/commit/main");
            return response.statusCode() == 200 ? java.util.Optional.of(response.path("commitOid")) : java.util.Optional.empty();
        } catch (Exception e) {
            // The killed replica: no answer, so no acknowledged commit (RestAssured rethrows I/O errors unchecked).
            return java.util.Optional.empty();
        }
    }

    private static void awaitNothingPending(StoaProcess replica, String token) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        JsonPath overview = null;
        while (System.nanoTime() < deadline) {
            overview = replica.as(token).get("/api/v1/admin/events").then().statusCode(200).extract().jsonPath();
            List<Integer> pending = overview.getList("consumers.pending");
            List<Integer> parked = overview.getList("consumers.parked");
            assertThat(parked).as("no delivery parked").allMatch(count -> count == 0);
            if (pending.stream().allMatch(count -> count == 0)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Deliveries still pending after 3 minutes: " + overview.prettify());
    }
}
