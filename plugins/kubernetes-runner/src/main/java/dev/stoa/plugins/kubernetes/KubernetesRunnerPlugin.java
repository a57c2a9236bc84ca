package dev.stoa.plugins.kubernetes;

import dev.stoa.spi.ConfigProperty;
import dev.stoa.spi.ConfigProperty.Type;
import dev.stoa.spi.InferenceRunner;
import dev.stoa.spi.InferenceRunnerFactory;
import dev.stoa.spi.PluginConfig;
import dev.stoa.spi.PluginDescriptor;
import dev.stoa.spi.StoaPlugin;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.List;

/**
 * Runs vLLM's OpenAI-compatible server on GPUs that Stoa schedules on Kubernetes: per deployment a Deployment, a
 * Service, a Secret with a rotated, repository-limited read token for Stoa and a NetworkPolicy that lets only Stoa in.
 * Off until an administrator enables it (the built-in plugins list); it talks to the cluster Stoa runs in, with the
 * rights the Helm chart's Role gives.
 */
public final class KubernetesRunnerPlugin implements StoaPlugin {

    /** The plugin id: configuration lives under {@code stoa.plugins.kubernetes-runner.*}. */
    public static final String ID = "kubernetes-runner";

    static final ConfigProperty NAMESPACE = ConfigProperty.optional("namespace", Type.STRING, "",
            "The namespace the vLLM workloads go to; empty: the namespace of Stoa's service account.");
    static final ConfigProperty IMAGE = ConfigProperty.optional("image", Type.STRING, "vllm/vllm-openai:v0.11.0",
            "The vLLM image (its OpenAI-compatible server).");
    static final ConfigProperty GPU_RESOURCE = ConfigProperty.optional("gpu-resource", Type.STRING, "nvidia.com/gpu",
            "The extended resource GPUs are requested as.");
    static final ConfigProperty GPU_TYPE_LABEL = ConfigProperty.optional("gpu-type-label", Type.STRING,
            "nvidia.com/gpu.product", "The node label a deployment's GPU type selects on (GPU feature discovery's).");
    static final ConfigProperty NODE_SELECTOR = ConfigProperty.optional("node-selector", Type.STRING, "",
            "Node labels every vLLM pod needs, as key=value,key=value.");
    static final ConfigProperty TOLERATIONS = ConfigProperty.optional("tolerations", Type.STRING, "",
            "Taints the pods tolerate, as key=value:Effect or key:Effect, comma-separated.");
    static final ConfigProperty MAX_LORA_RANK = ConfigProperty.optional("max-lora-rank", Type.INTEGER, "64",
            "vLLM's --max-lora-rank: adapters of a higher rank are refused.");
    static final ConfigProperty MAX_LORAS = ConfigProperty.optional("max-loras", Type.INTEGER, "4",
            "vLLM's --max-loras: adapters batched together on the GPU.");
    static final ConfigProperty MAX_CPU_LORAS = ConfigProperty.optional("max-cpu-loras", Type.INTEGER, "16",
            "vLLM's --max-cpu-loras: adapters kept in host memory.");
    static final ConfigProperty STOA_SELECTOR = ConfigProperty.optional("stoa-pod-selector", Type.STRING,
            "app.kubernetes.io/name=stoa", "The labels of Stoa's pods, the only ones the NetworkPolicy lets reach vLLM.");
    static final ConfigProperty STOA_NAMESPACE = ConfigProperty.optional("stoa-namespace", Type.STRING, "",
            "The namespace of Stoa's pods when it is not the workloads' own.");
    static final ConfigProperty INSTALLATION = ConfigProperty.optional("installation", Type.STRING, "stoa",
            "Tells this Stoa's workloads from another's in the same namespace (orphans are collected per installation).");
    static final ConfigProperty SERVICE_URL = ConfigProperty.optional("service-url", Type.STRING,
            "http://{service}.{namespace}.svc:{port}/v1", "How Stoa reaches a deployment's vLLM server.");
    static final ConfigProperty API_SERVER = ConfigProperty.optional("api-server", Type.STRING, "",
            "The Kubernetes API server; empty: the cluster Stoa runs in (or the kubeconfig).");
    static final ConfigProperty STATUS_SECONDS = ConfigProperty.optional("status-interval-seconds", Type.INTEGER, "5",
            "How often a deployment's pods are looked at.");

    @Override
    public PluginDescriptor descriptor() {
        return PluginDescriptor.of(ID, "Kubernetes GPU runner", "1.0.0",
                "Runs vLLM on GPUs that Stoa schedules on Kubernetes, with LoRA adapters loaded at run time.",
                NAMESPACE, IMAGE, GPU_RESOURCE, GPU_TYPE_LABEL, NODE_SELECTOR, TOLERATIONS, MAX_LORA_RANK, MAX_LORAS,
                MAX_CPU_LORAS, STOA_SELECTOR, STOA_NAMESPACE, INSTALLATION, SERVICE_URL, API_SERVER, STATUS_SECONDS);
    }

    @Override
    public List<InferenceRunnerFactory> inferenceRunners() {
        return List.of(new InferenceRunnerFactory() {
            @Override
            public String name() {
                return KubernetesRunner.NAME;
            }

            @Override
            public InferenceRunner create(PluginConfig config) {
                RunnerSettings settings = RunnerSettings.of(config);
                ConfigBuilder client = new ConfigBuilder(Config.autoConfigure(null));
                config.get(API_SERVER.name()).filter(s -> !s.isBlank()).ifPresent(client::withMasterUrl);
                KubernetesClient kubernetes = new KubernetesClientBuilder().withConfig(client.build()).build();
                return new KubernetesRunner(kubernetes, settings);
            }
        });
    }
}
