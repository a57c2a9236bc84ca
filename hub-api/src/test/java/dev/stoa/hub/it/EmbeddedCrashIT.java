package dev.stoa.hub.it;

import dev.stoa.hub.testing.RandomText;
import dev.stoa.hub.testing.StoaProcess;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default after a crash: Stoa killed with SIGKILL leaves its PostgreSQL running (as in production, where
 * {@code pg_ctl} detaches it), and the next start on the same data folder must need no manual step. A second Stoa on a
 * folder that a live one uses is refused.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class EmbeddedCrashIT {

    @Test
    void aRestartAfterSigkillTakesOverItsOrphanedDatabase(@TempDir Path dataDir) {
        String token = "stoa_" + RandomText.alphanumeric(40);
        Map<String, String> env = Map.of("STOA_ADMIN_TOKEN", token);
        Optional<ProcessHandle> orphan = Optional.empty();
        try {
            try (StoaProcess first = StoaProcess.start(dataDir, env).awaitReady()) {
                createRepo(first, token, "before-the-crash");
                orphan = first.crash();
            }
            assertThat(orphan).as("the embedded PostgreSQL outlives the killed JVM").hasValueSatisfying(
                    postgres -> assertThat(postgres.isAlive()).isTrue());

            try (StoaProcess second = StoaProcess.start(dataDir, env).awaitReady()) {
                assertThat(orphan.get().isAlive()).as("the orphan was stopped").isFalse();
                assertThat(second.log()).contains("left behind by a Stoa that did not shut down");
                second.as(token)
                        .get("/api/models/admin/before-the-crash").then().statusCode(200);
                createRepo(second, token, "after-the-crash");
                second.stop();
            }
        } finally {
            orphan.filter(ProcessHandle::isAlive).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aSecondStoaOnAFolderInUseIsRefused(@TempDir Path dataDir) {
        String token = "stoa_" + RandomText.alphanumeric(40);
        try (StoaProcess first = StoaProcess.start(dataDir, Map.of("STOA_ADMIN_TOKEN", token)).awaitReady()) {
            StoaProcess.Exit refused;
            try (StoaProcess second = StoaProcess.start(dataDir, Map.of())) {
                refused = second.awaitExit(Duration.ofSeconds(60));
            }

            assertThat(refused.code()).isNotZero();
            assertThat(refused.log()).contains("Another Stoa (pid ").contains("is running on the data folder " + dataDir.toAbsolutePath())
                    .contains("STOA_DATA_DIR");
            createRepo(first, token, "still-served");
            first.stop();
        }
    }

    private static void createRepo(StoaProcess app, String token, String name) {
        app.as(token).contentType(ContentType.JSON)
                .body(Map.of("name", name)).post("/api/repos/create").then().statusCode(200);
    }
}
