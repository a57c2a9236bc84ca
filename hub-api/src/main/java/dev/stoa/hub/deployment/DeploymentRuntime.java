package dev.stoa.hub.deployment;

import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.inference.EngineLease;
import dev.stoa.hub.inference.InferenceLimiter;
import dev.stoa.hub.inference.ModelFactsReader;
import dev.stoa.hub.inference.RunnerContext;
import dev.stoa.hub.inference.RunnerLifecycle;
import dev.stoa.hub.inference.WorkFolders;
import dev.stoa.hub.plugin.HostCalls;
import dev.stoa.hub.plugin.PluginCalls;
import dev.stoa.hub.plugin.PluginHost;
import dev.stoa.hub.plugin.PluginRunner;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.spi.inference.AdapterRef;
import dev.stoa.spi.inference.Deployment;
import dev.stoa.spi.inference.DeploymentSpec;
import dev.stoa.spi.inference.DeploymentStatus;
import dev.stoa.spi.inference.ModelRef;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The deployments this replica runs: each is started on its loader threads when it is created, when a request wakes
 * it, or when Stoa starts again while it was meant to run; it is stopped when nobody called it for its scale-to-zero
 * time, and closed as soon as its row is gone (deleted here or on another replica, or with its repository). Every
 * state goes to the deployment's history.
 */
@ApplicationScoped
public class DeploymentRuntime {

    private static final Logger LOG = Logger.getLogger(DeploymentRuntime.class);

