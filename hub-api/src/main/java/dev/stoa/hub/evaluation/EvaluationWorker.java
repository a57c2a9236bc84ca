package dev.stoa.hub.evaluation;

import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.inference.WorkFolders;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Works through the evaluation queue on threads of its own (never a request's): each thread claims the oldest queued
 * run in the database — so every replica shares one queue — and runs it. A run whose replica died (no heartbeat for
 * {@code stoa.evaluations.stale-after}) is queued again and starts over; a replica that stops gives its runs back at
 * once.
 */
@ApplicationScoped
class EvaluationWorker {

    private static final Logger LOG = Logger.getLogger(EvaluationWorker.class);

    private final EvaluationStore store;
    private final Instance<EvaluationExecution> execution;
    private final StoaConfig.Evaluations config;
    private final java.nio.file.Path workRoot;
    private final String name = "replica-" + UUID.randomUUID().toString().substring(0, 8);
    private final Semaphore wake = new Semaphore(0);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    EvaluationWorker(EvaluationStore store, Instance<EvaluationExecution> execution, StoaConfig config) {
        this.store = store;
        this.execution = execution;
        this.config = config.evaluations();
        this.workRoot = EvaluationExecution.workRoot(config);
    }

    void start(@Observes StartupEvent started) {
        // Nothing runs here yet: folders left by runs a killed process had (queued again since) can go.
        WorkFolders.removeLeftovers(workRoot);
        running = true;
        for (int i = 1; i <= config.workers(); i++) {
            threads.add(Thread.ofPlatform().name("stoa-evaluations-" + i).start(this::work));
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A run was queued here: a free thread takes it now rather than at its next look. */
    void wake() {
        wake.release();
    }

    private void work() {
        Instant nextUpkeep = Instant.MIN;
        while (running) {
            try {
                if (Instant.now().isAfter(nextUpkeep)) {
                    int requeued = store.requeueStale(Instant.now().minus(config.staleAfter()));
                    if (requeued > 0) {
                        LOG.infof("Queued %d evaluation(s) again: their replica stopped reporting", requeued);
                    }
                    nextUpkeep = Instant.now().plus(config.pollInterval().multipliedBy(6));
                }
                Optional<EvaluationRow> run = store.claim(name, Instant.now());
                if (run.isPresent()) {
                    execution.get().run(run.get(), () -> running);
                } else {
                    wake.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("The evaluation worker failed and goes on: %s", e.toString());
                try {
                    Thread.sleep(config.pollInterval().toMillis());
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }
}
