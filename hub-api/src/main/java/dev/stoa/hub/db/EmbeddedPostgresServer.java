package dev.stoa.hub.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The embedded PostgreSQL of the default mode: real PostgreSQL binaries (shipped in a Maven artifact),
 * one server per process, data kept under {@code <data-dir>/postgres} across restarts.
 * <p>
 * It is as durable as a production server: fsync and synchronous commit on (the library's defaults turn both off),
 * so a commit Stoa acknowledged survives a power cut. The data folder is locked for this process
 * ({@link DataFolderLock}), and a server left running by a Stoa that was killed is stopped first
 * ({@link OrphanedPostmaster}): a restart after a crash needs no manual step.
 */
public final class EmbeddedPostgresServer {

    static final String USER = "postgres";
    static final String PASSWORD = "postgres";
    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class);

    private static EmbeddedPostgres running;
    private static Path runningDir;
    private static boolean stopHookAdded;

    private EmbeddedPostgresServer() {
    }

    /** The JDBC URL of a running embedded server. */
    public record Handle(String jdbcUrl) {
    }

    static synchronized Handle start(Path dataDir) {
        Path folder = dataDir.toAbsolutePath().normalize();
        Path pgData = folder.resolve("postgres");
        if (running != null && pgData.equals(runningDir)) {
            return new Handle(running.getJdbcUrl(USER, "postgres"));
        }
        stop();
        DataFolderLock.acquire(folder);
        OrphanedPostmaster.stopIfRunning(pgData);
        try {
            Files.createDirectories(pgData);
            Path runtime = Files.createDirectories(folder.resolve(".postgres-runtime"));
            long started = System.nanoTime();
            running = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(runtime.toFile())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "100")
                    // After the library's own -F: the last setting wins.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .start();
            runningDir = pgData;
            if (!stopHookAdded) {
                // Dev mode restarts the application in one JVM: one hook covers every server it starts.
                Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgresServer::stop, "stoa-embedded-postgres-stop"));
                stopHookAdded = true;
            }
            LOG.infof("Embedded PostgreSQL started on port %d with data in %s (%d ms)",
                    running.getPort(), pgData, Duration.ofNanos(System.nanoTime() - started).toMillis());
            return new Handle(running.getJdbcUrl(USER, "postgres"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + pgData
                    + " (set STOA_DATA_DIR to a writable folder, or STOA_DB_URL to use an external PostgreSQL): "
                    + e.getMessage(), e);
        }
    }

    /** Stops the embedded server if this process started one; safe to call more than once. */
    public static synchronized void stop() {
        if (running == null) {
            return;
        }
        try {
            running.close();
            LOG.info("Embedded PostgreSQL stopped");
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        } finally {
            running = null;
            runningDir = null;
            // The server is down: another application in this JVM (a test profile, a dev-mode restart) may take over.
            DataFolderLock.release();
        }
    }
}