    private final PluginHost plugins;
    private final RunnerLifecycle lifecycle;
    private final ModelFactsReader facts;
    private final RepoService repos;
    private final DeploymentStore store;
    private final DeploymentStates states;
    private final HubTokens hubTokens;
    private final StoaConfig.Inference settings;
    private final Path workRoot;
    private final Map<Long, Live> live = new HashMap<>();
    private final ExecutorService loaders = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "stoa-deployment-loader");
        t.setDaemon(true);
        return t;
    });
    private boolean resumed;

    DeploymentRuntime(PluginHost plugins, RunnerLifecycle lifecycle, ModelFactsReader facts, RepoService repos,
            DeploymentStore store, DeploymentStates states, HubTokens hubTokens, StoaConfig config) {
        this.plugins = plugins;
        this.lifecycle = lifecycle;
        this.facts = facts;
        this.repos = repos;
        this.store = store;
        this.states = states;
        this.hubTokens = hubTokens;
        this.settings = config.inference();
        this.workRoot = config.dataDir().resolve("deployments");
        WorkFolders.removeLeftovers(workRoot);
    }

    /** A deployment's engine on this replica: loading, or loaded. */
    private final class Live {
        final DeploymentRow row;
        final CompletableFuture<Loaded> engine = new CompletableFuture<>();
        final Path work;
        final HubTokens.Issued tokens = new HubTokens.Issued();
        int inUse;
        Instant lastUsed = Instant.now();

        Live(DeploymentRow row) {
            this.row = row;
            this.work = workRoot.resolve(row.id() + "-" + Long.toHexString(System.nanoTime()));
        }

        boolean isReady() {
            return engine.isDone() && !engine.isCompletedExceptionally();
        }
    }

    private record Loaded(PluginRunner runner, Deployment deployment) {
    }

    /** The engine of a deployment here, and whether this call made it (its caller then begins loading it). */
    private record Claimed(Live live, boolean made) {
    }

    /** The deployment's engine here, made if there is none; a request's claim also counts it in use. */
    private synchronized Claimed claim(DeploymentRow row, boolean forRequest) {
        Live l = live.get(row.id());
        boolean made = l == null;
        if (made) {
            l = new Live(row);
            live.put(row.id(), l);
        }
        if (forRequest) {
            l.inUse++;
            l.lastUsed = Instant.now();
        }
        return new Claimed(l, made);
    }

    /** Starts the deployment's engine here unless it runs (or is starting) already. */
    public void start(DeploymentRow row, String why) {
        Claimed claimed = claim(row, false);
        if (claimed.made()) {
            begin(claimed.live(), why);
        }
    }

    /** Records the new engine's first state (outside the lock: it is a database write), then loads it. */
    private void begin(Live l, String why) {
        states.record(l.row, DeploymentStatus.State.PENDING, why);
        loaders.submit(() -> HostCalls.run(() -> load(l)));
    }

    private void load(Live l) {
        DeploymentRow row = l.row;
        try {
            PluginRunner runner = plugins.enabledRunner(row.runner()).orElseThrow(() -> new IllegalStateException(
                    "the runner " + row.runner() + " is not installed or is switched off; ask an administrator"));
            Map<ModelRef, RepoView> models = new LinkedHashMap<>();
            ModelRef base = pin(row.model(), models);
            List<AdapterRef> adapters = new ArrayList<>();
            for (DeploymentRow.Pinned a : row.adapters()) {
                adapters.add(new AdapterRef(a.id(), pin(a, models)));
            }
            DeploymentSpec spec = new DeploymentSpec(base, adapters, row.task(), row.resources(), row.engineOptions());
            Files.createDirectories(l.work);
            states.record(row, DeploymentStatus.State.LOADING, "loading " + row.model().id() + " with " + row.runner());
            RunnerContext context = new RunnerContext(facts, models, runner, l.work, row.runnerName(),
                    () -> Optional.of(hubTokens.issue(row, l.tokens)), (state, message) -> states.record(row, state, message));
            long started = System.nanoTime();
            Deployment deployment = lifecycle.deploy(runner, spec, context);
            awaitReady(runner, row, deployment, started);
            long millis = (System.nanoTime() - started) / 1_000_000;
            LOG.infof("Deployment %s is ready (%s, %d ms)", row.fullName(), row.runner(), millis);
            l.engine.complete(new Loaded(runner, deployment));
            // Deleted while it loaded: forget's closeLater closes it now that it is complete.
            states.record(row, DeploymentStatus.State.READY, "ready in " + Duration.ofMillis(millis).toSeconds() + " s");
        } catch (PluginCalls.PluginCallFailed | IOException | RuntimeException e) {
            String why = e instanceof PluginCalls.PluginCallFailed f && f.getCause() != null
                    ? f.getCause().getMessage() : e.getMessage();
            LOG.warnf("Deployment %s failed to start: %s", row.fullName(), why);
            synchronized (this) {
                live.remove(row.id(), l);
            }
            hubTokens.revoke(row, l.tokens);
            WorkFolders.delete(l.work);
            l.engine.completeExceptionally(e);
            states.record(row, DeploymentStatus.State.FAILED, why == null ? e.toString() : why);
        }
    }

    /**
     * Waits for a deployment that {@code deploy} returned still starting (a pod pulling its image and weights) to be
     * ready, within the load time-out; its runner reports the steps on the way.
     */
    private void awaitReady(PluginRunner runner, DeploymentRow row, Deployment deployment, long startedNanos)
            throws IOException {
        long deadline = startedNanos + settings.loadTimeout().toNanos();
        while (true) {
            DeploymentStatus status = deployment.status();
            switch (status.state()) {
                case READY -> {
                    return;
                }
                case FAILED, STOPPED -> {
                    lifecycle.close(runner, deployment, row.fullName());
                    throw new IOException(status.message().isBlank() ? "the runner stopped it" : status.message());
                }
                default -> {
                    if (System.nanoTime() > deadline) {
                        lifecycle.close(runner, deployment, row.fullName());
                        throw new IOException("not ready after " + settings.loadTimeout().toMinutes() + " minutes ("
                                + status.message() + "); stoa.inference.load-timeout allows longer");
                    }
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while waiting for the deployment to be ready", e);
                    }
                }
            }
        }
    }

    private ModelRef pin(DeploymentRow.Pinned pinned, Map<ModelRef, RepoView> models) throws IOException {
        RepoView repo = repos.findById(pinned.repoId())
                .orElseThrow(() -> new IllegalStateException(pinned.id() + " no longer exists"));
        ModelRef ref = facts.read(repo, pinned.commit()).model();
        models.put(ref, repo);
        return ref;
    }

    /**
     * Leases the deployment's engine to one request, waking it when it is stopped: the request waits up to the queue
     * time-out, then gets a 503 with {@code Retry-After} while the engine goes on starting.
     */
    public EngineLease lease(DeploymentRow row, String adapter) {
        Claimed claimed = claim(row, true);
        Live l = claimed.live();
        if (claimed.made()) {
            begin(l, "woken by a request");
        }
        try {
            Loaded loaded = l.engine.get(settings.queueTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return new Lease(l, loaded, adapter);
        } catch (TimeoutException e) {
            release(l);
            throw InferenceLimiter.busy(503, "DeploymentStarting", "The deployment " + row.fullName()
                    + " is starting; retry in a few seconds.", 10);
        } catch (ExecutionException e) {
            release(l);
            throw new ApiException(503, "DeploymentFailed", "The deployment " + row.fullName() + " could not start: "
                    + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release(l);
            throw new ApiException(503, "DeploymentStarting", "Interrupted while " + row.fullName() + " was starting.");
        }
    }

    private synchronized void release(Live l) {
        l.inUse--;
        l.lastUsed = Instant.now();
    }

    private final class Lease extends EngineLease {

        private final Live live;
        private final String deployment;

        Lease(Live live, Loaded loaded, String adapter) {
            super(plugins, loaded.runner(), loaded.deployment(), live.row.model().id(), adapter, settings.requestTimeout());
            this.live = live;
            this.deployment = live.row.fullName();
        }

        @Override
        public Optional<String> deploymentName() {
            return Optional.of(deployment);
        }

        @Override
        protected void release() {
            DeploymentRuntime.this.release(live);
        }
    }

    /** Whether the deployment's engine is loaded on this replica. */
    public synchronized boolean isReady(long id) {
        Live l = live.get(id);
        return l != null && l.isReady();
    }

    /** The deployments answering on this replica now. */
    public synchronized List<DeploymentRow> served() {
        return live.values().stream().filter(Live::isReady).map(l -> l.row).toList();
    }

    /** Stops the deployment's engine here, if it runs; its state is not recorded (its row is gone). */
    public synchronized void forget(long id) {
        Live l = live.remove(id);
        if (l != null) {
            closeLater(l, "deleted");
        }
    }

    /**
     * Every 15 seconds: resumes, after a start, the deployments meant to run; stops those idle past their
     * scale-to-zero time; closes those whose row is gone.
     */
    @Scheduled(every = "15s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!resumed) {
            resumed = true;
            collectOrphans();
            for (Long id : store.meantToRun()) {
                store.find(id).ifPresent(row -> start(row, "resumed when Stoa started"));
            }
        }
        scaleToZero(Instant.now());
        List<Long> running;
        synchronized (this) {
            running = List.copyOf(live.keySet());
        }
        Set<Long> existing = Set.copyOf(store.existing(running));
        running.stream().filter(id -> !existing.contains(id)).forEach(this::forget);
    }

    /** Lets each runner remove what it started for deployments that no longer exist (deleted while Stoa was down). */
    private void collectOrphans() {
        Map<String, Set<String>> names = store.runnerNames();
        for (PluginRunner runner : plugins.enabledRunners()) {
            Set<String> existing = names.getOrDefault(runner.fullName(), Set.of());
            try {
                Set<String> removed = plugins.callRunner(runner, "collectOrphans", settings.loadTimeout(),
                        () -> runner.runner().collectOrphans(existing));
                if (!removed.isEmpty()) {
                    LOG.infof("%s removed what it had started for deleted deployments: %s", runner.fullName(),
                            String.join(", ", removed));
                }
            } catch (PluginCalls.PluginCallFailed e) {
                LOG.warnf("%s could not look for deployments deleted while Stoa was down: %s", runner.fullName(),
                        e.getMessage());
            }
        }
    }

    /** Stops the engines nobody called for their deployment's scale-to-zero time. */
    void scaleToZero(Instant now) {
        List<Live> idle = new ArrayList<>();
        synchronized (this) {
            for (Live l : List.copyOf(live.values())) {
                int minutes = l.row.scaleToZeroMinutes();
                if (minutes > 0 && l.inUse == 0 && l.isReady() && l.lastUsed.plus(Duration.ofMinutes(minutes)).isBefore(now)) {
                    live.remove(l.row.id());
                    idle.add(l);
                }
            }
        }
        for (Live l : idle) {
            closeLater(l, "scaled to zero");
            states.record(l.row, DeploymentStatus.State.STOPPED, "scaled to zero after " + l.row.scaleToZeroMinutes()
                    + " idle minutes; the next request wakes it");
        }
    }

    private void closeLater(Live l, String why) {
        l.engine.thenAccept(loaded -> loaders.submit(() -> {
            lifecycle.close(loaded.runner(), loaded.deployment(), "deployment " + l.row.fullName());
            hubTokens.revoke(l.row, l.tokens);
            WorkFolders.delete(l.work);
            LOG.infof("Deployment %s stopped (%s)", l.row.fullName(), why);
        }));
    }

    /**
     * Lets go of the engines as Stoa stops: deployments go on existing, so work running elsewhere (pods) is left to
     * the next start to take over, and in-process engines close (see {@code Deployment.detach}).
     */
    @PreDestroy
    synchronized void stop() {
        for (Live l : live.values()) {
            l.engine.thenAccept(loaded -> lifecycle.detach(loaded.runner(), loaded.deployment(),
                    "deployment " + l.row.fullName()));
        }
        live.clear();
        loaders.shutdownNow();
    }
}
