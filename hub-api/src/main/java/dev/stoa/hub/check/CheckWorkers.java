package dev.stoa.hub.check;

import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.plugin.PluginCalls;
import dev.stoa.hub.plugin.PluginCheck;
import dev.stoa.hub.plugin.PluginHost;
import dev.stoa.spi.CheckContext;
import dev.stoa.spi.CheckResult;
import dev.stoa.spi.Revision;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * This replica's check workers: a few threads of their own (never request threads) that claim queued runs,
 * hold them with a heartbeat, call the plugin through the host and store the outcome. A failed attempt (the
 * plugin threw or ran out of time) is retried with backoff up to {@code stoa.checks.max-attempts}, then the
 * run fails with verdict ERROR. A run cancelled or re-run meanwhile loses its lease; the heartbeat notices and
 * interrupts the plugin's call.
 */
@ApplicationScoped
public class CheckWorkers {

    private static final Logger LOG = Logger.getLogger(CheckWorkers.class);

    private final CheckRuns runs;
    private final CheckQueue queue;
    private final PluginHost plugins;
    private final RevisionViews revisions;
    private final StoaConfig.Checks config;
    private final String owner = "worker-" + UUID.randomUUID();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private ScheduledExecutorService heartbeats;

    CheckWorkers(CheckRuns runs, CheckQueue queue, PluginHost plugins, RevisionViews revisions, StoaConfig config) {
        this.runs = runs;
        this.queue = queue;
        this.plugins = plugins;
        this.revisions = revisions;
        this.config = config.checks();
    }

    void start(@Observes StartupEvent event) {
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

    void stop(@Observes ShutdownEvent event) {
        running = false;
        threads.forEach(Thread::interrupt);
        if (heartbeats != null) {
            heartbeats.shutdownNow();
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
        runs.find(run.id()).ifPresent(queue::fire);
        Optional<PluginCheck> check = plugins.enabledCheck(run.check());
        if (check.isEmpty()) {
            finish(run, runs.fail(run.id(), owner, "The check " + run.check() + " is not available: its plugin is disabled,"
                    + " refused or no longer installed.", Integer.MAX_VALUE, 1, Duration.ZERO));
            return;
        }
        if (run.attempts() > config.maxAttempts()) {
            finish(run, runs.fail(run.id(), owner, "Its worker stopped while running it " + config.maxAttempts() + " times.",
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
            CheckResult result = plugins.run(check.get(), revision.get(), new CheckContext() {
                @Override
                public Instant deadline() {
                    return deadline;
                }
            });
            if (runs.succeed(run.id(), owner, result)) {
                runs.find(run.id()).ifPresent(queue::fire);
            }
        } catch (PluginCalls.PluginCallFailed e) {
            if (e.cancelled()) {
                return; // cancelled or re-run: the run is someone else's now
            }
            finish(run, runs.fail(run.id(), owner, e.getMessage(), run.attempts(), config.maxAttempts(), config.retryBackoff()));
        } catch (RuntimeException e) {
            // the host's side (reading the revision) failed: an attempt like any other
            finish(run, runs.fail(run.id(), owner, "Stoa could not read the revision: " + e.getMessage(), run.attempts(),
                    config.maxAttempts(), config.retryBackoff()));
        } finally {
            heartbeat.cancel(false);
        }
    }

    private void finish(CheckRuns.Claimed run, Optional<CheckStatus> status) {
        if (status.isPresent()) {
            runs.find(run.id()).ifPresent(queue::fire);
            if (status.get() == CheckStatus.queued) {
                queue.wakeWorkers();
            }
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
