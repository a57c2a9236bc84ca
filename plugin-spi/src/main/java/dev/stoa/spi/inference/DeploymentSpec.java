package dev.stoa.spi.inference;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to serve: a base model, the LoRA adapters to serve on it, and how.
 *
 * @param base          the base model, pinned to a commit
 * @param adapters      adapters to serve on it from the start (more may come through
 *                      {@link Deployment#loadAdapter})
 * @param task          the task as the Hub names pipelines ({@code text-generation})
 * @param resources     CPU, memory, GPUs and node selection
 * @param engineOptions engine-specific options (e.g. {@code max-loras}, {@code max-lora-rank}, {@code dtype})
 */
public record DeploymentSpec(ModelRef base, List<AdapterRef> adapters, String task, Resources resources,
        Map<String, String> engineOptions) {

    public DeploymentSpec {
        Objects.requireNonNull(base, "base");
        adapters = adapters == null ? List.of() : List.copyOf(adapters);
        task = task == null || task.isBlank() ? "text-generation" : task;
        resources = resources == null ? Resources.defaults() : resources;
        engineOptions = engineOptions == null ? Map.of() : Map.copyOf(engineOptions);
    }

    /** A text-generation spec of {@code base} alone, with default resources. */
    public static DeploymentSpec of(ModelRef base) {
        return new DeploymentSpec(base, List.of(), "text-generation", Resources.defaults(), Map.of());
    }
}
