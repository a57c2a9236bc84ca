package dev.stoa.hub.testing;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged app ({@code quarkus-run.jar}) run as a child process, the way an operator runs it:
 * its own data folder, a free loopback port, configuration through environment variables only.
 */
public final class StoaProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(35);
    /** The exit code of a JVM that ran its shutdown hooks after SIGTERM (128 + 15). */
    private static final int EXIT_ON_SIGTERM = 143;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final ProcessLog log;
    private final Path dataDir;
    private final int port;
    private final long startedAt;
    private final Instant processStart;
    private Duration startUpTime;
    private boolean crashed;

    /** What a process that ended left behind. */
    public record Exit(int code, String log) {
    }

    private StoaProcess(Process process, ProcessLog log, Path dataDir, int port, long startedAt) {
        this.process = process;
        this.log = log;
        this.dataDir = dataDir;
        this.port = port;
        this.startedAt = startedAt;
        this.processStart = process.info().startInstant().orElseGet(Instant::now);
        ChildProcesses.killAtExit(this, this::kill);
    }

    /** Starts Stoa on {@code dataDir} with {@code env} added to a clean environment; does not wait. */
    public static StoaProcess start(Path dataDir, Map<String, String> env) {
        return start(ChildProcesses.requiredJar("test.app.jar",
                "build the app first with ./mvnw install -DskipTests (./mvnw verify also packages it before the integration tests)"),
                dataDir, env);
    }

    /** Starts the app from {@code jar} (a {@code quarkus-run.jar} beside its {@code lib/}, {@code app/}, {@code quarkus/}). */
    public static StoaProcess start(Path jar, Path dataDir, Map<String, String> env) {
        int port = ChildProcesses.freePort();
        try {
            Files.createDirectories(dataDir);
            ProcessBuilder builder = new ProcessBuilder(ChildProcesses.java(), "--add-modules", "jdk.incubator.vector", "-jar", jar.toString())
                    .directory(dataDir.toFile())
                    .redirectErrorStream(true);
            Map<String, String> environment = builder.environment();
            // The developer's own Stoa or Quarkus settings must not leak into the app under test.
            environment.keySet().removeIf(name -> name.startsWith("STOA_") || name.startsWith("QUARKUS_"));
            environment.put("STOA_DATA_DIR", dataDir.toAbsolutePath().toString());
            environment.put("QUARKUS_HTTP_HOST", "127.0.0.1");
            environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            // Links Stoa hands out (LFS transfer URLs, Link headers) must reach this process.
            environment.put("STOA_BASE_URL", "http://127.0.0.1:" + port);
            environment.putAll(env);
            long startedAt = System.nanoTime();
            Process process = builder.start();
            ProcessLog log = ProcessLog.follow(process, ChildProcesses.logFile(jar, "stoa-" + port));
            System.out.println("Stoa (pid " + process.pid() + ") on port " + port + ", log in " + log.file());
            return new StoaProcess(process, log, dataDir, port, startedAt);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + jar, e);
        }
    }

    /** A request to this Stoa with {@code token} as its Bearer credential. */
    public RequestSpecification as(String token) {
        return RestAssured.given().baseUri(baseUri().toString()).auth().oauth2(token);
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public String log() {
        return log.text();
    }

    /** From process start to the first UP answer of the readiness check; set by {@link #awaitReady()}. */
    public Duration startUpTime() {
        return startUpTime;
    }

    /** Waits until {@code /q/health/ready} answers UP; fails with the log if Stoa exits or takes too long. */
    public StoaProcess awaitReady() {
        long deadline = startedAt + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                log.drain();
                throw new AssertionError("Stoa exited with code " + process.exitValue()
                        + " before it became ready\n" + log.tail());
            }
            if (isReady()) {
                startUpTime = Duration.ofNanos(System.nanoTime() - startedAt);
                return this;
            }
            pause();
        }
        kill();
        throw new AssertionError("Stoa was not ready on " + baseUri() + " within " + READY_TIMEOUT.toSeconds()
                + " s\n" + log.tail());
    }

    /** For a start that must fail: waits for the exit, and fails if Stoa becomes ready or never exits. */
    public Exit awaitExit(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (waitFor(Duration.ofMillis(250))) {
                return ended();
            }
            if (isReady()) {
                kill();
                throw new AssertionError("Stoa became ready, but it should have refused to start\n" + log.tail());
            }
        }
        kill();
        throw new AssertionError("Stoa did not exit within " + timeout.toSeconds() + " s\n" + log.tail());
    }

    /**
     * Kills the JVM with SIGKILL, as the OOM killer or a node failure would, and nothing else: its embedded PostgreSQL
     * (detached by {@code pg_ctl}) keeps running, as it would in production. Returns that server, if there is one.
     */
    public Optional<ProcessHandle> crash() {
        Optional<ProcessHandle> postgres = embeddedPostgres();
        crashed = true;
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
        log.drain();
        ChildProcesses.forget(this);
        return postgres;
    }

    /**
     * Kills the JVM and its embedded PostgreSQL (the server and every backend) with SIGKILL at the same moment, as an
     * OOM kill of the whole pod or a power cut would. Only what PostgreSQL had written to its WAL survives.
     */
    public void crashWithDatabase() {
        List<ProcessHandle> database = embeddedPostgres()
                .map(postgres -> Stream.concat(Stream.of(postgres), postgres.descendants()).toList())
                .orElse(List.of());
        crashed = true;
        process.destroyForcibly();
        database.forEach(ProcessHandle::destroyForcibly);
        waitFor(Duration.ofSeconds(10));
        for (ProcessHandle server : database) {
            server.onExit().orTimeout(10, TimeUnit.SECONDS).join();
        }
        log.drain();
        ChildProcesses.forget(this);
    }

    /** Sends SIGTERM and checks that Stoa shuts down gracefully, its embedded PostgreSQL included. */
    public Exit stop() {
        process.destroy();
        if (!waitFor(STOP_TIMEOUT)) {
            kill();
            throw new AssertionError("Stoa did not stop within " + STOP_TIMEOUT.toSeconds() + " s of SIGTERM\n"
                    + log.tail());
        }
        Exit exit = ended();
        if (exit.code() != 0 && exit.code() != EXIT_ON_SIGTERM) {
            throw new AssertionError("Stoa exited with code " + exit.code() + " on SIGTERM\n" + log.tail());
        }
        return exit;
    }

    /** Stops whatever is still running, gracefully if it can; never throws, so a failing test keeps its cause. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            waitFor(STOP_TIMEOUT);
        }
        kill();
    }

    /** Collects the exit of a process that has ended, and checks that it took its PostgreSQL with it. */
    private Exit ended() {
        log.drain();
        Optional<ProcessHandle> postgres = embeddedPostgres();
        kill();
        if (postgres.isPresent()) {
            throw new AssertionError("Stoa exited but left its embedded PostgreSQL (pid " + postgres.get().pid()
                    + ") running\n" + log.tail());
        }
        return new Exit(process.exitValue(), log.text());
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(5));
        // pg_ctl detaches the postmaster, so it is no descendant of the JVM: find it by its pid file. After a crash it
        // is left for the test, which runs the next Stoa on it.
        if (!crashed) {
            embeddedPostgres().ifPresent(ProcessHandle::destroy);
        }
        ChildProcesses.forget(this);
    }

    /** The embedded PostgreSQL this process started: that of its data folder, if it started after this process. */
    private Optional<ProcessHandle> embeddedPostgres() {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().orElse("").contains("postgres"))
                    .filter(p -> !p.info().startInstant().orElse(Instant.MAX).isBefore(processStart));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private boolean isReady() {
        HttpRequest request = HttpRequest.newBuilder(baseUri().resolve("/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for Stoa", e);
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for Stoa", e);
        }
    }
}
