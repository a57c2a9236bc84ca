package dev.stoa.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What every CI values file renders: the properties a platform team relies on in any configuration. */
class ChartRenderTest {

    private static final Pattern CREDENTIAL_NAME = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|ACCESS_KEY|API_KEY).*");
    private static final Pattern CREDENTIAL_KEY = Pattern.compile("(?i).*(password|secret|token|api-key|access-key)$");

    static List<String> ciValues() {
        return Chart.ciValues();
    }

    @ParameterizedTest
    @MethodSource("ciValues")
    void noCredentialIsWrittenIntoTheManifests(String values) {
        Rendered rendered = Chart.render(values);

        assertThat(rendered.all(Secret.class)).as("the chart renders no Secret; credentials come from existing ones").isEmpty();
        rendered.containers().flatMap(c -> c.getEnv().stream())
                .filter(env -> CREDENTIAL_NAME.matcher(env.getName()).matches())
                .forEach(env -> {
                    assertThat(env.getValue()).as(env.getName() + " has a literal value").isNull();
                    assertThat(env.getValueFrom().getSecretKeyRef()).as(env.getName() + " comes from a Secret").isNotNull();
                });
        rendered.properties().lines().filter(line -> line.contains("=")).forEach(line -> {
            String key = line.substring(0, line.indexOf('=')).trim();
            String value = line.substring(line.indexOf('=') + 1).trim();
            if (CREDENTIAL_KEY.matcher(key).matches()) {
                assertThat(value).as(key + " must reference the environment, not hold the secret").matches("\\$\\{[A-Z0-9_]+}");
            }
        });
    }

    @ParameterizedTest
    @MethodSource("ciValues")
    void everyContainerRunsAsNonRootOnAReadOnlyFilesystemWithResources(String values) {
        Rendered rendered = Chart.render(values);
        PodSecurityContext pod = rendered.pod().getSecurityContext();
        assertThat(pod.getRunAsNonRoot()).isTrue();
        assertThat(pod.getRunAsUser()).isPositive();

        List<Container> containers = rendered.containers().toList();
        assertThat(containers).isNotEmpty();
        for (Container container : containers) {
            SecurityContext security = container.getSecurityContext();
            assertThat(security.getRunAsNonRoot()).as(container.getName()).isTrue();
            assertThat(security.getReadOnlyRootFilesystem()).as(container.getName()).isTrue();
            assertThat(security.getAllowPrivilegeEscalation()).as(container.getName()).isFalse();
            assertThat(security.getCapabilities().getDrop()).as(container.getName()).containsExactly("ALL");
            assertThat(container.getResources().getRequests()).as(container.getName()).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).as(container.getName()).containsKey("memory");
        }
        // The only writable places: the scratch volume and the plugins folder the init container fills.
        assertThat(rendered.stoa().getVolumeMounts()).filteredOn(m -> !Boolean.TRUE.equals(m.getReadOnly()))
                .extracting(m -> m.getMountPath()).containsExactly("/tmp");
        assertThat(rendered.envValue("STOA_DATA_DIR")).startsWith("/tmp/");
    }

    @ParameterizedTest
    @MethodSource("ciValues")
    void stoaIsProbedOnItsHealthEndpoints(String values) {
        Rendered rendered = Chart.render(values);
        for (Container container : rendered.pod().getContainers()) {
            assertThat(httpGet(container, container.getStartupProbe()).getPath()).isEqualTo("/q/health/started");
            assertThat(httpGet(container, container.getLivenessProbe()).getPath()).isEqualTo("/q/health/live");
            assertThat(httpGet(container, container.getReadinessProbe()).getPath()).isEqualTo("/q/health/ready");
        }
    }

    @ParameterizedTest
    @MethodSource("ciValues")
    void replicasSurviveUpgradesAndNodeDrains(String values) {
        Rendered rendered = Chart.render(values);
        Deployment deployment = rendered.deployment();
        int replicas = rendered.optional(HorizontalPodAutoscaler.class)
                .map(hpa -> hpa.getSpec().getMinReplicas())
                .orElseGet(() -> deployment.getSpec().getReplicas());
        assertThat(replicas).isGreaterThanOrEqualTo(2);
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
        assertThat(rendered.stoa().getLifecycle().getPreStop().getExec().getCommand()).first().isEqualTo("sleep");
        assertThat(rendered.pod().getTerminationGracePeriodSeconds()).isGreaterThan(30L);

        PodDisruptionBudget pdb = rendered.one(PodDisruptionBudget.class);
        assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isPositive().isLessThan(replicas);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(podLabels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
        assertThat(podLabels).containsAllEntriesOf(rendered.one(Service.class).getSpec().getSelector());
        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations()).containsKey("checksum/config");
    }

    @ParameterizedTest
    @MethodSource("ciValues")
    void environmentIsMadeOfDocumentedSettings(String values) {
        Rendered rendered = Chart.render(values);
        List<String> documented = Readme.documentedEnvironment();
        String chartSection = Readme.section("## Running on Kubernetes with Helm");
        for (EnvVar env : rendered.stoa().getEnv()) {
            String name = env.getName();
            if (name.startsWith("STOA_")) {
                assertThat(documented).as("%s is in the README's Configuration table", name).contains(name);
            } else if (name.startsWith("QUARKUS_") || name.equals("JAVA_TOOL_OPTIONS")) {
                assertThat(chartSection).as("%s is explained in the README's Helm section", name).contains("`" + name + "`");
            }
        }
        List<Pattern> keys = Readme.documentedKeys().stream()
                .map(key -> Pattern.compile(Pattern.quote(key).replace("<id>", "\\E[a-z0-9-]+\\Q").replace("<key>", "\\E[a-z0-9.-]+\\Q")))
                .toList();
        rendered.properties().lines().filter(line -> line.contains("=")).forEach(line -> {
            String key = line.substring(0, line.indexOf('='));
            assertThat(keys).as("%s is a documented setting", key).anyMatch(p -> p.matcher(key).matches());
        });
        assertThat(rendered.envValue("STOA_STORAGE_TYPE")).isEqualTo("s3");
        assertThat(rendered.envValue("STOA_DB_URL")).startsWith("jdbc:postgresql://");
        assertThat(rendered.envValue("QUARKUS_CONFIG_LOCATIONS"))
                .isEqualTo(mountPath(rendered.stoa(), "config") + "/stoa.properties");
    }

    @ParameterizedTest
    @MethodSource("ciValues")
    void theServiceAccountHasNoRightsUnlessPluginsRunJobs(String values) {
        Rendered rendered = Chart.render(values);
        boolean jobs = !rendered.all(Role.class).isEmpty();
        assertThat(rendered.one(ServiceAccount.class).getAutomountServiceAccountToken()).isEqualTo(jobs);
        assertThat(rendered.pod().getAutomountServiceAccountToken()).isEqualTo(jobs);
        assertThat(rendered.pod().getServiceAccountName()).isEqualTo(rendered.one(ServiceAccount.class).getMetadata().getName());
    }

    @Test
    void aChangedSettingRollsThePodsAndNothingElseDoes() {
        String before = checksum(Chart.render("minimal"));
        assertThat(checksum(Chart.render("minimal"))).isEqualTo(before);
        assertThat(checksum(Chart.render("minimal", Map.of("config.stoa\\.checks\\.max-attempts", "5")))).isNotEqualTo(before);
    }

    @Test
    void autoscalingOwnsTheReplicaCount() {
        Rendered rendered = Chart.render("minimal", Map.of("autoscaling.enabled", "true", "autoscaling.maxReplicas", "8"));
        HorizontalPodAutoscaler hpa = rendered.one(HorizontalPodAutoscaler.class);
        assertThat(rendered.deployment().getSpec().getReplicas()).isNull();
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(rendered.deployment().getMetadata().getName());
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(8);
        assertThat(Chart.render("minimal").all(HorizontalPodAutoscaler.class)).isEmpty();
    }

    private static String checksum(Rendered rendered) {
        return rendered.deployment().getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config");
    }

    static String mountPath(Container container, String volume) {
        return container.getVolumeMounts().stream().filter(m -> m.getName().equals(volume)).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " does not mount " + volume)).getMountPath();
    }

    /** A probe's HTTP GET, checked to point at one of the container's ports by name. */
    private static HTTPGetAction httpGet(Container container, Probe probe) {
        assertThat(probe).as(container.getName() + " probe").isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(container.getPorts()).extracting(ContainerPort::getName).contains(get.getPort().getStrVal());
        return get;
    }
}
