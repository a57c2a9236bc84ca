package dev.stoa.plugins.kubernetes;

import dev.stoa.spi.inference.AdapterRef;
import dev.stoa.spi.inference.Deployment;
import dev.stoa.spi.inference.DeploymentContext;
import dev.stoa.spi.inference.DeploymentContext.HubAccess;
import dev.stoa.spi.inference.DeploymentSpec;
import dev.stoa.spi.inference.DeploymentStatus;
import dev.stoa.spi.inference.DeploymentStatus.State;
import dev.stoa.spi.inference.Engine;
import dev.stoa.spi.inference.RemoteEngine;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One vLLM server on Kubernetes: its objects, a timer that turns its pods' state into status reports and renews the
 * read token before half its life is gone, and adapters loaded and unloaded through vLLM's runtime routes.
 */
final class VllmDeployment implements Deployment {

    private static final Duration ADAPTER_TIMEOUT = Duration.ofMinutes(5);

    private final KubernetesClient client;
    private final String namespace;
    private final VllmObjects objects;
    private final RunnerSettings settings;
    private final DeploymentSpec spec;
    private final DeploymentContext context;
    private final RemoteEngine engine;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ScheduledExecutorService timer;
    private volatile DeploymentStatus status = DeploymentStatus.of(State.PENDING, "creating the Kubernetes objects");
    private Instant tokenIssued;
    private Instant tokenExpires;

    private VllmDeployment(KubernetesClient client, String namespace, VllmObjects objects, RunnerSettings settings,
            DeploymentSpec spec, DeploymentContext context) {
        this.client = client;
        this.namespace = namespace;
        this.objects = objects;
        this.settings = settings;
        this.spec = spec;
        this.context = context;
        Map<String, String> names = new LinkedHashMap<>();
        names.put(spec.base().repository().id(), spec.base().repository().id());
        spec.adapters().forEach(a -> names.put(a.name(), a.name()));
        this.engine = new RemoteEngine(objects.serviceUrl(namespace), Optional.empty(), names);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vllm-status-" + objects.name());
            t.setDaemon(true);
            return t;
        });
    }

    /** Creates (or, after a restart of Stoa, takes over) the objects and starts watching them. */
    static VllmDeployment start(KubernetesClient client, String namespace, RunnerSettings settings, DeploymentSpec spec,
            DeploymentContext context) throws IOException {
        VllmObjects objects = new VllmObjects(settings, context.deploymentName(), spec);
        HubAccess access = context.hubAccess().orElseThrow(() -> new IOException("Stoa gave this deployment no address"
                + " and token for its pods to download the weights with"));
        VllmDeployment deployment = new VllmDeployment(client, namespace, objects, settings, spec, context);
        try {
            io.fabric8.kubernetes.api.model.apps.Deployment created = apply(client, namespace,
                    objects.deployment(access.endpoint()));
            apply(client, namespace, objects.tokenSecret(access.token(), created));
            apply(client, namespace, objects.service(created));
            apply(client, namespace, objects.networkPolicy(created));
        } catch (KubernetesClientException e) {
            deployment.deleteObjects();
            throw new IOException("Kubernetes refused the deployment's objects in namespace " + namespace + ": "
                    + e.getMessage(), e);
        }
        deployment.tokenIssued = Instant.now();
        deployment.tokenExpires = access.expiresAt();
        deployment.report(DeploymentStatus.of(State.PENDING, "created " + objects.name() + " in namespace " + namespace));
        deployment.timer.scheduleWithFixedDelay(deployment::tick, 0, settings.statusInterval().toMillis(),
                TimeUnit.MILLISECONDS);
        return deployment;
    }

    private static <T extends HasMetadata> T apply(KubernetesClient client, String namespace, T object) {
        return client.resource(object).inNamespace(namespace).createOr(NonDeletingOperation::update);
    }

    private void tick() {
        try {
            refreshStatus();
            renewTokenIfDue(Instant.now());
        } catch (RuntimeException | IOException e) {
            report(DeploymentStatus.of(status.state(), "cannot read the deployment's state from Kubernetes: "
                    + e.getMessage()));
        }
    }

    /** Reads the pods and reports what they say, when it changed. */
    void refreshStatus() {
        List<Pod> pods = client.pods().inNamespace(namespace).withLabels(objects.selector()).list().getItems();
        report(PodStatuses.of(pods, settings.gpuResource(), spec.resources().gpuCount()));
    }

    /** Writes a fresh token into the Secret once half the current one's life is gone; the kubelet updates the file. */
    void renewTokenIfDue(Instant now) throws IOException {
        Duration life = Duration.between(tokenIssued, tokenExpires);
        if (now.isBefore(tokenIssued.plus(life.dividedBy(2)))) {
            return;
        }
        HubAccess access = context.hubAccess().orElseThrow(() -> new IOException("Stoa gave no fresh token"));
        io.fabric8.kubernetes.api.model.apps.Deployment owner = client.apps().deployments().inNamespace(namespace)
                .withName(objects.name()).get();
        if (owner == null) {
            throw new IOException("the Deployment " + objects.name() + " is gone");
        }
        Secret secret = objects.tokenSecret(access.token(), owner);
        apply(client, namespace, secret);
        tokenIssued = now;
        tokenExpires = access.expiresAt();
    }

    private synchronized void report(DeploymentStatus next) {
        if (status.state() == State.STOPPED
                || next.state() == status.state() && next.message().equals(status.message())) {
            return;
        }
        status = next;
        context.report(next.state(), next.message());
    }

    @Override
    public DeploymentStatus status() {
        return status;
    }

    @Override
    public Engine engine() {
        return engine;
    }

    @Override
    public boolean servesAdapters() {
        return true;
    }

    /** vLLM's {@code POST /v1/load_lora_adapter}: the adapter is fetched from Stoa with the pod's token. */
    @Override
    public void loadAdapter(AdapterRef adapter) throws IOException {
        post("/load_lora_adapter", "{\"lora_name\":" + json(adapter.name()) + ",\"lora_path\":"
                + json(adapter.model().repository().id()) + "}", "load " + adapter.name());
    }

    /** vLLM's {@code POST /v1/unload_lora_adapter}. */
    @Override
    public void unloadAdapter(String name) throws IOException {
        post("/unload_lora_adapter", "{\"lora_name\":" + json(name) + "}", "unload " + name);
    }

    private void post(String path, String body, String what) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(engine.baseUrl() + path)).timeout(ADAPTER_TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking vLLM to " + what, e);
        }
        if (answer.statusCode() / 100 != 2) {
            String said = answer.body().length() > 300 ? answer.body().substring(0, 300) + "…" : answer.body();
            throw new IOException("vLLM would not " + what + " (HTTP " + answer.statusCode() + "): " + said.strip());
        }
    }

    static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Stops watching and renewing, and leaves the workload running for the next Stoa to take over. */
    @Override
    public void detach() {
        timer.shutdownNow();
        synchronized (this) {
            status = DeploymentStatus.of(State.STOPPED, "");
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        synchronized (this) {
            if (status.state() == State.STOPPED) {
                return;
            }
            status = DeploymentStatus.of(State.STOPPED, "");
        }
        deleteObjects();
    }

    private void deleteObjects() {
        KubernetesRunner.deleteInstance(client, namespace, objects.selector());
    }
}
