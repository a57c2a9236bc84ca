package dev.stoa.hub.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The S3 server of in-JVM tests: an {@link S3ProxyProcess} with its data in a temporary folder, shared by
 * every test of the JVM so that it starts once (about a second).
 *
 * <pre>{@code
 * S3ProxyServer s3 = S3ProxyServer.shared();   // started on first use, stopped when the JVM exits
 * s3.endpoint(); s3.accessKey(); s3.secretKey();
 * }</pre>
 * Give each test class a fresh random bucket. In a {@code @QuarkusTest}, {@link S3ProxyTestResource} points
 * Stoa's storage settings at the shared server. {@link #start()} gives a private server to close yourself.
 */
public final class S3ProxyServer implements AutoCloseable {

    private static S3ProxyServer shared;

    private final Path folder;
    private final S3ProxyProcess process;

    private S3ProxyServer(Path folder, S3ProxyProcess process) {
        this.folder = folder;
        this.process = process;
        ChildProcesses.killAtExit(this, this::close);
    }

    /** The server shared by every test of this JVM, started on first use; do not close it. */
    public static synchronized S3ProxyServer shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /** Starts a private server and waits until it answers; the caller closes it. */
    public static S3ProxyServer start() {
        try {
            Path folder = Files.createTempDirectory("stoa-s3proxy-");
            return new S3ProxyServer(folder, S3ProxyProcess.start(folder));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a folder for S3Proxy", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String endpoint() {
        return process.endpoint();
    }

    public String accessKey() {
        return process.accessKey();
    }

    public String secretKey() {
        return process.secretKey();
    }

    /** Whether the bucket exists, read from the server's disk: an answer that does not depend on the S3 API. */
    public boolean bucketExists(String bucket) {
        return Files.isDirectory(folder.resolve("blobs").resolve(bucket));
    }

    /** Stops the server and deletes its data. */
    @Override
    public void close() {
        process.close();
        ChildProcesses.forget(this);
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A temporary folder left behind is harmless.
        }
    }
}
