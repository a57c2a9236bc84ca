package dev.stoa.plugins.kubernetes;

import dev.stoa.spi.inference.AdapterRef;
import dev.stoa.spi.inference.DeploymentSpec;
import dev.stoa.spi.inference.Resources;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Kubernetes objects of one vLLM deployment, built from the spec and the runner's settings alone: what they are
 * is decided here, where creating them is {@link VllmDeployment}'s.
 */
final class VllmObjects {

    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String INSTANCE = "app.kubernetes.io/instance";
    static final String INSTALLATION = "stoa.dev/installation";
    static final String MODEL = "stoa.dev/model";
    static final String TOKEN_KEY = "token";
    static final String TOKEN_DIR = "/var/run/stoa/hub";
    /** vLLM arguments Stoa sets itself, which engine options may not override. */
    static final Set<String> RESERVED = Set.of("model", "revision", "served-model-name", "host", "port", "enable-lora",
            "max-loras", "max-lora-rank", "max-cpu-loras", "lora-modules", "download-dir", "api-key");
    private static final Pattern OPTION = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final Pattern LABEL_VALUE = Pattern.compile("[^A-Za-z0-9._-]");

    private final RunnerSettings settings;
    private final String deploymentName;
    private final DeploymentSpec spec;

    VllmObjects(RunnerSettings settings, String deploymentName, DeploymentSpec spec) {
        this.settings = settings;
        this.deploymentName = deploymentName;
        this.spec = spec;
    }

    /** The name of every object: {@code stoa-} and the deployment's name. */
    String name() {
        return "stoa-" + deploymentName;
    }

    String secretName() {
        return name() + "-hub";
    }

