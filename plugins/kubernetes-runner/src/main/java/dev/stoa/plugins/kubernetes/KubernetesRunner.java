package dev.stoa.plugins.kubernetes;

import dev.stoa.spi.InferenceRunner;
import dev.stoa.spi.inference.Admission;
import dev.stoa.spi.inference.Admission.Reason;
import dev.stoa.spi.inference.Admission.Refusal;
import dev.stoa.spi.inference.Deployment;
import dev.stoa.spi.inference.DeploymentContext;
import dev.stoa.spi.inference.DeploymentSpec;
import dev.stoa.spi.inference.ModelFacts;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Serves a base model and LoRA adapters with vLLM on Kubernetes GPUs ({@link VllmDeployment}); admits what vLLM can
 * serve with the settings' LoRA limits, and at Stoa's start removes the workloads of deployments that are gone.
 */
final class KubernetesRunner implements InferenceRunner {

    static final String NAME = "vllm";

    private final KubernetesClient client;
    private final RunnerSettings settings;

    KubernetesRunner(KubernetesClient client, RunnerSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    private String namespace() {
        if (!settings.namespace().isBlank()) {
            return settings.namespace();
        }
        String own = client.getNamespace();
        return own == null || own.isBlank() ? "default" : own;
    }

    @Override
    public Admission admit(DeploymentSpec spec, ModelFacts base, List<ModelFacts> adapters) {
        List<Refusal> refusals = new ArrayList<>();
        if (spec.resources().gpuCount() < 1) {
            refusals.add(new Refusal(Reason.RESOURCES, "vLLM runs on GPUs: ask for at least one (resources.gpus)"));
        }
        if (base.dtypes().isEmpty()) {
            refusals.add(new Refusal(Reason.DTYPE, "the model has no safetensors weights"));
        }
        for (String key : spec.engineOptions().keySet()) {
            String why = VllmObjects.refusalOf(key);
            if (why != null) {
                refusals.add(new Refusal(Reason.OTHER, why));
            }
        }
        String baseId = spec.base().repository().id();
        for (ModelFacts adapter : adapters) {
            String name = adapter.model().repository().id();
            ModelFacts.AdapterFacts lora = adapter.adapter().orElse(null);
            if (lora == null) {
                refusals.add(new Refusal(Reason.OTHER, name + " is not a LoRA adapter (no adapter_config.json)"));
                continue;
            }
            if (lora.rank() > settings.maxLoraRank()) {
                refusals.add(new Refusal(Reason.ADAPTER_RANK, name + " has rank " + lora.rank() + ", above this runner's"
                        + " --max-lora-rank " + settings.maxLoraRank()));
            }
            if (!lora.modulesToSave().isEmpty() || !lora.fullWeights().isEmpty()) {
                Set<String> whole = new LinkedHashSet<>(lora.modulesToSave());
                whole.addAll(lora.fullWeights());
                refusals.add(new Refusal(Reason.ADAPTER_WEIGHTS, name + " carries whole weights of " + String.join(", ",
                        whole) + ", which vLLM's LoRA serving does not apply"));
            }
            if (!lora.baseModel().isBlank() && !lora.baseModel().equalsIgnoreCase(baseId)) {
                refusals.add(new Refusal(Reason.ADAPTER_BASE, name + " was trained on " + lora.baseModel() + ", not on "
                        + baseId));
            }
        }
        return refusals.isEmpty() ? Admission.accept() : Admission.refuse(refusals);
    }

    @Override
    public Deployment deploy(DeploymentSpec spec, DeploymentContext context) throws IOException {
        if (context.deploymentName().isBlank()) {
            throw new IOException("the host gave this deployment no name to label its Kubernetes objects with");
        }
        return VllmDeployment.start(client, namespace(), settings, spec, context);
    }

    @Override
    public Set<String> collectOrphans(Set<String> deploymentNames) throws IOException {
        String namespace = namespace();
        Set<String> removed = new LinkedHashSet<>();
        try {
            for (var deployment : client.apps().deployments().inNamespace(namespace)
                    .withLabel(VllmObjects.MANAGED_BY, "stoa").withLabel(VllmObjects.INSTALLATION, settings.installation())
                    .list().getItems()) {
                String name = deployment.getMetadata().getLabels().get(VllmObjects.INSTANCE);
                if (name != null && !deploymentNames.contains(name)) {
                    deleteInstance(client, namespace, Map.of(VllmObjects.INSTANCE, name,
                            VllmObjects.INSTALLATION, settings.installation()));
                    removed.add(name);
                }
            }
        } catch (KubernetesClientException e) {
            throw new IOException("cannot list the vLLM workloads in namespace " + namespace + ": " + e.getMessage(), e);
        }
        return removed;
    }

    /** Deletes every object of one deployment (the garbage collector would follow the Deployment; do not wait for it). */
    static void deleteInstance(KubernetesClient client, String namespace, Map<String, String> selector) {
        client.apps().deployments().inNamespace(namespace).withLabels(selector).delete();
        client.services().inNamespace(namespace).withLabels(selector).delete();
        client.secrets().inNamespace(namespace).withLabels(selector).delete();
        client.network().v1().networkPolicies().inNamespace(namespace).withLabels(selector).delete();
    }
}
