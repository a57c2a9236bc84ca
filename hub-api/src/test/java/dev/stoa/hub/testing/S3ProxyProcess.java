package dev.stoa.hub.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * S3Proxy (a real S3 API over a local folder) as a child process on a free loopback port, with
 * random credentials: the S3 server of the process-level tests.
 */
public final class S3ProxyProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final ProcessLog log;
    private final int port;
    private final String accessKey;
    private final String secretKey;

    private S3ProxyProcess(Process process, ProcessLog log, int port, String accessKey, String secretKey) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        ChildProcesses.killAtExit(this, process::destroyForcibly);
    }

    /** Starts S3Proxy with its configuration and blobs under {@code workDir}, and waits until it answers. */
    public static S3ProxyProcess start(Path workDir) {
        Path jar = ChildProcesses.requiredJar("test.s3proxy.jar",
                "run ./mvnw -pl hub-api verify (its process-test-resources phase copies S3Proxy there)");
        int port = ChildProcesses.freePort();
        String accessKey = "it" + RandomText.lowercase(10);
        String secretKey = RandomText.alphanumeric(32);
        try {
            Path properties = writeProperties(workDir, port, accessKey, secretKey);
            Process process = new ProcessBuilder(ChildProcesses.java(), "-Xmx768m", "-jar", jar.toString(),
                    "--properties", properties.toAbsolutePath().toString())
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .start();
            ProcessLog log = ProcessLog.follow(process, ChildProcesses.logFile(jar, "s3proxy-" + port));
            return new S3ProxyProcess(process, log, port, accessKey, secretKey).awaitReady();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start S3Proxy from " + jar, e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** The environment that points Stoa at this server, with the right credentials. */
    public Map<String, String> stoaSettings(String bucket) {
        return Map.of(
                "STOA_STORAGE_TYPE", "s3",
                "STOA_STORAGE_S3_ENDPOINT", endpoint(),
                "STOA_STORAGE_S3_ACCESS_KEY", accessKey,
                "STOA_STORAGE_S3_SECRET_KEY", secretKey,
                "STOA_STORAGE_S3_BUCKET", bucket);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        ChildProcesses.forget(this);
    }

    private S3ProxyProcess awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(endpoint() + "/")).timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                // Any answer will do: an anonymous request is refused once the server is listening.
                HTTP.send(probe, HttpResponse.BodyHandlers.discarding());
                return this;
            } catch (IOException e) {
                sleep();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new AssertionError("S3Proxy did not answer on " + endpoint() + "\n" + log.tail());
    }

    private static Path writeProperties(Path workDir, int port, String accessKey, String secretKey) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
        properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        properties.setProperty("s3proxy.identity", accessKey);
        properties.setProperty("s3proxy.credential", secretKey);
        properties.setProperty("jclouds.provider", "filesystem");
        properties.setProperty("jclouds.identity", accessKey);
        properties.setProperty("jclouds.credential", secretKey);
        properties.setProperty("jclouds.filesystem.basedir",
                Files.createDirectories(workDir.resolve("blobs")).toAbsolutePath().toString());
        Path file = workDir.resolve("s3proxy.properties");
        try (Writer out = Files.newBufferedWriter(file)) {
            properties.store(out, "S3Proxy for Stoa's integration tests");
        }
        return file;
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
