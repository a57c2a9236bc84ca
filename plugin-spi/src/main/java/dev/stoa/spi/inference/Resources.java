package dev.stoa.spi.inference;

import java.util.Map;

/**
 * What a deployment may use. Runners that run in Stoa's process read {@code memoryBytes} as a budget; runners
 * that create workloads turn these into requests and limits.
 *
 * @param cpuMillis    CPU in thousandths of a core; 0 for the runner's default
 * @param memoryBytes  memory; 0 for the runner's default
 * @param gpuCount     GPUs; 0 for none
 * @param gpuType      the accelerator's resource name or product (e.g. {@code nvidia.com/gpu}); empty for the default
 * @param nodeSelector node labels the workload must run on
 */
public record Resources(long cpuMillis, long memoryBytes, int gpuCount, String gpuType, Map<String, String> nodeSelector) {

    public Resources {
        if (cpuMillis < 0 || memoryBytes < 0 || gpuCount < 0) {
            throw new IllegalArgumentException("resources cannot be negative");
        }
        gpuType = gpuType == null ? "" : gpuType;
        nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
    }

    /** The runner's defaults. */
    public static Resources defaults() {
        return new Resources(0, 0, 0, "", Map.of());
    }
}
