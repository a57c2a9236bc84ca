package dev.stoa.hub.it;

import dev.stoa.hub.testing.RandomText;
import dev.stoa.hub.testing.StoaProcess;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing a commit sets off is lost when Stoa dies right after answering it: a pickle whose GLOBAL is
 * {@code posix system} is committed, Stoa is killed with SIGKILL 0 to 180 ms after the answer (ten times, a new
 * repository each), restarted on the same data, and every pickle ends up quarantined, with its check runs, its card
 * metadata and its audit record, each once.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class EventCrashIT {

    /** {@code posix.system("ls")}: protocol 2, GLOBAL posix system, the argument, REDUCE. */
    private static final byte[] PICKLE = {(byte) 0x80, 2, 'c', 'p', 'o', 's', 'i', 'x', '\n', 's', 'y', 's', 't', 'e', 'm',
            '\n', 'X', 2, 0, 0, 0, 'l', 's', (byte) 0x85, 'R', '.'};
    private static final Duration SETTLE = Duration.ofSeconds(90);

    @Test
    void whatACommitSetsOffSurvivesAKillRightAfterTheAnswer(@TempDir Path dataDir) {
        String token = "stoa_" + RandomText.alphanumeric(40);
        Map<String, String> env = Map.of("STOA_ADMIN_TOKEN", token, "STOA_CHECKS_POLL_INTERVAL", "PT0.2S");
        List<String> repos = new ArrayList<>();
        List<String> commits = new ArrayList<>();
        List<ProcessHandle> orphans = new ArrayList<>();
        StoaProcess app = StoaProcess.start(dataDir, env).awaitReady();
        try {
            for (int run = 0; run < 10; run++) {
                String name = "crash-" + run;
                as(app, token).contentType(ContentType.JSON).body(Map.of("name", name)).post("/api/repos/create")
                        .then().statusCode(200);
                String commit = as(app, token).contentType("application/x-ndjson").body(ndjson(run).getBytes())
                        .post("/api/models/admin/" + name + "/commit/main").then().statusCode(200).extract().path("commitOid");
                pause(Duration.ofMillis(run * 20L));
                app.crash().ifPresent(orphans::add);
                repos.add(name);
                commits.add(commit);
                app = StoaProcess.start(dataDir, env).awaitReady();
            }
            for (int run = 0; run < 10; run++) {
                assertSettled(app, token, repos.get(run), commits.get(run));
            }
            app.stop();
        } finally {
            app.close();
            orphans.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** The repository's pickle is quarantined, its checks ran once, its card was read and its commit audited once. */
    private static void assertSettled(StoaProcess app, String token, String name, String commit) {
        String id = "admin/" + name;
        JsonPath quarantines = poll(app, token, "/api/v1/repos/models/" + id + "/quarantine",
                json -> json.getList("findAll { it.active == true }").size() > 0, "a quarantine of " + id);
        assertThat(quarantines.getList("findAll { it.active == true }.path")).contains("model.pkl");
        as(app, token).get("/admin/" + name + "/resolve/main/model.pkl").then().statusCode(403);

        JsonPath checks = as(app, token).get("/api/v1/repos/models/" + id + "/checks?revision=" + commit)
                .then().statusCode(200).extract().jsonPath();
        List<String> names = checks.getList("checks.check");
        assertThat(names).as("each check of " + id + " ran once").doesNotHaveDuplicates().contains("pickle-scanner/pickle-imports");
        assertThat(checks.getString("checks.find { it.check == 'pickle-scanner/pickle-imports' }.verdict")).isEqualTo("FAIL");

        assertThat(as(app, token).get("/api/models/" + id).then().statusCode(200).extract().jsonPath()
                .getString("cardData.license")).isEqualTo("mit");

        JsonPath audit = poll(app, token, "/api/v1/audit?target=" + id + "@*&action=ref.",
                json -> json.getList("events").size() >= 2, "the ref events of " + id);
        assertThat(audit.getList("events.action")).containsExactly("ref.updated", "ref.created");
        assertThat(audit.getString("events[0].after.commit")).isEqualTo(commit);
    }

    private static String ndjson(int run) {
        String card = "---\nlicense: mit\n---\n# Crash " + run + "\n";
        return "{\"key\":\"header\",\"value\":{\"summary\":\"A pickle\"}}\n"
                + "{\"key\":\"file\",\"value\":{\"path\":\"model.pkl\",\"content\":\"" + Base64.getEncoder().encodeToString(PICKLE)
                + "\",\"encoding\":\"base64\"}}\n"
                + "{\"key\":\"file\",\"value\":{\"path\":\"README.md\",\"content\":\""
                + Base64.getEncoder().encodeToString(card.getBytes()) + "\",\"encoding\":\"base64\"}}\n";
    }

    private static JsonPath poll(StoaProcess app, String token, String path, java.util.function.Predicate<JsonPath> done,
                                 String what) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        JsonPath last = null;
        while (System.nanoTime() < deadline) {
            last = as(app, token).get(path).then().statusCode(200).extract().jsonPath();
            if (done.test(last)) {
                return last;
            }
            pause(Duration.ofMillis(250));
        }
        throw new AssertionError("No " + what + " within " + SETTLE.toSeconds() + " s of the restart; last answer: "
                + Optional.ofNullable(last).map(JsonPath::prettify).orElse("none") + "\n" + app.log());
    }

    private static RequestSpecification as(StoaProcess app, String token) {
        return given().baseUri(app.baseUri().toString()).auth().oauth2(token);
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
