package dev.stoa.plugins.kubernetes;

import dev.stoa.spi.PluginConfig;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The runner's settings, read once from its plugin configuration (see {@link KubernetesRunnerPlugin}). */
record RunnerSettings(String namespace, String image, String gpuResource, String gpuTypeLabel,
        Map<String, String> nodeSelector, List<Toleration> tolerations, int maxLoraRank, int maxLoras, int maxCpuLoras,
        Map<String, String> stoaSelector, String stoaNamespace, String installation, String serviceUrl,
        Duration statusInterval) {

    static final int PORT = 8000;

    static RunnerSettings of(PluginConfig config) {
        return new RunnerSettings(text(config, KubernetesRunnerPlugin.NAMESPACE), text(config, KubernetesRunnerPlugin.IMAGE),
                text(config, KubernetesRunnerPlugin.GPU_RESOURCE), text(config, KubernetesRunnerPlugin.GPU_TYPE_LABEL),
                labels(text(config, KubernetesRunnerPlugin.NODE_SELECTOR)),
                tolerations(text(config, KubernetesRunnerPlugin.TOLERATIONS)),
                config.getInt(KubernetesRunnerPlugin.MAX_LORA_RANK.name(), 64),
                config.getInt(KubernetesRunnerPlugin.MAX_LORAS.name(), 4),
                config.getInt(KubernetesRunnerPlugin.MAX_CPU_LORAS.name(), 16),
                labels(text(config, KubernetesRunnerPlugin.STOA_SELECTOR)),
                text(config, KubernetesRunnerPlugin.STOA_NAMESPACE), text(config, KubernetesRunnerPlugin.INSTALLATION),
                text(config, KubernetesRunnerPlugin.SERVICE_URL),
                Duration.ofSeconds(config.getInt(KubernetesRunnerPlugin.STATUS_SECONDS.name(), 5)));
    }

    private static String text(PluginConfig config, dev.stoa.spi.ConfigProperty property) {
        return config.get(property.name()).filter(v -> !v.isBlank()).orElse(property.defaultValue() == null
                ? "" : property.defaultValue()).strip();
    }

    /** {@code key=value,key=value}. */
    static Map<String, String> labels(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + pair.strip() + "' is not key=value");
            }
            out.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return out;
    }

    /** {@code key=value:Effect} or {@code key:Effect} (any value), comma-separated. */
    static List<Toleration> tolerations(String text) {
        List<Toleration> out = new ArrayList<>();
        for (String item : text.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            int colon = item.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("'" + item.strip() + "' is not key=value:Effect or key:Effect");
            }
            String effect = item.substring(colon + 1).strip();
            String taint = item.substring(0, colon).strip();
            int eq = taint.indexOf('=');
            TolerationBuilder t = new TolerationBuilder().withEffect(effect);
            if (eq < 0) {
                t.withKey(taint).withOperator("Exists");
            } else {
                t.withKey(taint.substring(0, eq)).withOperator("Equal").withValue(taint.substring(eq + 1));
            }
            out.add(t.build());
        }
        return out;
    }
}
