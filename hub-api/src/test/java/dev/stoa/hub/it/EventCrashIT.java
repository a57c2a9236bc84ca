package dev.stoa.hub.it;

import dev.stoa.hub.repo.TestRepos;
import dev.stoa.hub.testing.RandomText;
import dev.stoa.hub.testing.StoaProcess;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing a commit or a push sets off is lost when Stoa dies right after answering it: a pickle whose GLOBAL is
 * {@code posix system} is committed through the API (or pushed with git as an LFS file), Stoa is killed with SIGKILL
 * 0 to 180 ms after the answer (ten times, a new repository each), restarted on the same data, and every pickle ends
 * up quarantined, with its check runs, its card metadata and its audit records, each once.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class EventCrashIT {

    /** {@code posix.system("ls")}: protocol 2, GLOBAL posix system, the argument, REDUCE. */
    private static final byte[] PICKLE = {(byte) 0x80, 2, 'c', 'p', 'o', 's', 'i', 'x', '\n', 's', 'y', 's', 't', 'e', 'm',
            '\n', 'X', 2, 0, 0, 0, 'l', 's', (byte) 0x85, 'R', '.'};
    private static final Duration SETTLE = Duration.ofSeconds(90);

    /** Publishes revision {@code run} of the repository {@code admin/name} (created empty); returns its commit id. */
    private interface Publisher {
        String publish(StoaProcess app, String token, String name, int run) throws Exception;
    }

    @Test
    void whatACommitSetsOffSurvivesAKillRightAfterTheAnswer(@TempDir Path dataDir) throws Exception {
        killRightAfterPublishing(dataDir, (app, token, name, run) -> app.as(token).contentType("application/x-ndjson")
                .body(pickleCommit(run).getBytes()).post("/api/models/admin/" + name + "/commit/main")
                .then().statusCode(200).extract().path("commitOid"));
    }

    @Test
    void whatAGitPushOfAnLfsPickleSetsOffSurvivesAKillRightAfterTheAnswer(@TempDir Path dataDir, @TempDir Path clones)
            throws Exception {
        killRightAfterPublishing(dataDir, (app, token, name, run) -> pushLfsPickle(app, token, name, run, clones.resolve(name)));
    }

    private void killRightAfterPublishing(Path dataDir, Publisher publisher) throws Exception {
        String token = "stoa_" + RandomText.alphanumeric(40);
        Map<String, String> env = Map.of("STOA_ADMIN_TOKEN", token, "STOA_CHECKS_POLL_INTERVAL", "PT0.2S");
        List<String> repos = new ArrayList<>();
        List<String> commits = new ArrayList<>();
        List<ProcessHandle> orphans = new ArrayList<>();
        StoaProcess app = StoaProcess.start(dataDir, env).awaitReady();
        try {
            for (int run = 0; run < 10; run++) {
                String name = "crash-" + run;
                app.as(token).contentType(ContentType.JSON).body(Map.of("name", name)).post("/api/repos/create")
                        .then().statusCode(200);
                String commit = publisher.publish(app, token, name, run);
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
        app.as(token).get("/admin/" + name + "/resolve/main/model.pkl").then().statusCode(403);

        JsonPath checks = app.as(token).get("/api/v1/repos/models/" + id + "/checks?revision=" + commit)
                .then().statusCode(200).extract().jsonPath();
        List<String> names = checks.getList("checks.check");
        assertThat(names).as("each check of " + id + " ran once").doesNotHaveDuplicates().contains("pickle-scanner/pickle-imports");
        assertThat(checks.getString("checks.find { it.check == 'pickle-scanner/pickle-imports' }.verdict")).isEqualTo("FAIL");

        assertThat(app.as(token).get("/api/models/" + id).then().statusCode(200).extract().jsonPath()
                .getString("cardData.license")).isEqualTo("mit");

        JsonPath audit = poll(app, token, "/api/v1/audit?target=" + id + "@*&action=ref.",
                json -> json.getList("events").size() >= 2, "the ref events of " + id);
        assertThat(audit.getList("events.action")).containsExactly("ref.updated", "ref.created");
        assertThat(audit.getString("events[0].after.commit")).isEqualTo(commit);
    }

    /**
     * Uploads the pickle through the LFS batch API, then clones the repository with git (JGit, over smart HTTP),
     * commits the card and the pickle as an LFS pointer, and pushes; returns the pushed commit.
     */
    private static String pushLfsPickle(StoaProcess app, String token, String name, int run, Path clone) throws Exception {
        String oid = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(PICKLE));
        JsonPath batch = app.as(token).contentType("application/vnd.git-lfs+json").accept("application/vnd.git-lfs+json")
                .body(Map.of("operation", "upload", "transfers", List.of("basic"),
                        "objects", List.of(Map.of("oid", oid, "size", PICKLE.length))))
                .post("/admin/" + name + ".git/info/lfs/objects/batch").then().statusCode(200).extract().jsonPath();
        String upload = batch.getString("objects[0].actions.upload.href");
        if (upload != null) { // none when Stoa holds the object already (an earlier run's push)
            Map<String, String> headers = batch.getMap("objects[0].actions.upload.header");
            given().headers(headers == null ? Map.of() : headers).body(PICKLE).put(upload).then().statusCode(200);
        }

        CredentialsProvider credentials = new UsernamePasswordCredentialsProvider("admin", token);
        try (Git git = Git.cloneRepository().setURI(app.baseUri() + "/admin/" + name + ".git")
                .setDirectory(clone.toFile()).setCredentialsProvider(credentials).call()) {
            Files.writeString(clone.resolve(".gitattributes"), "*.pkl filter=lfs diff=lfs merge=lfs -text\n");
            Files.writeString(clone.resolve("model.pkl"),
                    "version https://git-lfs.github.com/spec/v1\noid sha256:" + oid + "\nsize " + PICKLE.length + "\n");
            Files.writeString(clone.resolve("README.md"), card(run));
            git.add().addFilepattern(".").call();
            String commit = git.commit().setMessage("A pickle, pushed").setAuthor("admin", "admin@example.org").call().getName();
            // A git-lfs installed on this machine put its pre-push hook into the clone (its filters ran on add); it
            // would upload the object again and ask for credentials. The object went through the batch API above.
            try (var hooks = Files.list(clone.resolve(".git").resolve("hooks"))) {
                for (Path hook : hooks.toList()) {
                    Files.delete(hook);
                }
            }
            for (PushResult result : git.push().setCredentialsProvider(credentials).setRefSpecs(new RefSpec("HEAD:refs/heads/main")).call()) {
                for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                    assertThat(update.getStatus()).as("push of " + name + ": " + update.getMessage()).isEqualTo(RemoteRefUpdate.Status.OK);
                }
            }
            return commit;
        }
    }

    private static String card(int run) {
        return "---\nlicense: mit\n---\n# Crash " + run + "\n";
    }

    private static String pickleCommit(int run) {
        return TestRepos.ndjson("A pickle").file("model.pkl", PICKLE).file("README.md", card(run)).toString();
    }

    private static JsonPath poll(StoaProcess app, String token, String path, java.util.function.Predicate<JsonPath> done,
                                 String what) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        JsonPath last = null;
        while (System.nanoTime() < deadline) {
            last = app.as(token).get(path).then().statusCode(200).extract().jsonPath();
            if (done.test(last)) {
                return last;
            }
            pause(Duration.ofMillis(250));
        }
        throw new AssertionError("No " + what + " within " + SETTLE.toSeconds() + " s of the restart; last answer: "
                + Optional.ofNullable(last).map(JsonPath::prettify).orElse("none") + "\n" + app.log());
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
