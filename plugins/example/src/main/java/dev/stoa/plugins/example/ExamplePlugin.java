package dev.stoa.plugins.example;

import dev.stoa.spi.ConfigProperty;
import dev.stoa.spi.Evaluator;
import dev.stoa.spi.EvaluatorFactory;
import dev.stoa.spi.PluginConfig;
import dev.stoa.spi.PluginDescriptor;
import dev.stoa.spi.StoaPlugin;

import java.util.List;

/**
 * The example plugin of the plugin authors' guide (docs/plugin-guide.md): one evaluator,
 * {@code repo-hygiene}, configured by {@code stoa.plugins.example.max-file-count}.
 *
 * <p>Listed in {@code META-INF/services/dev.stoa.spi.StoaPlugin}; the host creates it with this public
 * no-argument constructor.
 */
public final class ExamplePlugin implements StoaPlugin {

    /** The plugin id: configuration lives under {@code stoa.plugins.example.*}. */
    public static final String ID = "example";

    static final ConfigProperty MAX_FILE_COUNT = ConfigProperty.optional("max-file-count", ConfigProperty.Type.INTEGER,
            "1000", "Files a revision may have before the check warns; large counts usually mean a checkout of "
                    + "training data or a build directory was committed by mistake.");

    @Override
    public PluginDescriptor descriptor() {
        return PluginDescriptor.of(ID, "Repository hygiene (example)", "1.0.0",
                "Checks that a repository has a card and a license and no credentials committed by mistake, "
                        + "and reports file counts and sizes. The example plugin for plugin authors.",
                MAX_FILE_COUNT);
    }

    @Override
    public List<EvaluatorFactory> evaluators() {
        return List.of(new EvaluatorFactory() {
            @Override
            public String name() {
                return HygieneEvaluator.NAME;
            }

            @Override
            public Evaluator create(PluginConfig config) {
                // The host has validated the value and applied the default; the check here is for the meaning.
                int maxFileCount = config.getInt(MAX_FILE_COUNT.name(), 1000);
                if (maxFileCount < 1) {
                    throw new IllegalArgumentException(MAX_FILE_COUNT.name() + " must be at least 1, not " + maxFileCount);
                }
                return new HygieneEvaluator(maxFileCount);
            }
        });
    }
}
