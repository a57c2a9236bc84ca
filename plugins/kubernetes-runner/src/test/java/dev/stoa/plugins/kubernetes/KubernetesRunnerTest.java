package dev.stoa.plugins.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.stoa.spi.PluginConfig;
import dev.stoa.spi.Revision;
import dev.stoa.spi.inference.Admission;
import dev.stoa.spi.inference.AdapterRef;
import dev.stoa.spi.inference.DeploymentContext;
import dev.stoa.spi.inference.DeploymentSpec;
import dev.stoa.spi.inference.DeploymentStatus;
import dev.stoa.spi.inference.DeploymentStatus.State;
import dev.stoa.spi.inference.ModelFacts;
import dev.stoa.spi.inference.ModelRef;
import dev.stoa.spi.inference.RemoteEngine;
import dev.stoa.spi.inference.Resources;
import dev.stoa.spi.testkit.RunnerHarness;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes runner against fabric8's API server in CRUD mode: the objects it creates (GPU limits, vLLM's
 * arguments, the token Secret mounted as a file, labels, owner references, the NetworkPolicy), status from pod
 * conditions, token renewal, clean-up and orphan collection; and vLLM's adapter routes with their documented bodies.
 * No vLLM and no GPU run here.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesRunnerTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    private static final String NS = "models";
    private static final ModelRef BASE = new ModelRef(new dev.stoa.spi.RepoRef("model", "acme", "llama-8b"),
            "0123456789abcdef0123456789abcdef01234567");
    private static final ModelRef LORA = new ModelRef(new dev.stoa.spi.RepoRef("model", "alice", "llama-sql-lora"),
            "89abcdef0123456789abcdef0123456789abcdef");

    private static RunnerSettings settings(String serviceUrl) {
        Map<String, String> values = new HashMap<>();
        values.put("namespace", NS);
        values.put("node-selector", "pool=gpu");
        values.put("tolerations", "nvidia.com/gpu:NoSchedule,dedicated=inference:NoExecute");
        values.put("max-lora-rank", "32");
        values.put("status-interval-seconds", "3600");
        if (serviceUrl != null) {
            values.put("service-url", serviceUrl);
        }
        return RunnerSettings.of(new PluginConfig(values));
    }

    private static DeploymentSpec spec(int gpus) {
        return new DeploymentSpec(BASE, List.of(new AdapterRef("alice/llama-sql-lora", LORA)), "text-generation",
                new Resources(8000, 32L << 30, gpus, "NVIDIA-A100-SXM4-80GB", Map.of("zone", "a")),
                Map.of("max-model-len", "4096", "enforce-eager", "true"));
    }

    /** A context whose tokens are numbered, so renewals show. */
    private static class Context implements DeploymentContext {
        final List<DeploymentStatus> reports = new CopyOnWriteArrayList<>();
        int issued;

        @Override
        public Revision files(ModelRef model) throws IOException {
            throw new IOException("the Kubernetes runner reads nothing through Stoa's process");
        }

        @Override
        public synchronized Optional<HubAccess> hubAccess() {
            issued++;
            return Optional.of(new HubAccess(URI.create("http://stoa.stoa.svc:8080"), "stoa_token" + issued,
                    Instant.now().plus(Duration.ofHours(1))));
        }

        @Override
        public Optional<String> secret(String name) {
            return Optional.empty();
        }

        @Override
        public String deploymentName() {
            return "sql-assistant-7";
        }

        @Override
        public Path workDirectory() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void report(State state, String message) {
            reports.add(DeploymentStatus.of(state, message));
        }
    }

    @Test
    void createsTheWorkloadVllmNeedsAndOnlyStoaCanReach() throws IOException {
        KubernetesRunner runner = new KubernetesRunner(client, settings(null));
        Context context = new Context();
        VllmDeployment deployment = (VllmDeployment) runner.deploy(spec(2), context);
        try {
            Deployment d = client.apps().deployments().inNamespace(NS).withName("stoa-sql-assistant-7").get();
            assertThat(d.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "stoa")
                    .containsEntry("app.kubernetes.io/instance", "sql-assistant-7")
                    .containsEntry("stoa.dev/installation", "stoa").containsEntry("stoa.dev/model", "acme.llama-8b");
            Container vllm = d.getSpec().getTemplate().getSpec().getContainers().getFirst();
            assertThat(vllm.getImage()).isEqualTo("vllm/vllm-openai:v0.11.0");
            assertThat(String.join(" ", vllm.getArgs())).isEqualTo("--model acme/llama-8b --revision " + BASE.commit()
                    + " --served-model-name acme/llama-8b --host 0.0.0.0 --port 8000 --enable-lora --max-loras 4"
                    + " --max-lora-rank 32 --max-cpu-loras 16 --lora-modules alice/llama-sql-lora=alice/llama-sql-lora"
                    + " --tensor-parallel-size 2 --enforce-eager --max-model-len 4096");
            assertThat(vllm.getResources().getLimits()).containsKeys("nvidia.com/gpu", "cpu", "memory");
            assertThat(vllm.getResources().getLimits().get("nvidia.com/gpu").getAmount()).isEqualTo("2");
            assertThat(vllm.getResources().getLimits().get("cpu").toString()).isEqualTo("8000m");
            Map<String, String> env = new HashMap<>();
            for (EnvVar e : vllm.getEnv()) {
                env.put(e.getName(), e.getValue());
            }
            assertThat(env).containsEntry("HF_ENDPOINT", "http://stoa.stoa.svc:8080")
                    .containsEntry("HF_TOKEN_PATH", "/var/run/stoa/hub/token")
                    .containsEntry("VLLM_ALLOW_RUNTIME_LORA_UPDATING", "True").doesNotContainKey("HF_TOKEN");
            assertThat(vllm.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
            var pod = d.getSpec().getTemplate().getSpec();
            assertThat(pod.getNodeSelector()).containsEntry("pool", "gpu").containsEntry("zone", "a")
                    .containsEntry("nvidia.com/gpu.product", "NVIDIA-A100-SXM4-80GB");
            assertThat(pod.getTolerations()).extracting(t -> t.getKey() + "/" + t.getOperator() + "/" + t.getEffect())
                    .containsExactly("nvidia.com/gpu/Exists/NoSchedule", "dedicated/Equal/NoExecute");
            assertThat(pod.getAutomountServiceAccountToken()).isFalse();

            Secret secret = client.secrets().inNamespace(NS).withName("stoa-sql-assistant-7-hub").get();
            assertThat(new String(Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.UTF_8))
                    .isEqualTo("stoa_token1");
            assertThat(secret.getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(o -> assertThat(o.getName()).isEqualTo("stoa-sql-assistant-7"));
            Service service = client.services().inNamespace(NS).withName("stoa-sql-assistant-7").get();
            assertThat(service.getSpec().getPorts().getFirst().getPort()).isEqualTo(8000);
            assertThat(service.getSpec().getSelector()).containsEntry("app.kubernetes.io/instance", "sql-assistant-7");
            NetworkPolicy policy = client.network().v1().networkPolicies().inNamespace(NS).withName("stoa-sql-assistant-7").get();
            assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
                assertThat(rule.getFrom()).singleElement().satisfies(peer -> assertThat(peer.getPodSelector()
                        .getMatchLabels()).containsExactly(Map.entry("app.kubernetes.io/name", "stoa")));
                assertThat(rule.getPorts().getFirst().getPort().getIntVal()).isEqualTo(8000);
            });

            RemoteEngine engine = (RemoteEngine) deployment.engine();
            assertThat(engine.baseUrl().toString()).isEqualTo("http://stoa-sql-assistant-7.models.svc:8000/v1");
            assertThat(engine.upstreamName("alice/llama-sql-lora")).isEqualTo("alice/llama-sql-lora");

            // Half an hour on, the token is renewed in the Secret (the kubelet updates the mounted file).
            deployment.renewTokenIfDue(Instant.now().plus(Duration.ofMinutes(10)));
            assertThat(context.issued).isEqualTo(1);
            deployment.renewTokenIfDue(Instant.now().plus(Duration.ofMinutes(31)));
            Secret renewed = client.secrets().inNamespace(NS).withName("stoa-sql-assistant-7-hub").get();
            assertThat(new String(Base64.getDecoder().decode(renewed.getData().get("token")), StandardCharsets.UTF_8))
                    .isEqualTo("stoa_token2");
        } finally {
            deployment.close();
        }
        assertThat(deployment.status().state()).isEqualTo(State.STOPPED);
        assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).isEmpty();
        assertThat(client.secrets().inNamespace(NS).list().getItems()).isEmpty();
        assertThat(client.services().inNamespace(NS).list().getItems()).isEmpty();
        assertThat(client.network().v1().networkPolicies().inNamespace(NS).list().getItems()).isEmpty();
    }

    @Test
    void podConditionsBecomeMessagesPeopleUnderstand() throws IOException {
        KubernetesRunner runner = new KubernetesRunner(client, settings(null));
        Context context = new Context();
        VllmDeployment deployment = (VllmDeployment) runner.deploy(spec(2), context);
        try {
            deployment.refreshStatus();
            assertThat(deployment.status().message()).contains("waiting for Kubernetes to create the pod");

            Pod pod = client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("vllm-0")
                    .withLabels(Map.of("app.kubernetes.io/instance", "sql-assistant-7", "stoa.dev/installation", "stoa"))
                    .endMetadata().withNewStatus().addNewCondition().withType("PodScheduled").withStatus("False")
                    .withReason("Unschedulable").withMessage("0/3 nodes are available: 3 Insufficient nvidia.com/gpu.")
                    .endCondition().endStatus().build()).create();
            deployment.refreshStatus();
            assertThat(deployment.status().state()).isEqualTo(State.PENDING);
            assertThat(deployment.status().message()).isEqualTo(
                    "no node has 2 free nvidia.com/gpu (0/3 nodes are available: 3 Insufficient nvidia.com/gpu.)");

            pod = status(pod, new PodBuilder(pod).editStatus().withConditions().addNewContainerStatus().withName("vllm")
                    .withNewState().withNewWaiting().withReason("ImagePullBackOff")
                    .withMessage("Back-off pulling image \"vllm/vllm-openai:v9\"").endWaiting().endState()
                    .endContainerStatus().endStatus().build());
            deployment.refreshStatus();
            assertThat(deployment.status().state()).isEqualTo(State.FAILED);
            assertThat(deployment.status().message()).startsWith("image could not be pulled: Back-off pulling image");

            pod = status(pod, new PodBuilder(pod).editStatus().withContainerStatuses().addNewContainerStatus()
                    .withName("vllm").withRestartCount(3).withNewState().withNewWaiting().withReason("CrashLoopBackOff")
                    .endWaiting().endState().withNewLastState().withNewTerminated().withReason("OOMKilled").withExitCode(137)
                    .endTerminated().endLastState().endContainerStatus().endStatus().build());
            deployment.refreshStatus();
            assertThat(deployment.status().message()).startsWith("vLLM ran out of memory (OOMKilled, restarted 3 times)");

            pod = status(pod, new PodBuilder(pod).editStatus().withContainerStatuses().addNewContainerStatus()
                    .withName("vllm").withNewState().withNewRunning().endRunning().endState().endContainerStatus()
                    .endStatus().build());
            deployment.refreshStatus();
            assertThat(deployment.status().state()).isEqualTo(State.LOADING);
            assertThat(deployment.status().message()).isEqualTo("vLLM is downloading the weights and starting");

            status(pod, new PodBuilder(pod).editStatus().addNewCondition().withType("Ready").withStatus("True")
                    .endCondition().endStatus().build());
            deployment.refreshStatus();
            assertThat(deployment.status().state()).isEqualTo(State.READY);
            assertThat(context.reports).extracting(DeploymentStatus::state)
                    .containsSubsequence(State.PENDING, State.FAILED, State.LOADING, State.READY);
        } finally {
            deployment.close();
        }
    }

    private static Pod status(Pod pod, Pod changed) {
        return client.pods().inNamespace(NS).resource(changed).update();
    }

    @Test
    void orphansOfDeletedDeploymentsAreCollectedAndOthersKept() throws IOException {
        KubernetesRunner runner = new KubernetesRunner(client, settings(null));
        Context kept = new Context();
        VllmDeployment alive = (VllmDeployment) runner.deploy(spec(1), kept);
        Context orphan = new Context() {
            @Override
            public String deploymentName() {
                return "deleted-while-down-3";
            }
        };
        runner.deploy(spec(1), orphan); // never closed: Stoa was killed
        // Stoa stopping lets go of the workload without deleting it; the next start takes it over.
        alive.detach();
        assertThat(alive.status().state()).isEqualTo(State.STOPPED);
        assertThat(client.apps().deployments().inNamespace(NS).withName("stoa-sql-assistant-7").get()).isNotNull();
        alive = (VllmDeployment) runner.deploy(spec(1), kept);
        assertThat(runner.collectOrphans(Set.of("sql-assistant-7"))).containsExactly("deleted-while-down-3");
        assertThat(client.apps().deployments().inNamespace(NS).list().getItems())
                .extracting(d -> d.getMetadata().getName()).containsExactly("stoa-sql-assistant-7");
        assertThat(client.secrets().inNamespace(NS).list().getItems()).hasSize(1);
        alive.close();
    }

    @Test
    void admitsWhatVllmServesWithItsLoraLimits() {
        KubernetesRunner runner = new KubernetesRunner(client, settings(null));
        ModelFacts base = new ModelFacts(BASE, "LlamaForCausalLM", "llama", Set.of("BF16"), 8_000_000_000L,
                16_000_000_000L, Map.of(), List.of("model.safetensors"), Optional.empty());
        ModelFacts lora = adapter(16, List.of(), "acme/llama-8b");
        assertThat(runner.admit(spec(1), base, List.of(lora)).accepted()).isTrue();

        Admission noGpu = runner.admit(spec(0), base, List.of(lora));
        assertThat(noGpu.refusals()).extracting(Admission.Refusal::reason).containsExactly(Admission.Reason.RESOURCES);
        Admission refused = runner.admit(new DeploymentSpec(BASE, spec(1).adapters(), null, spec(1).resources(),
                Map.of("port", "9000")), base, List.of(adapter(64, List.of("lm_head"), "other/model")));
        assertThat(refused.refusals()).extracting(Admission.Refusal::reason).containsExactlyInAnyOrder(
                Admission.Reason.OTHER, Admission.Reason.ADAPTER_RANK, Admission.Reason.ADAPTER_WEIGHTS,
                Admission.Reason.ADAPTER_BASE);
        assertThat(refused.summary()).contains("Stoa sets --port itself", "rank 64", "lm_head", "trained on other/model");
    }

    private static ModelFacts adapter(int rank, List<String> modulesToSave, String base) {
        return new ModelFacts(LORA, "", "", Set.of("F32"), 1_000_000, 4_000_000, Map.of(), List.of(),
                Optional.of(new ModelFacts.AdapterFacts(base, rank, rank * 2, List.of("q_proj", "v_proj"), modulesToSave,
                        List.of())));
    }

    @Test
    void passesTheRunnerConformanceCheck(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        HttpServer vllm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        vllm.createContext("/v1/models", exchange -> {
            byte[] list = "{\"object\":\"list\",\"data\":[{\"id\":\"acme/tiny\"}]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, list.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(list);
            }
        });
        vllm.start();
        try {
            ModelRef ref = RunnerHarness.ref("acme/tiny");
            Path folder = dev.stoa.spi.testkit.TinyModel.llama(1).writeTo(dir.resolve("model"));
            RunnerHarness.FolderContext context = new RunnerHarness.FolderContext(Map.of(ref, folder),
                    dir.resolve("work")).withHubAccess(new DeploymentContext.HubAccess(URI.create("http://stoa:8080"),
                    "stoa_token", Instant.now().plus(Duration.ofHours(1))));
            // The cluster runs the pod: here it is created ready, as the kubelet would report it.
            client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("vllm-conformance")
                    .withLabels(Map.of("app.kubernetes.io/instance", context.deploymentName(), "stoa.dev/installation",
                            "stoa")).endMetadata().withNewStatus().addNewCondition().withType("Ready").withStatus("True")
                    .endCondition().endStatus().build()).create();
            KubernetesRunner runner = new KubernetesRunner(client, settings("http://127.0.0.1:"
                    + vllm.getAddress().getPort() + "/v1"));
            DeploymentSpec spec = new DeploymentSpec(ref, List.of(), null, new Resources(0, 0, 1, "", Map.of()), Map.of());
            RunnerHarness.checkConformance(runner, spec, Map.of(ref, folder), context, false);
            assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).isEmpty();
        } finally {
            vllm.stop(0);
        }
    }

    @Test
    void adaptersAreLoadedAndUnloadedWithVllmsDocumentedBodies() throws IOException {
        List<String> calls = new ArrayList<>();
        HttpServer vllm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        vllm.createContext("/v1/", exchange -> {
            calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] ok = "Success".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(calls.size() > 2 ? 400 : 200, ok.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ok);
            }
        });
        vllm.start();
        try {
            KubernetesRunner runner = new KubernetesRunner(client, settings("http://127.0.0.1:"
                    + vllm.getAddress().getPort() + "/v1"));
            VllmDeployment deployment = (VllmDeployment) runner.deploy(spec(1), new Context());
            try {
                assertThat(deployment.servesAdapters()).isTrue();
                deployment.loadAdapter(new AdapterRef("bob/llama-poems", new ModelRef(
                        new dev.stoa.spi.RepoRef("model", "bob", "llama-poems"), LORA.commit())));
                deployment.unloadAdapter("bob/llama-poems");
                assertThat(calls).containsExactly(
                        "POST /v1/load_lora_adapter {\"lora_name\":\"bob/llama-poems\",\"lora_path\":\"bob/llama-poems\"}",
                        "POST /v1/unload_lora_adapter {\"lora_name\":\"bob/llama-poems\"}");
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> deployment.unloadAdapter("nobody/x"))
                        .hasMessageContaining("vLLM would not unload nobody/x (HTTP 400)");
            } finally {
                deployment.close();
            }
        } finally {
            vllm.stop(0);
        }
    }
}
