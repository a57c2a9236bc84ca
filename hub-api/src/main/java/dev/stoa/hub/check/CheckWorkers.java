package dev.stoa.hub.check;

import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.event.EventDispatcher;
import dev.stoa.hub.plugin.PluginCalls;
import dev.stoa.hub.plugin.PluginCheck;
import dev.stoa.hub.plugin.PluginHost;
import dev.stoa.spi.CheckContext;
import dev.stoa.spi.inference.InferenceSession;
import dev.stoa.spi.CheckResult;
import dev.stoa.spi.Revision;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * This replica's check workers: a few threads of their own (never request threads) that claim queued runs,
 * hold them with a heartbeat, call the plugin through the host and store the outcome. A failed attempt (the
 * plugin threw or ran out of time) is retried with backoff up to {@code stoa.checks.max-attempts}, then the
 * run fails with verdict ERROR. A run cancelled or re-run meanwhile loses its lease; the heartbeat notices and
 * interrupts the plugin's call.
 * <p>
 * The workers start once everything else has (plugins, the event stream) and stop claiming before the rest shuts
 * down; a run cut short by the shutdown is given back without counting the attempt. Leases carry this replica's
 * identity (its host and data folder), so a replica restarted after a crash takes its runs back at once instead of
 * waiting for their leases to run out.
 */
@ApplicationScoped
public class CheckWorkers {

    private static final Logger LOG = Logger.getLogger(CheckWorkers.class);
    /** After the plugins and the event stream started. */
    static final int START_PRIORITY = EventDispatcher.START_PRIORITY + 100;
    /** Before everything else stops, the database above all. */
    static final int STOP_PRIORITY = 100;

    private final CheckRuns runs;
    private final CheckQueue queue;
    private final PluginHost plugins;
    private final RevisionViews revisions;
    private final StoaConfig.Checks config;
    private final String owner;
    private final List<Thread> threads = new ArrayList<>();
    private final jakarta.enterprise.inject.Instance<CheckInference> inference;
    private volatile boolean running;
    private ScheduledExecutorService heartbeats;

    CheckWorkers(CheckRuns runs, CheckQueue queue, PluginHost plugins, RevisionViews revisions, StoaConfig config,
            jakarta.enterprise.inject.Instance<CheckInference> inference) {
        this.inference = inference;
        this.runs = runs;
        this.queue = queue;
        this.plugins = plugins;
        this.revisions = revisions;
        this.config = config.checks();
        this.owner = "workers@" + hostName() + ":" + config.dataDir().toAbsolutePath().normalize();
    }

