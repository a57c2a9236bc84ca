package dev.stoa.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.io.StringReader;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** ci/inference-values.yaml: the Kubernetes runner switched on, its settings, its rights and its network paths. */
class InferenceValuesTest {

    @Test
    void theRunnerGetsItsSettingsAndStoasAddressForThePods() throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(Chart.render("inference").properties()));
        assertThat(properties).containsEntry("stoa.plugins.kubernetes-runner.enabled", "true")
                .containsEntry("stoa.plugins.kubernetes-runner.namespace", "models")
                .containsEntry("stoa.plugins.kubernetes-runner.image", "vllm/vllm-openai:v0.11.0")
                .containsEntry("stoa.plugins.kubernetes-runner.node-selector", "pool=gpu")
                .containsEntry("stoa.plugins.kubernetes-runner.tolerations", "nvidia.com/gpu:NoSchedule,dedicated=inference:NoExecute")
                .containsEntry("stoa.plugins.kubernetes-runner.max-lora-rank", "32")
                .containsEntry("stoa.plugins.kubernetes-runner.stoa-namespace", Chart.NAMESPACE)
                .containsEntry("stoa.plugins.kubernetes-runner.installation", "hub-stoa")
                .containsEntry("stoa.inference.hub-endpoint", "http://hub-stoa." + Chart.NAMESPACE + ".svc:80");
        assertThat(properties.getProperty("stoa.plugins.kubernetes-runner.stoa-pod-selector"))
                .contains("app.kubernetes.io/instance=hub", "app.kubernetes.io/name=stoa");
        assertThat(Chart.render("minimal").properties()).doesNotContain("kubernetes-runner");
    }

    @Test
    void itMayManageTheWorkloadsOfItsNamespaceAndNothingElse() {
        Rendered rendered = Chart.render("inference");
        Role role = rendered.all(Role.class).stream().filter(r -> r.getMetadata().getName().endsWith("-inference"))
                .findFirst().orElseThrow();
        assertThat(role.getMetadata().getNamespace()).isEqualTo("models");
        assertThat(role.getRules()).flatExtracting(PolicyRule::getResources)
                .containsExactlyInAnyOrder("deployments", "services", "secrets", "networkpolicies", "pods");
        assertThat(role.getRules()).allSatisfy(r -> assertThat(r.getVerbs()).doesNotContain("*"));
        PolicyRule pods = role.getRules().stream().filter(r -> r.getResources().contains("pods")).findFirst().orElseThrow();
        assertThat(pods.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch");
        RoleBinding binding = rendered.all(RoleBinding.class).stream()
                .filter(b -> b.getMetadata().getName().endsWith("-inference")).findFirst().orElseThrow();
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getName()).isEqualTo(rendered.one(ServiceAccount.class).getMetadata().getName());
            assertThat(s.getNamespace()).isEqualTo(Chart.NAMESPACE);
        });
        assertThat(rendered.one(ServiceAccount.class).getAutomountServiceAccountToken()).isTrue();
        assertThat(rendered.pod().getAutomountServiceAccountToken()).isTrue();
    }

    @Test
    void stoaMayReachTheVllmPodsAndTheKubernetesApi() {
        NetworkPolicy policy = Chart.render("inference", java.util.Map.of("networkPolicy.allowExternalEgress", false))
                .one(NetworkPolicy.class);
        assertThat(policy.getSpec().getEgress()).anySatisfy(rule -> {
            assertThat(rule.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getIntVal()).isEqualTo(8000));
            assertThat(rule.getTo()).singleElement().satisfies(peer -> {
                assertThat(peer.getPodSelector().getMatchLabels()).containsEntry("stoa.dev/installation", "hub-stoa");
                assertThat(peer.getNamespaceSelector().getMatchLabels()).containsEntry("kubernetes.io/metadata.name", "models");
            });
        });
    }
}
