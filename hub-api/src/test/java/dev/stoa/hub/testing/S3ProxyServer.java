package dev.stoa.hub.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A real S3 API server for tests: S3Proxy with its file-system backend, run as a child process of the test
 * JVM on a free loopback port, with data in a temporary folder and a random key pair.
 *
 * <pre>{@code
 * S3ProxyServer s3 = S3ProxyServer.shared();   // started once per test JVM, stopped when it exits
 * s3.endpoint(); s3.accessKey(); s3.secretKey();
 * }</pre>
 * In a {@code @QuarkusTest}, {@link S3ProxyTestResource} points Stoa's storage settings at the shared server.
 * Use a fresh random bucket per test class. {@link #start()} gives a private server to close yourself.
 * The jar comes from system property {@value #JAR_PROPERTY}, which Maven sets.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String JAR_PROPERTY = "test.s3proxy.jar";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static S3ProxyServer shared;

    private final Process process;
    private final Path folder;
    private final String endpoint;
    private final String accessKey;
    private final String secretKey;
    private final Thread shutdownHook;

    private S3ProxyServer(Process process, Path folder, String endpoint, String accessKey, String secretKey) {
        this.process = process;
        this.folder = folder;
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.shutdownHook = new Thread(this::stop, "s3proxy-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The server shared by every test of this JVM, started on first use; do not close it. */
    public static synchronized S3ProxyServer shared() {
        if (shared == null || !shared.process.isAlive()) {
            shared = start();
        }
        return shared;
    }

    /** Starts a private server and waits until it answers; the caller closes it. */
    public static S3ProxyServer start() {
        Path jar = jar();
        try {
            Path folder = Files.createTempDirectory("stoa-s3proxy-");
            int port = freePort();
            String endpoint = "http://127.0.0.1:" + port;
            String accessKey = "test-" + randomHex(8);
            String secretKey = randomHex(20);
            Path properties = writeProperties(folder, endpoint, accessKey, secretKey);
            Path log = folder.resolve("s3proxy.log");
            Process process = new ProcessBuilder(javaCommand(), "-Xmx768m", "-jar", jar.toString(),
                    "--properties", properties.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            S3ProxyServer server = new S3ProxyServer(process, folder, endpoint, accessKey, secretKey);
            server.awaitAnswer(log);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start S3Proxy from " + jar, e);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String endpoint() {
        return endpoint;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** Whether the bucket exists, read from the server's disk: an answer that does not depend on the S3 API. */
    public boolean bucketExists(String bucket) {
        return Files.isDirectory(folder.resolve("data").resolve(bucket));
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and runs the hook itself.
        }
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteRecursively(folder);
    }

    private void awaitAnswer(Path log) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            HttpRequest probe = HttpRequest.newBuilder(URI.create(endpoint + "/")).timeout(Duration.ofSeconds(2)).build();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw failure("S3Proxy exited with status " + process.exitValue(), log);
                }
                try {
                    http.send(probe, HttpResponse.BodyHandlers.discarding());
                    return; // Any answer, even 403 to an anonymous request, means it serves.
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw failure("S3Proxy did not answer at " + endpoint + " within " + START_TIMEOUT.toSeconds() + " s", log);
    }

    private IllegalStateException failure(String what, Path log) throws IOException {
        String output = Files.exists(log) ? Files.readString(log) : "(no output)";
        close();
        return new IllegalStateException(what + ". Its output:\n" + output);
    }

    private static Path jar() {
        String property = System.getProperty(JAR_PROPERTY);
        if (property == null || !Files.isRegularFile(Path.of(property))) {
            throw new IllegalStateException("The S3Proxy jar is missing (system property " + JAR_PROPERTY + " = "
                    + property + "). Maven copies it to hub-api/target/test-services/s3proxy.jar in the"
                    + " process-test-resources phase: run the tests through ./mvnw, or run"
                    + " `./mvnw -pl hub-api process-test-resources` once and pass"
                    + " -D" + JAR_PROPERTY + "=<that path> to the test JVM.");
        }
        return Path.of(property);
    }

    private static Path writeProperties(Path folder, String endpoint, String accessKey, String secretKey)
            throws IOException {
        Path data = Files.createDirectory(folder.resolve("data"));
        Properties properties = new Properties();
        properties.setProperty("s3proxy.endpoint", endpoint);
        properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        properties.setProperty("s3proxy.identity", accessKey);
        properties.setProperty("s3proxy.credential", secretKey);
        properties.setProperty("jclouds.provider", "filesystem");
        properties.setProperty("jclouds.identity", accessKey);
        properties.setProperty("jclouds.credential", secretKey);
        properties.setProperty("jclouds.filesystem.basedir", data.toString());
        Path file = folder.resolve("s3proxy.properties");
        try (Writer out = Files.newBufferedWriter(file)) {
            properties.store(out, "S3Proxy for Stoa's tests");
        }
        return file;
    }

    /** The java binary running this JVM, so the server needs no other JDK on the path. */
    private static String javaCommand() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static void deleteRecursively(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A temporary folder left behind is harmless.
        }
    }
}
