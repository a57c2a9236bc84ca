package dev.stoa.hub.check;

import dev.stoa.hub.db.AfterCommit;
import dev.stoa.hub.event.EventConsumer;
import dev.stoa.hub.event.Outbox;
import dev.stoa.hub.event.OutboxEvent;
import dev.stoa.hub.git.RevisionPublished;
import dev.stoa.hub.plugin.PluginCheck;
import dev.stoa.hub.plugin.PluginHost;
import dev.stoa.hub.repo.Refs;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Puts check runs in the queue: one per enabled check for every new commit on a branch (or pull request), and
 * again on demand; cancels them. A run that finishes (here by cancelling, or in a worker) is announced as a
 * {@link CheckRunFinished} in the transaction that stores its outcome. Enqueueing wakes this replica's workers.
 */
@ApplicationScoped
public class CheckQueue implements EventConsumer {

    private final CheckRuns runs;
    private final PluginHost plugins;
    private final Outbox outbox;
    private final TransactionSynchronizationRegistry transactions;
    private final Semaphore wake = new Semaphore(0);

    CheckQueue(CheckRuns runs, PluginHost plugins, Outbox outbox, TransactionSynchronizationRegistry transactions) {
        this.runs = runs;
        this.plugins = plugins;
        this.outbox = outbox;
        this.transactions = transactions;
    }

    @Override
    public String name() {
        return "check-runs";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(RevisionPublished.TYPE);
    }

    /** Enqueues the checks of a new commit on a branch or pull request; a repeated event enqueues nothing twice. */
    @Override
    public void handle(OutboxEvent event) {
        RevisionPublished published = event.payload(RevisionPublished.class);
        if (published.newCommit().isPresent() && !published.ref().startsWith(Refs.TAGS)) {
            enqueue(published.repoId(), published.newCommit().get());
        }
    }

    /** Enqueues the enabled checks not yet run on the commit; returns how many were added. */
    public int enqueue(long repoId, String commit) {
        List<PluginCheck> checks = plugins.enabledChecks();
        if (checks.isEmpty()) {
            return 0;
        }
        Map<String, String> pluginByCheck = new LinkedHashMap<>();
        checks.forEach(c -> pluginByCheck.put(c.fullName(), c.plugin().id()));
        List<Long> ids = runs.enqueue(repoId, commit, pluginByCheck);
        if (!ids.isEmpty()) {
            wakeWorkers();
        }
        return ids.size();
    }

    /** Runs the commit's checks (or one) again from the start, and enqueues enabled checks that never ran. */
    public List<CheckRunView> rerun(long repoId, String commit, Optional<String> check) {
        if (check.isEmpty()) {
            enqueue(repoId, commit);
        } else {
            plugins.enabledCheck(check.get()).ifPresent(c -> runs.enqueue(repoId, commit, Map.of(c.fullName(), c.plugin().id())));
        }
        runs.requeue(repoId, commit, check);
        wakeWorkers();
        return runs.list(repoId, commit).stream().filter(r -> check.isEmpty() || r.check().equals(check.get())).toList();
    }

    /** Cancels a queued or running run; empty when it already finished. */
    public Optional<CheckRunView> cancel(long repoId, long id) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            Optional<CheckRunView> cancelled = runs.cancel(repoId, id);
            cancelled.ifPresent(this::announceFinished);
            return cancelled;
        });
    }

    /** Stores a worker's result with {@code succeed} and announces the finished run, in one transaction. */
    void succeeded(long id, BooleanSupplier succeed) {
        QuarkusTransaction.joiningExisting().run(() -> {
            if (succeed.getAsBoolean()) {
                runs.find(id).ifPresent(this::announceFinished);
            }
        });
    }

    /**
     * Stores a failed attempt with {@code fail} and, when it was the last one (the run failed for good), announces the
     * run, in one transaction; returns where the run stands (empty when it was no longer the worker's).
     */
    Optional<CheckStatus> failed(long id, Supplier<Optional<CheckStatus>> fail) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            Optional<CheckStatus> status = fail.get();
            if (status.filter(CheckStatus::isFinished).isPresent()) {
                runs.find(id).ifPresent(this::announceFinished);
            }
            return status;
        });
    }

    private void announceFinished(CheckRunView run) {
        outbox.append(CheckRunFinished.TYPE, run.repoId(), CheckRunFinished.of(run));
    }

    public List<CheckRunView> list(long repoId, String commit) {
        return runs.list(repoId, commit);
    }

    public Optional<CheckRunView> find(long repoId, long id) {
        return runs.find(repoId, id);
    }

    /** Wakes this replica's workers, once the current transaction (if any) has committed what they should find. */
    void wakeWorkers() {
        AfterCommit.run(transactions, () -> wake.release(4));
    }

    /** Waits until something was enqueued here or {@code millis} passed. */
    void awaitWork(long millis) throws InterruptedException {
        if (wake.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
            wake.drainPermits();
        }
    }
}
