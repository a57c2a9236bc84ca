package dev.stoa.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** ci/external-plugins-values.yaml and ci/gpu-values.yaml: plugin jars, plugin settings, GPU nodes, Jobs. */
class PluginValuesTest {

    @Test
    void anInitContainerCopiesThePluginImagesJarsIntoThePluginsFolder() {
        Rendered rendered = Chart.render("external-plugins");
        Container init = rendered.pod().getInitContainers().stream().filter(c -> c.getName().equals("plugins")).findFirst().orElseThrow();
        String pluginsDir = rendered.envValue("STOA_PLUGINS_DIR");

        assertThat(init.getImage()).isEqualTo("example/stoa-plugins:1.4.0");
        assertThat(String.join(" ", init.getCommand())).contains("\"$PLUGINS_SOURCE\"/*.jar " + pluginsDir + "/");
        assertThat(init.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("PLUGINS_SOURCE");
            assertThat(e.getValue()).isEqualTo("/plugins");
        });
        assertThat(ChartRenderTest.mountPath(init, "plugins")).isEqualTo(pluginsDir);
        assertThat(ChartRenderTest.mountPath(rendered.stoa(), "plugins")).isEqualTo(pluginsDir);
        assertThat(volume(rendered, "plugins").getEmptyDir()).isNotNull();
        assertThat(rendered.envValue("STOA_CHECKS_WORKERS")).isEqualTo("4");
    }

    @Test
    void pluginSettingsGoToThePropertiesFileAndTheirSecretsThroughTheEnvironment() {
        Rendered rendered = Chart.render("external-plugins");
        assertThat(rendered.properties()).contains(
                "stoa.plugins.acme-evaluator.endpoint=http://evaluator.ml.svc.cluster.local:8000",
                "stoa.plugins.acme-evaluator.api-key=${ACME_EVALUATOR_API_KEY}");
        assertThat(rendered.env("ACME_EVALUATOR_API_KEY").orElseThrow().getValueFrom().getSecretKeyRef().getName())
                .isEqualTo("acme-evaluator");
    }

    @Test
    void settingsAreWrittenAsJavaPropertiesWithBackslashesAndLineBreaksEscaped() throws IOException {
        String pattern = "^models\\\\.+$";
        Rendered rendered = Chart.render("minimal", Map.of(
                "config.stoa\\.plugins\\.acme\\.pattern", pattern,
                "config.stoa\\.plugins\\.acme\\.banner", "line one\nline two"));
        Properties properties = new Properties();
        properties.load(new StringReader(rendered.properties()));
        assertThat(properties.getProperty("stoa.plugins.acme.pattern")).isEqualTo(pattern);
        assertThat(properties.getProperty("stoa.plugins.acme.banner")).isEqualTo("line one\nline two");
    }

    @Test
    void withoutPluginSourcesThereIsNoPluginsFolder() {
        Rendered rendered = Chart.render("minimal");
        assertThat(rendered.pod().getInitContainers()).isEmpty();
        assertThat(rendered.env("STOA_PLUGINS_DIR")).isEmpty();
        assertThat(rendered.pod().getVolumes()).extracting(Volume::getName).doesNotContain("plugins");
    }

    @Test
    void gpuReplicasAskForAGpuAndLandOnGpuNodes() {
        Rendered rendered = Chart.render("gpu");
        assertThat(rendered.stoa().getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("1"));
        assertThat(rendered.stoa().getResources().getLimits()).containsEntry("memory", new Quantity("32Gi"));
        assertThat(rendered.pod().getNodeSelector()).containsEntry("nvidia.com/gpu.present", "true");
        assertThat(rendered.pod().getTolerations()).anySatisfy(t -> {
            assertThat(t.getKey()).isEqualTo("nvidia.com/gpu");
            assertThat(t.getEffect()).isEqualTo("NoSchedule");
        });
        assertThat(rendered.pod().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms().getFirst().getMatchExpressions().getFirst().getValues()).contains("NVIDIA-H100-80GB-HBM3");
        assertThat(Chart.render("minimal").stoa().getResources().getLimits()).doesNotContainKey("nvidia.com/gpu");
    }

    @Test
    void pluginJarsFromASharedVolumeAreMountedReadOnly() {
        Rendered rendered = Chart.render("gpu");
        assertThat(volume(rendered, "plugins").getPersistentVolumeClaim().getClaimName()).isEqualTo("stoa-plugins");
        assertThat(rendered.stoa().getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo("plugins");
            assertThat(m.getMountPath()).isEqualTo(rendered.envValue("STOA_PLUGINS_DIR"));
            assertThat(m.getReadOnly()).isTrue();
        });
        assertThat(rendered.pod().getInitContainers()).isEmpty();
    }

    @Test
    void pluginsThatRunJobsMayCreateAndWatchJobsInTheirNamespaceOnly() {
        Rendered rendered = Chart.render("gpu");
        Role role = rendered.one(Role.class);
        assertThat(role.getMetadata().getNamespace()).isEqualTo(Chart.NAMESPACE);
        PolicyRule jobs = role.getRules().stream().filter(r -> r.getResources().contains("jobs")).findFirst().orElseThrow();
        assertThat(jobs.getApiGroups()).containsExactly("batch");
        assertThat(jobs.getVerbs()).contains("create", "watch").doesNotContain("*");
        assertThat(role.getRules()).allSatisfy(r -> {
            assertThat(r.getVerbs()).doesNotContain("*");
            assertThat(r.getResources()).doesNotContain("secrets", "*");
        });
        RoleBinding binding = rendered.one(RoleBinding.class);
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement()
                .satisfies(s -> assertThat(s.getName()).isEqualTo(rendered.one(ServiceAccount.class).getMetadata().getName()));
        assertThat(rendered.one(ServiceAccount.class).getAutomountServiceAccountToken()).isTrue();
        assertThat(Chart.render("minimal").all(Role.class)).isEmpty();
    }

    private static Volume volume(Rendered rendered, String name) {
        return rendered.pod().getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }
}
