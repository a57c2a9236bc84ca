package dev.stoa.hub.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Keycloak for the single sign-on tests: the server distribution unpacked under {@code target} by the
 * build, built once ({@code kc.sh build}) and started optimised on loopback with the test realms imported.
 * One server per test JVM, started by the first test that needs it; it runs in its own process group and is
 * stopped with the group, by the test resource or, at the latest, when the JVM exits.
 */
public final class KeycloakServer {

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "kc-admin-" + RandomText.alphanumeric(12);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final List<String> REALMS = List.of("stoa-realm.json", "other-realm.json");
    /** Build-time options: one node with local caches and an in-memory database, fresh on every start. */
    private static final List<String> BUILD_OPTIONS = List.of("--health-enabled=true", "--cache=local", "--db=dev-mem");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static KeycloakServer running;

    private final Process process;
    private final ProcessLog log;
    private final int port;
    private final int managementPort;
    /** Seconds from launch to ready, and for the one-time build step (0 when it was already built). */
    private final double startSeconds;
    private final double buildSeconds;

    private KeycloakServer(Process process, ProcessLog log, int port, int managementPort, double buildSeconds,
                           double startSeconds) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.managementPort = managementPort;
        this.buildSeconds = buildSeconds;
        this.startSeconds = startSeconds;
    }

    /** The running server, starting it on first use. */
    public static synchronized KeycloakServer shared() {
        if (running == null || !running.process.isAlive()) {
            running = start();
        }
        return running;
    }

    /** Stops the shared server, if one runs. */
    public static synchronized void stopShared() {
        if (running != null) {
            running.stop();
            running = null;
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String issuer(String realm) {
        return url() + "/realms/" + realm;
    }

    public double startSeconds() {
        return startSeconds;
    }

    public double buildSeconds() {
        return buildSeconds;
    }

    private static KeycloakServer start() {
        Path home = home();
        double buildSeconds = buildOnce(home);
        int port = ChildProcesses.freePort();
        int managementPort = ChildProcesses.freePort();
        try {
            deleteRecursively(home.resolve("data"));
            Path imports = Files.createDirectories(home.resolve("data/import"));
            for (String realm : REALMS) {
                try (InputStream in = KeycloakServer.class.getResourceAsStream("/keycloak/" + realm)) {
                    Files.copy(in, imports.resolve(realm), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            long launched = System.nanoTime();
            ProcessBuilder builder = new ProcessBuilder("setsid", home.resolve("bin/kc.sh").toString(), "start",
                    "--optimized", "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + port,
                    "--http-management-port=" + managementPort, "--hostname=http://127.0.0.1:" + port,
                    "--import-realm")
                    .directory(home.toFile())
                    .redirectErrorStream(true);
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            // A test server lives for minutes: the quick compiler alone starts it about a third faster.
            builder.environment().put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            Process process = builder.start();
            ProcessLog log = ProcessLog.follow(process, logDir(home).resolve("keycloak-" + port + ".log"));
            ChildProcesses.killAtExit(KeycloakServer.class, () -> killGroup(process));
            awaitReady(process, log, managementPort);
            double startSeconds = (System.nanoTime() - launched) / 1e9;
            KeycloakServer server = new KeycloakServer(process, log, port, managementPort, buildSeconds, startSeconds);
            String figures = String.format("Keycloak ready in %.1f s (one-time build step: %.1f s)%n", startSeconds,
                    buildSeconds);
            System.out.print(figures);
            Files.writeString(logDir(home).resolve("keycloak-startup.txt"), figures);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Keycloak from " + home, e);
        }
    }

    private void stop() {
        killGroup(process);
        ChildProcesses.forget(KeycloakServer.class);
        log.drain();
    }

    /** Stops kc.sh and the Java server it started: the whole process group that setsid made. */
    private static void killGroup(Process process) {
        if (!process.isAlive()) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-TERM", "--", "-" + process.pid()).start().waitFor(5, TimeUnit.SECONDS);
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid()).start().waitFor(5, TimeUnit.SECONDS);
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static Path home() {
        String value = System.getProperty("test.keycloak.home");
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property test.keycloak.home is not set: run the tests through"
                    + " Maven (./mvnw -pl hub-api test), which unpacks Keycloak and sets it.");
        }
        Path home = Path.of(value).toAbsolutePath();
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException(home + " holds no Keycloak: run ./mvnw -pl hub-api process-test-resources.");
        }
        return home;
    }

    /** {@code kc.sh build} once per unpacked distribution: later starts skip Quarkus's build step. */
    private static double buildOnce(Path home) {
        Path marker = home.resolve(".stoa-built");
        String options = String.join(" ", BUILD_OPTIONS);
        try {
            if (Files.exists(marker) && Files.readString(marker).strip().equals(options)) {
                return 0;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long began = System.nanoTime();
        try {
            List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
            command.addAll(BUILD_OPTIONS);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true);
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process process = builder.start();
            ProcessLog log = ProcessLog.follow(process, logDir(home).resolve("keycloak-build.log"));
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                log.drain();
                throw new AssertionError("kc.sh build failed\n" + log.tail());
            }
            Files.writeString(marker, options + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return (System.nanoTime() - began) / 1e9;
    }

    private static void awaitReady(Process process, ProcessLog log, int managementPort) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        killGroup(process);
        log.drain();
        throw new AssertionError("Keycloak did not become ready\n" + log.tail());
    }

    private static Path logDir(Path home) {
        // home is target/test-services/keycloak-<version>
        return home.getParent().getParent().resolve("it-logs");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
