package dev.stoa.hub.it;

import dev.stoa.hub.testing.RandomText;
import dev.stoa.hub.testing.StoaProcess;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.stoa.hub.repo.TestRepos.ndjson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stoa and its embedded PostgreSQL killed together (an OOM kill of the pod, a power cut) while commits stream in at
 * about 15 a second, ten times on the same data folder: every commit that was answered 200 is there after the restart,
 * and the restart needs no manual step.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DatabaseCrashIT {

    private static final Duration BETWEEN_COMMITS = Duration.ofMillis(66);

    @Test
    void everyAcknowledgedCommitSurvivesStoaAndItsDatabaseKilledTogether(@TempDir Path dataDir) throws Exception {
        String token = "stoa_" + RandomText.alphanumeric(40);
        Map<String, String> env = Map.of("STOA_ADMIN_TOKEN", token);
        List<String> acknowledged = new ArrayList<>();
        StoaProcess app = StoaProcess.start(dataDir, env).awaitReady();
        try {
            app.as(token).contentType(ContentType.JSON).body(Map.of("name", "stream")).post("/api/repos/create")
                    .then().statusCode(200);
            for (int run = 0; run < 10; run++) {
                StoaProcess serving = app;
                int round = run;
                List<String> answered = new CopyOnWriteArrayList<>();
                CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> commitUntilRefused(serving, token, round, answered));
                pause(Duration.ofMillis(2000 + 97L * run));
                app.crashWithDatabase();
                writer.get(60, TimeUnit.SECONDS);
                assertThat(answered).as("commits answered before kill " + run).isNotEmpty();
                acknowledged.addAll(answered);

                app = StoaProcess.start(dataDir, env).awaitReady();
                for (String commit : acknowledged) {
                    int status = app.as(token).get("/api/models/admin/stream/revision/" + commit).statusCode();
                    assertThat(status).as("commit %s, answered 200 before one of the kills, after restart %d", commit, run)
                            .isEqualTo(200);
                }
            }
            System.out.println("Commits answered 200 before the ten kills, all found after the restarts: " + acknowledged.size());
            assertThat(acknowledged).as("commits streamed over the ten runs").hasSizeGreaterThan(60).doesNotHaveDuplicates();
            app.stop();
        } finally {
            app.close();
        }
    }

    /** Commits one small file after another, about 15 a second, until Stoa stops answering; keeps the answered ids. */
    private static void commitUntilRefused(StoaProcess app, String token, int run, List<String> answered) {
        for (int n = 0; ; n++) {
            long started = System.nanoTime();
            String body = ndjson("run " + run + " commit " + n).file("run-" + run + "/" + n + ".txt", "commit " + n + " of run " + run)
                    .toString();
            try {
                var response = app.as(token).contentType("application/x-ndjson").body(body.getBytes())
                        .post("/api/models/admin/stream/commit/main");
                if (response.statusCode() != 200) {
                    return;
                }
                answered.add(response.path("commitOid"));
            } catch (Exception refused) {
                // Killed: no answer, so nothing acknowledged (RestAssured rethrows I/O errors undeclared).
                return;
            }
            pause(BETWEEN_COMMITS.minusNanos(System.nanoTime() - started));
        }
    }

    private static void pause(Duration pause) {
        if (pause.isNegative()) {
            return;
        }
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
