package dev.stoa.plugins.safetensorsinspector;

import dev.stoa.spi.ConfigProperty;
import dev.stoa.spi.Evaluator;
import dev.stoa.spi.EvaluatorFactory;
import dev.stoa.spi.PluginConfig;
import dev.stoa.spi.PluginDescriptor;
import dev.stoa.spi.StoaPlugin;

import java.util.List;

/**
 * Stoa's safetensors inspector: strict format validation from headers only, parameter counts, sharded
 * indexes ({@code format}), and LoRA adapters checked against their base model ({@code adapter-fit}).
 */
public final class SafetensorsInspectorPlugin implements StoaPlugin {

    /** The plugin's id; its configuration lives under {@code stoa.plugins.safetensors-inspector.*}. */
    public static final String ID = "safetensors-inspector";

    @Override
    public PluginDescriptor descriptor() {
        return PluginDescriptor.of(ID, "Safetensors inspector", "1.0.0",
                "Validates safetensors files strictly from their headers (ranged reads only), counts parameters per dtype, "
                        + "checks sharded indexes, and checks that LoRA adapters fit their base model.",
                InspectorSettings.properties().toArray(ConfigProperty[]::new));
    }

    @Override
    public List<EvaluatorFactory> evaluators() {
        return List.of(factory(FormatEvaluator.NAME, settings -> new FormatEvaluator(settings)),
                factory(AdapterFitEvaluator.NAME, settings -> new AdapterFitEvaluator(settings)));
    }

    private static EvaluatorFactory factory(String name, java.util.function.Function<InspectorSettings, Evaluator> create) {
        return new EvaluatorFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Evaluator create(PluginConfig config) {
                return create.apply(InspectorSettings.from(config));
            }
        };
    }
}