    /** The labels every object carries; {@link #selector()} finds them again. */
    Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>(selector());
        labels.put("app.kubernetes.io/name", "vllm");
        labels.put(MANAGED_BY, "stoa");
        String model = LABEL_VALUE.matcher(spec.base().repository().id().replace('/', '.')).replaceAll("-");
        labels.put(MODEL, model.length() > 63 ? model.substring(0, 63) : model);
        return labels;
    }

    Map<String, String> selector() {
        return Map.of(INSTANCE, deploymentName, INSTALLATION, settings.installation());
    }

    /** The arguments of vLLM's OpenAI-compatible server. */
    List<String> args() {
        String model = spec.base().repository().id();
        List<String> args = new ArrayList<>(List.of("--model", model, "--revision", spec.base().commit(),
                "--served-model-name", model, "--host", "0.0.0.0", "--port", Integer.toString(RunnerSettings.PORT)));
        if (!spec.adapters().isEmpty() || "true".equals(spec.engineOptions().get("enable-lora"))) {
            args.addAll(List.of("--enable-lora", "--max-loras", Integer.toString(settings.maxLoras()),
                    "--max-lora-rank", Integer.toString(settings.maxLoraRank()),
                    "--max-cpu-loras", Integer.toString(settings.maxCpuLoras())));
            if (!spec.adapters().isEmpty()) {
                args.add("--lora-modules");
                for (AdapterRef adapter : spec.adapters()) {
                    args.add(adapter.name() + "=" + adapter.model().repository().id());
                }
            }
        }
        if (spec.resources().gpuCount() > 1 && !spec.engineOptions().containsKey("tensor-parallel-size")) {
            args.addAll(List.of("--tensor-parallel-size", Integer.toString(spec.resources().gpuCount())));
        }
        // In name order: the same spec gives the same pod template (no rollout on Stoa's restart).
        new java.util.TreeMap<>(spec.engineOptions()).forEach((key, value) -> {
            if (key.equals("enable-lora")) {
                return;
            }
            args.add("--" + key);
            if (!value.equals("true")) {
                args.add(value);
            }
        });
        return args;
    }

    /** Why an engine option cannot be passed to vLLM, or null when it can. */
    static String refusalOf(String key) {
        if (!OPTION.matcher(key).matches()) {
            return "'" + key + "' is not a vLLM option name (lowercase words joined by '-', as in max-model-len)";
        }
        return RESERVED.contains(key) ? "Stoa sets --" + key + " itself" : null;
    }

    Deployment deployment(URI hubEndpoint) {
        Resources r = spec.resources();
        Map<String, Quantity> limits = new LinkedHashMap<>();
        Map<String, Quantity> requests = new LinkedHashMap<>();
        limits.put(settings.gpuResource(), new Quantity(Integer.toString(r.gpuCount())));
        if (r.cpuMillis() > 0) {
            limits.put("cpu", new Quantity(r.cpuMillis() + "m"));
            requests.put("cpu", new Quantity(r.cpuMillis() + "m"));
        }
        if (r.memoryBytes() > 0) {
            limits.put("memory", new Quantity(Long.toString(r.memoryBytes())));
            requests.put("memory", new Quantity(Long.toString(r.memoryBytes())));
        }
        Map<String, String> nodeSelector = new LinkedHashMap<>(settings.nodeSelector());
        nodeSelector.putAll(r.nodeSelector());
        if (!r.gpuType().isBlank()) {
            nodeSelector.put(settings.gpuTypeLabel(), r.gpuType());
        }
        List<EnvVar> env = List.of(
                new EnvVar("HF_ENDPOINT", hubEndpoint.toString(), null),
                // A file the kubelet refreshes when Stoa rotates the token; HF_TOKEN itself could not change.
                new EnvVar("HF_TOKEN_PATH", TOKEN_DIR + "/" + TOKEN_KEY, null),
                new EnvVar("HF_HUB_DISABLE_TELEMETRY", "1", null),
                // Runtime adapter loading, on this pod only; the NetworkPolicy lets only Stoa call it.
                new EnvVar("VLLM_ALLOW_RUNTIME_LORA_UPDATING", "True", null));
        return new DeploymentBuilder()
                .withNewMetadata().withName(name()).withLabels(labels()).endMetadata()
                .withNewSpec().withReplicas(1)
                .withNewSelector().withMatchLabels(selector()).endSelector()
                .withNewStrategy().withType("Recreate").endStrategy()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels()).endMetadata()
                .withNewSpec()
                .withAutomountServiceAccountToken(false)
                .withNodeSelector(nodeSelector)
                .withTolerations(settings.tolerations())
                .addToContainers(new ContainerBuilder().withName("vllm").withImage(settings.image()).withArgs(args())
                        .withEnv(env)
                        .addNewPort().withName("http").withContainerPort(RunnerSettings.PORT).endPort()
                        .withNewResources().withLimits(limits).withRequests(requests).endResources()
                        .withNewReadinessProbe().withNewHttpGet().withPath("/health")
                        .withPort(new IntOrString(RunnerSettings.PORT)).endHttpGet().withPeriodSeconds(10).endReadinessProbe()
                        // Downloading the weights comes first: up to an hour before the server answers.
                        .withNewStartupProbe().withNewHttpGet().withPath("/health")
                        .withPort(new IntOrString(RunnerSettings.PORT)).endHttpGet().withPeriodSeconds(10)
                        .withFailureThreshold(360).endStartupProbe()
                        .addNewVolumeMount().withName("hub").withMountPath(TOKEN_DIR).withReadOnly(true).endVolumeMount()
                        .addNewVolumeMount().withName("shm").withMountPath("/dev/shm").endVolumeMount()
                        .build())
                .addNewVolume().withName("hub").withNewSecret().withSecretName(secretName()).endSecret().endVolume()
                .addNewVolume().withName("shm").withNewEmptyDir().withMedium("Memory").endEmptyDir().endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    Secret tokenSecret(String token, Deployment owner) {
        return new SecretBuilder().withNewMetadata().withName(secretName()).withLabels(labels())
                .withOwnerReferences(ownedBy(owner)).endMetadata()
                .withType("Opaque")
                .withData(Map.of(TOKEN_KEY, Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8))))
                .build();
    }

    Service service(Deployment owner) {
        return new ServiceBuilder().withNewMetadata().withName(name()).withLabels(labels())
                .withOwnerReferences(ownedBy(owner)).endMetadata()
                .withNewSpec().withType("ClusterIP").withSelector(selector())
                .addNewPort().withName("http").withPort(RunnerSettings.PORT)
                .withTargetPort(new IntOrString(RunnerSettings.PORT)).withProtocol("TCP").endPort()
                .endSpec().build();
    }

    /** Only Stoa's pods reach the server (and its adapter loading routes); nothing else in the cluster does. */
    NetworkPolicy networkPolicy(Deployment owner) {
        NetworkPolicyPeerBuilder stoa = new NetworkPolicyPeerBuilder().withNewPodSelector()
                .withMatchLabels(settings.stoaSelector()).endPodSelector();
        if (!settings.stoaNamespace().isBlank()) {
            stoa.withNewNamespaceSelector().withMatchLabels(Map.of("kubernetes.io/metadata.name", settings.stoaNamespace()))
                    .endNamespaceSelector();
        }
        return new NetworkPolicyBuilder().withNewMetadata().withName(name()).withLabels(labels())
                .withOwnerReferences(ownedBy(owner)).endMetadata()
                .withNewSpec().withNewPodSelector().withMatchLabels(selector()).endPodSelector()
                .withPolicyTypes("Ingress")
                .addNewIngress().withFrom(stoa.build())
                .addNewPort().withProtocol("TCP").withPort(new IntOrString(RunnerSettings.PORT)).endPort()
                .endIngress()
                .endSpec().build();
    }

    /** Deleting the Deployment deletes the rest (Kubernetes' garbage collector), should Stoa not be there to. */
    private static OwnerReference ownedBy(HasMetadata owner) {
        return new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                .withBlockOwnerDeletion(true).withController(true).build();
    }

    /** The URL Stoa calls the server at. */
    URI serviceUrl(String namespace) {
        return URI.create(settings.serviceUrl().replace("{service}", name()).replace("{namespace}", namespace)
                .replace("{port}", Integer.toString(RunnerSettings.PORT)));
    }
}
