package dev.stoa.plugins.cpurunner;

import dev.stoa.spi.ConfigProperty;
import dev.stoa.spi.InferenceRunner;
import dev.stoa.spi.InferenceRunnerFactory;
import dev.stoa.spi.PluginConfig;
import dev.stoa.spi.PluginDescriptor;
import dev.stoa.spi.StoaPlugin;
import java.util.List;

/**
 * Runs Llama, Mistral and Qwen2 models on the CPU in Stoa's process, with the Jlama engine, and serves LoRA
 * adapters on them by merging {@code W + (alpha/r)·B·A} into a copy of the base weights at load.
 */
public final class CpuRunnerPlugin implements StoaPlugin {

    /** The plugin id: configuration lives under {@code stoa.plugins.cpu-runner.*}. */
    public static final String ID = "cpu-runner";

    static final ConfigProperty MAX_PARAMETERS = ConfigProperty.optional("max-parameters", ConfigProperty.Type.LONG,
            "2000000000", "The largest model, in parameters, this runner accepts.");
    static final ConfigProperty MAX_ADAPTER_RANK = ConfigProperty.optional("max-adapter-rank",
            ConfigProperty.Type.INTEGER, "256", "The highest LoRA rank this runner applies.");

    @Override
    public PluginDescriptor descriptor() {
        return PluginDescriptor.of(ID, "CPU runner", "1.0.0",
                "Serves Llama, Mistral and Qwen2 models (F32, F16, BF16 safetensors) and their LoRA adapters on the CPU"
                        + " inside Stoa, with the Jlama engine.",
                MAX_PARAMETERS, MAX_ADAPTER_RANK);
    }

    @Override
    public List<InferenceRunnerFactory> inferenceRunners() {
        return List.of(new InferenceRunnerFactory() {
            @Override
            public String name() {
                return CpuRunner.NAME;
            }

            @Override
            public InferenceRunner create(PluginConfig config) {
                return new CpuRunner(config.getLong(MAX_PARAMETERS.name(), 2_000_000_000L),
                        config.getInt(MAX_ADAPTER_RANK.name(), 256));
            }
        });
    }
}
