package dev.stoa.hub.inference;

import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.plugin.PluginCalls;
import dev.stoa.hub.plugin.PluginHost;
import dev.stoa.hub.plugin.PluginRunner;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.spi.inference.Admission;
import dev.stoa.spi.inference.AdapterRef;
import dev.stoa.spi.inference.Deployment;
import dev.stoa.spi.inference.DeploymentSpec;
import dev.stoa.spi.inference.DeploymentStatus;
import dev.stoa.spi.inference.ModelFacts;
import dev.stoa.spi.inference.ModelRef;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Serves public models without a deployment, with the runner {@code stoa.inference.on-demand-runner}: the first
 * request loads the model (on a loader thread, one model at a time; the request waits up to the queue time-out, then
 * gets 503 with {@code Retry-After} while loading goes on), later ones reuse it, and models nobody uses are unloaded
 * when a new one needs their share of {@code stoa.inference.memory-budget} (least recently used first) or after
 * {@code stoa.inference.idle-unload}. An adapter is loaded together with its base.
 */
@ApplicationScoped
public class OnDemandServing {

    private static final Logger LOG = Logger.getLogger(OnDemandServing.class);
    private static final int KEPT_ADMISSIONS = 512;

    private final PluginHost plugins;
    private final RunnerLifecycle lifecycle;
    private final ModelFactsReader facts;
    private final StoaConfig.Inference settings;
    private final Path workRoot;
    private final Map<Key, Loaded> loaded = new LinkedHashMap<>(16, 0.75f, true);
    private final KeptAnswers<Key, Admission> admissions = new KeptAnswers<>(KEPT_ADMISSIONS);
    private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "stoa-model-loader");
        t.setDaemon(true);
        return t;
    });

    public OnDemandServing(PluginHost plugins, RunnerLifecycle lifecycle, ModelFactsReader facts, StoaConfig config) {
        this.plugins = plugins;
        this.lifecycle = lifecycle;
        this.facts = facts;
        this.settings = config.inference();
        this.workRoot = config.dataDir().resolve("inference");
        // Nothing is loaded yet, so nothing a killed run left there is in use.
        WorkFolders.removeLeftovers(workRoot);
    }

    private record Key(String runner, ModelRef base, Optional<ModelRef> adapter) {
    }

    /** A model loaded (or loading) for on-demand requests. */
    private final class Loaded {
        final Key key;
        final String name;
        final Optional<String> parent;
        final RepoView repo;
        final Optional<RepoView> baseRepo;
        final PluginRunner runner;
        final long bytes;
        final Path work;
        final CompletableFuture<Deployment> deployment = new CompletableFuture<>();
        final Instant created = Instant.now();
        volatile DeploymentStatus status = DeploymentStatus.of(DeploymentStatus.State.PENDING, "waiting for the loader");
        int inUse;
        Instant lastUsed = Instant.now();

        Loaded(Key key, ModelTarget target, PluginRunner runner, long bytes) {
            this.key = key;
            this.name = target.name();
            this.parent = target.base().map(ModelTarget::name);
            this.repo = target.repo();
            this.baseRepo = target.base().map(ModelTarget::repo);
            this.runner = runner;
            this.bytes = bytes;
            this.work = workRoot.resolve(UUID.randomUUID().toString());
        }

        boolean isReady() {
            return deployment.isDone() && !deployment.isCompletedExceptionally();
        }
    }

    /**
     * A model served now, for the {@code /v1/models} list.
     *
     * @param name    the name requests use
     * @param parent  for an adapter, its base's name
     * @param repo    the repository (for access checks)
     * @param runner  the runner's full name
     * @param created when it was loaded
     */
    public record ServedModel(String name, Optional<String> parent, RepoView repo, Optional<RepoView> baseRepo,
            String runner, Instant created) {
    }

    /** One request's use of a model loaded on demand. */
    private final class Lease extends EngineLease {

        private final Loaded model;

        private Lease(Loaded model, Deployment deployment) {
            super(plugins, model.runner, deployment, model.key.base().repository().id(),
                    model.key.adapter().isPresent() ? model.repo.repoId().id() : "", settings.requestTimeout());
            this.model = model;
        }

        @Override
        public Optional<String> deploymentName() {
            return Optional.empty();
        }

        @Override
        protected void release() {
            synchronized (OnDemandServing.this) {
                model.inUse--;
                model.lastUsed = Instant.now();
            }
        }
    }

    /** What serving a target on demand takes: the runner, the spec it admitted, the memory it counts, its key. */
    private record Plan(PluginRunner runner, DeploymentSpec spec, long bytes, Key key) {
    }

    /**
     * Why the target cannot be served on demand (off, private, too large, refused by the runner with its reasons), or
     * empty when it can: what the portal's "Try it" panel shows before anyone asks.
     */
    public Optional<String> refusal(ModelTarget target) {
        try {
            plan(target);
            return Optional.empty();
        } catch (ApiException e) {
            return Optional.of(e.getMessage());
        }
    }

    private Plan plan(ModelTarget target) {
        if (!settings.onDemand()) {
            throw new ApiException(400, "OnDemandOff", "This Stoa does not serve models on demand"
                    + " (stoa.inference.on-demand=false), so " + target.name() + " cannot run here.");
        }
        ModelTarget base = target.servedBase();
        if (base.repo().isPrivate() || target.repo().isPrivate()) {
            throw new ApiException(400, "DeploymentRequired", target.name() + " is private; private models are served"
                    + " by a deployment of their own, not on demand: one of its writers can create one (POST /api/v1/deployments).");
        }
        PluginRunner runner = plugins.enabledRunner(settings.onDemandRunner())
                .orElseThrow(() -> new ApiException(503, "NoRunner", "The on-demand runner " + settings.onDemandRunner()
                        + " is not installed or is switched off; ask an administrator."));
        ModelFacts baseFacts = base.facts();
        if (baseFacts.parameters() > settings.onDemandMaxParameters()) {
            throw new ApiException(400, "ModelTooLarge", base.name() + " has " + baseFacts.parameters()
                    + " parameters; on-demand serving takes models up to " + settings.onDemandMaxParameters()
                    + " (stoa.inference.on-demand-max-parameters, which an administrator can raise).");
        }
        DeploymentSpec spec = new DeploymentSpec(baseFacts.model(), target.isAdapter()
                ? List.of(new AdapterRef(target.repo().repoId().id(), target.facts().model())) : List.of(),
                "text-generation", null, null);
        List<ModelFacts> adapters = target.isAdapter() ? List.of(target.facts()) : List.of();
        Key key = new Key(runner.fullName(), baseFacts.model(),
                target.isAdapter() ? Optional.of(target.facts().model()) : Optional.empty());
        // A runner decides from facts of pinned commits and its own start-time configuration: the same answer
        // every time, so it is asked once per model, not on every request and card view.
        Admission admission = admissions.get(key, k -> lifecycle.admit(runner, spec, baseFacts, adapters));
        if (!admission.accepted()) {
            throw new ApiException(400, "ModelNotServable", runner.fullName() + " cannot serve " + target.name() + ": "
                    + admission.summary() + ".");
        }
        long bytes = baseFacts.parameters() * 4 * (1 + adapters.size());
        if (bytes > settings.memoryBudget()) {
            throw new ApiException(400, "ModelTooLarge", target.name() + " needs about " + bytes / (1024 * 1024)
                    + " MiB, more than the on-demand memory budget of " + settings.memoryBudget() / (1024 * 1024)
                    + " MiB (stoa.inference.memory-budget, which an administrator can raise).");
        }
        return new Plan(runner, spec, bytes, key);
    }

    /** Loads the target (or finds it loaded) and leases it to one request. */
    public EngineLease acquire(ModelTarget target) {
        Plan plan = plan(target);
        Loaded model;
        synchronized (this) {
            model = loaded.get(plan.key());
            if (model == null) {
                makeRoom(plan.bytes());
                model = new Loaded(plan.key(), target, plan.runner(), plan.bytes());
                loaded.put(plan.key(), model);
                startLoading(model, plan.spec());
            }
            model.inUse++;
            model.lastUsed = Instant.now();
        }
        try {
            Deployment deployment = model.deployment.get(settings.queueTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return new Lease(model, deployment);
        } catch (TimeoutException e) {
            release(model);
            throw InferenceLimiter.busy(503, "ModelLoading", target.name() + " is loading (" + describe(model.status)
                    + "); retry in a few seconds.", 10);
        } catch (ExecutionException e) {
            release(model);
            forget(model);
            throw new ApiException(503, "ModelLoadFailed", target.name() + " could not be loaded: "
                    + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release(model);
            throw new ApiException(503, "ModelLoading", "Interrupted while " + target.name() + " was loading.");
        }
    }

    /** The models loaded now, ready to answer. */
    public synchronized List<ServedModel> served() {
        List<ServedModel> out = new ArrayList<>();
        for (Loaded m : loaded.values()) {
            if (m.isReady()) {
                out.add(new ServedModel(m.name, m.parent, m.repo, m.baseRepo, m.runner.fullName(), m.created));
            }
        }
        out.sort(Comparator.comparing(ServedModel::name));
        return out;
    }

    private static String describe(DeploymentStatus status) {
        return status.message().isBlank() ? status.state().name().toLowerCase(java.util.Locale.ROOT) : status.message();
    }

    private void makeRoom(long bytes) {
        long used = loaded.values().stream().mapToLong(m -> m.bytes).sum();
        List<Loaded> idle = loaded.values().stream().filter(m -> m.inUse == 0 && m.deployment.isDone()).toList();
        for (Loaded m : idle) {
            if (used + bytes <= settings.memoryBudget()) {
                break;
            }
            loaded.remove(m.key);
            used -= m.bytes;
            unload(m, "to make room");
        }
        if (used + bytes > settings.memoryBudget()) {
            throw InferenceLimiter.busy(503, "MemoryBudgetFull", "The models in use fill the on-demand memory budget;"
                    + " retry in a minute.", 30);
        }
    }

    private void startLoading(Loaded model, DeploymentSpec spec) {
        Map<ModelRef, RepoView> repos = new LinkedHashMap<>();
        repos.put(spec.base(), model.baseRepo.orElse(model.repo));
        spec.adapters().forEach(a -> repos.put(a.model(), model.repo));
        RunnerContext context = new RunnerContext(facts, repos, model.runner, model.work,
                "on-demand-" + model.work.getFileName().toString().substring(0, 8), RunnerContext.HubAccessSource.NONE,
                (state, message) -> model.status = DeploymentStatus.of(state, message));
        loader.submit(() -> {
            try {
                Files.createDirectories(model.work);
                long started = System.nanoTime();
                Deployment deployment = lifecycle.deploy(model.runner, spec, context);
                model.status = DeploymentStatus.of(DeploymentStatus.State.READY, "");
                LOG.infof("Loaded %s with %s in %d ms", model.name, model.runner.fullName(),
                        (System.nanoTime() - started) / 1_000_000);
                model.deployment.complete(deployment);
            } catch (PluginCalls.PluginCallFailed | IOException | RuntimeException e) {
                model.status = DeploymentStatus.of(DeploymentStatus.State.FAILED, e.getMessage());
                LOG.warnf("Loading %s with %s failed: %s", model.name, model.runner.fullName(), e.getMessage());
                deleteWork(model);
                model.deployment.completeExceptionally(e);
            }
        });
    }

    private synchronized void release(Loaded model) {
        model.inUse--;
    }

    private synchronized void forget(Loaded model) {
        loaded.remove(model.key, model);
    }

    /** Unloads models nobody used for {@code stoa.inference.idle-unload}. */
    @Scheduled(every = "1m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void unloadIdle() {
        Instant cutoff = Instant.now().minus(settings.idleUnload());
        synchronized (this) {
            for (Loaded m : List.copyOf(loaded.values())) {
                if (m.inUse == 0 && m.deployment.isDone() && m.lastUsed.isBefore(cutoff)) {
                    loaded.remove(m.key);
                    unload(m, "after " + settings.idleUnload().toMinutes() + " idle minutes");
                }
            }
        }
    }

    private void unload(Loaded model, String why) {
        model.deployment.thenAccept(deployment -> loader.submit(() -> {
            close(model, deployment);
            LOG.infof("Unloaded %s %s", model.name, why);
        }));
    }

    private void close(Loaded model, Deployment deployment) {
        lifecycle.close(model.runner, deployment, model.name);
        deleteWork(model);
    }

    private static void deleteWork(Loaded model) {
        WorkFolders.delete(model.work);
    }

    @PreDestroy
    synchronized void stop() {
        for (Loaded m : List.copyOf(loaded.values())) {
            m.deployment.thenAccept(d -> close(m, d));
        }
        loaded.clear();
        loader.shutdownNow();
    }
}