    void start(@Observes @Priority(START_PRIORITY) StartupEvent event) {
        int released = runs.release(owner);
        if (released > 0) {
            LOG.infof("Took back %d check run%s this replica was running when it stopped", released, released == 1 ? "" : "s");
        }
        if (config.workers() <= 0) {
            return;
        }
        running = true;
        heartbeats = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "stoa-check-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 1; i <= config.workers(); i++) {
            Thread thread = new Thread(this::work, "stoa-check-worker-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Before the database and the plugins go: no new claims, runs in progress given back. */
    void stop(@Observes @Priority(STOP_PRIORITY) ShutdownEvent event) {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (heartbeats != null) {
            heartbeats.shutdownNow();
        }
        try {
            runs.release(owner);
        } catch (RuntimeException e) {
            LOG.debugf("Could not give back the check runs of %s: %s", owner, e.getMessage());
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private void work() {
        while (running) {
            try {
                Optional<CheckRuns.Claimed> claimed = runs.claim(owner, config.lease());
                if (claimed.isPresent()) {
                    ManagedContext context = Arc.container().requestContext();
                    context.activate(); // the repository and card services read through Hibernate
                    try {
                        execute(claimed.get());
                    } finally {
                        context.terminate();
                    }
                } else {
                    queue.awaitWork(config.pollInterval().toMillis());
                }
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "A check worker failed; it goes on after a pause");
                pause();
            } finally {
                Thread.interrupted(); // a cancelled run's interrupt must not reach the next one
            }
        }
    }

    private void execute(CheckRuns.Claimed run) {
        Optional<PluginCheck> check = plugins.enabledCheck(run.check());
        if (check.isEmpty()) {
            finish(run, () -> runs.fail(run.id(), owner, "The check " + run.check() + " is not available: its plugin is disabled,"
                    + " refused or no longer installed.", Integer.MAX_VALUE, 1, Duration.ZERO));
            return;
        }
        if (run.attempts() > config.maxAttempts()) {
            finish(run, () -> runs.fail(run.id(), owner, "Its worker stopped while running it " + config.maxAttempts() + " times.",
                    run.attempts(), config.maxAttempts(), Duration.ZERO));
            return;
        }
        Thread worker = Thread.currentThread();
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(() -> {
            try {
                if (!runs.renew(run.id(), owner, config.lease())) {
                    worker.interrupt();
                }
            } catch (RuntimeException e) {
                LOG.debugf("Renewing the lease of check run %d failed: %s", run.id(), e.getMessage());
            }
        }, config.lease().toMillis() / 3, config.lease().toMillis() / 3, TimeUnit.MILLISECONDS);
        try {
            Optional<Revision> revision = revisions.of(run.repoId(), run.commit());
            if (revision.isEmpty()) {
                runs.drop(run.id(), owner); // the repository is gone
                return;
            }
            if (!plugins.appliesTo(check.get(), revision.get())) {
                runs.drop(run.id(), owner);
                return;
            }
            Instant deadline = Instant.now().plus(check.get().plugin().timeout());
            InferenceForCheck model = new InferenceForCheck(run.repoId(), run.commit());
            CheckResult result;
            try {
                result = plugins.run(check.get(), revision.get(), new CheckContext() {
                    @Override
                    public Instant deadline() {
                        return deadline;
                    }

                    @Override
                    public Optional<InferenceSession> inference() {
                        return model.session();
                    }
                });
            } finally {
                model.close();
            }
            queue.succeeded(run.id(), () -> runs.succeed(run.id(), owner, result));
        } catch (PluginCalls.PluginCallFailed e) {
            if (e.cancelled()) {
                return; // cancelled or re-run: the run is someone else's now
            }
            if (!running) {
                runs.release(run.id(), owner); // cut short by the shutdown: not the check's failure
                return;
            }
            finish(run, () -> runs.fail(run.id(), owner, e.getMessage(), run.attempts(), config.maxAttempts(), config.retryBackoff()));
        } catch (RuntimeException e) {
            // the host's side (reading the revision) failed: an attempt like any other
            finish(run, () -> runs.fail(run.id(), owner, "Stoa could not read the revision: " + e.getMessage(), run.attempts(),
                    config.maxAttempts(), config.retryBackoff()));
        } finally {
            heartbeat.cancel(false);
        }
    }

    /** The session a check asked for, opened on its first call and given back when the check ends. */
    private final class InferenceForCheck {

        private final long repoId;
        private final String commit;
        private Optional<CheckInference.OpenSession> opened;

        InferenceForCheck(long repoId, String commit) {
            this.repoId = repoId;
            this.commit = commit;
        }

        synchronized Optional<InferenceSession> session() {
            if (opened == null) {
                opened = inference.isResolvable() ? inference.get().open(repoId, commit) : Optional.empty();
            }
            return opened.map(CheckInference.OpenSession::session);
        }

        synchronized void close() {
            if (opened != null) {
                opened.ifPresent(CheckInference.OpenSession::close);
            }
        }
    }

    /** Records a failed attempt (announcing the run when it failed for good); a retry wakes the workers. */
    private void finish(CheckRuns.Claimed run, Supplier<Optional<CheckStatus>> fail) {
        if (queue.failed(run.id(), fail).filter(status -> status == CheckStatus.queued).isPresent()) {
            queue.wakeWorkers();
        }
    }

    private void pause() {
        try {
            Thread.sleep(config.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
