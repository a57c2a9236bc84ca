package dev.stoa.hub.check;

import dev.stoa.hub.plugin.PluginCheck;
import dev.stoa.hub.plugin.PluginHost;
import dev.stoa.hub.repo.Refs;
import dev.stoa.hub.repo.RevisionPublished;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Puts check runs in the queue: one per enabled check for every new commit on a branch (or pull request), and
 * again on demand; cancels them. Each change fires {@link CheckRunChanged} and wakes this replica's workers.
 */
@ApplicationScoped
public class CheckQueue {

    private static final Logger LOG = Logger.getLogger(CheckQueue.class);

    private final CheckRuns runs;
    private final PluginHost plugins;
    private final Event<CheckRunChanged> changed;
    private final Semaphore wake = new Semaphore(0);

    CheckQueue(CheckRuns runs, PluginHost plugins, Event<CheckRunChanged> changed) {
        this.runs = runs;
        this.plugins = plugins;
        this.changed = changed;
    }

    /**
     * Enqueues the checks of a new commit. Never fails the commit that fired it (a lost enqueue is logged and
     * can be made up with a re-run); a duplicate event enqueues nothing twice.
     */
    void onPublished(@Observes RevisionPublished event) {
        if (event.newCommit().isEmpty() || event.ref().startsWith(Refs.TAGS)) {
            return;
        }
        try {
            enqueue(event.repoId(), event.newCommit().get());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Enqueueing the checks of repository %d at %s failed; re-run them with POST .../checks/rerun",
                    event.repoId(), event.newCommit().get());
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
        ids.forEach(id -> runs.find(id).ifPresent(this::fire));
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
        List<CheckRunView> requeued = runs.requeue(repoId, commit, check);
        requeued.forEach(this::fire);
        wakeWorkers();
        return runs.list(repoId, commit).stream().filter(r -> check.isEmpty() || r.check().equals(check.get())).toList();
    }

    /** Cancels a queued or running run; empty when it already finished. */
    public Optional<CheckRunView> cancel(long repoId, long id) {
        Optional<CheckRunView> cancelled = runs.cancel(repoId, id);
        cancelled.ifPresent(this::fire);
        return cancelled;
    }

    public List<CheckRunView> list(long repoId, String commit) {
        return runs.list(repoId, commit);
    }

    public Optional<CheckRunView> find(long repoId, long id) {
        return runs.find(repoId, id);
    }

    void fire(CheckRunView run) {
        try {
            changed.fire(new CheckRunChanged(run.id(), run.repoId(), run.commit(), run.check(), run.status(),
                    Optional.ofNullable(run.verdict())));
        } catch (RuntimeException e) {
            LOG.warnf(e, "An observer of check run %d failed", run.id());
        }
    }

    void wakeWorkers() {
        wake.release(4);
    }

    /** Waits until something was enqueued here or {@code millis} passed. */
    void awaitWork(long millis) throws InterruptedException {
        if (wake.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
            wake.drainPermits();
        }
    }
}
