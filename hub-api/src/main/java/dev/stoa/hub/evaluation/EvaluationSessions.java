package dev.stoa.hub.evaluation;

import dev.stoa.hub.deployment.Deployments;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.external.ExternalModels;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.inference.EngineLease;
import dev.stoa.hub.inference.ModelTarget;
import dev.stoa.hub.inference.ModelTargets;
import dev.stoa.hub.inference.OnDemandServing;
import dev.stoa.spi.inference.EngineSession;
import dev.stoa.spi.inference.InferenceSession;
import dev.stoa.spi.inference.LocalEngine;
import dev.stoa.spi.inference.RemoteEngine;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Opens the inference session an evaluation runs on, with the same engines the gateway uses: an external model's,
 * a deployment serving the pinned revision, or one loaded on demand. A model still loading (or a deployment waking)
 * is waited for, up to a limit; the lease is given back when the session closes.
 */
@ApplicationScoped
class EvaluationSessions {

    private final ModelTargets targets;
    private final Deployments deployments;
    private final OnDemandServing serving;
    private final ExternalModels externals;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).build();

    EvaluationSessions(ModelTargets targets, Deployments deployments, OnDemandServing serving, ExternalModels externals) {
        this.targets = targets;
        this.deployments = deployments;
        this.serving = serving;
        this.externals = externals;
    }

    /** A session and the lease behind it: close it to give the engine back. */
    record Opened(InferenceSession session, EngineLease lease) implements AutoCloseable {
        @Override
        public void close() {
            lease.close();
        }
    }

    /**
     * Opens a session on {@code model} ({@code ns/name@commit} or {@code external/x}) as {@code caller} may.
     *
     * @param stop says when to give up waiting (the run was cancelled)
     */
    Opened open(String model, Caller caller, Duration wait, BooleanSupplier stop) throws InterruptedException {
        Instant deadline = Instant.now().plus(wait);
        while (true) {
            try {
                EngineLease lease = lease(model, caller);
                return new Opened(session(model, lease), lease);
            } catch (ApiException e) {
                boolean loading = e.status() == 503 && !e.code().equals("ModelLoadFailed")
                        && !e.code().equals("DeploymentFailed");
                if (stop.getAsBoolean()) {
                    throw new java.util.concurrent.CancellationException("cancelled while the model loaded");
                }
                if (!loading || Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
    }

    private EngineLease lease(String model, Caller caller) {
        if (ExternalModels.isExternal(model)) {
            return externals.lease(model, caller);
        }
        ModelTarget target = targets.resolve(model, Optional.of(caller));
        return deployments.lease(target, true).orElseGet(() -> serving.acquire(target));
    }

    private InferenceSession session(String model, EngineLease lease) {
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("runner", lease.runner());
        provenance.put("runner_version", lease.runnerVersion());
        lease.deploymentName().ifPresent(d -> provenance.put("deployment", d));
        try {
            if (lease.deployment().engine() instanceof LocalEngine local) {
                provenance.put("engine", "in-process");
                provenance.put("hardware", Runtime.getRuntime().availableProcessors() + " CPU cores, "
                        + System.getProperty("os.arch") + ", Java " + Runtime.version().feature());
                return new EngineSession(new LeasedEngine(lease, local), model, lease.adapter(), provenance);
            }
            RemoteEngine remote = (RemoteEngine) lease.deployment().engine();
            provenance.put("engine", "OpenAI-compatible server");
            provenance.put("served_model", remote.upstreamName(lease.model()));
            return new RemoteSession(http, remote, lease.model(), model, provenance, lease.timeout());
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }
}
