package dev.stoa.hub.db;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The embedded PostgreSQL that a Stoa killed without warning (SIGKILL, the OOM killer) leaves running: {@code pg_ctl}
 * detaches the server, so it outlives the JVM and holds its data folder, and the next start would fail. Called with
 * the data folder's lock held, so no live Stoa uses that server any more: it is shut down (its clients died with their
 * process), and killed only when it will not go.
 */
final class OrphanedPostmaster {

    private static final Logger LOG = Logger.getLogger(OrphanedPostmaster.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    private OrphanedPostmaster() {
    }

    /** Stops the server recorded in {@code pgData/postmaster.pid} when it is still running on that folder. */
    static void stopIfRunning(Path pgData) {
        find(pgData).ifPresent(postmaster -> {
            LOG.warnf("The embedded PostgreSQL of %s (pid %d) is still running, left behind by a Stoa that did not shut"
                    + " down; stopping it before starting a new one.", pgData, postmaster.pid());
            // SIGTERM: a smart shutdown, which completes at once since the sessions of the dead Stoa are gone.
            postmaster.destroy();
            if (!waitForExit(postmaster, SHUTDOWN_WAIT)) {
                LOG.warnf("PostgreSQL (pid %d) did not stop within %d s; killing it (it recovers from its log on the next"
                        + " start).", postmaster.pid(), SHUTDOWN_WAIT.toSeconds());
                postmaster.destroyForcibly();
                waitForExit(postmaster, SHUTDOWN_WAIT);
            }
        });
    }

    /** The live postmaster of this data folder, according to its pid file; empty for none or a stale file. */
    private static Optional<ProcessHandle> find(Path pgData) {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + pidFile, e);
        }
        if (lines.size() < 2 || !lines.get(0).strip().matches("[0-9]{1,10}")
                || !Path.of(lines.get(1).strip()).toAbsolutePath().normalize().equals(pgData)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(command -> command.endsWith("/postgres")).orElse(false));
    }

    private static boolean waitForExit(ProcessHandle process, Duration wait) {
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
