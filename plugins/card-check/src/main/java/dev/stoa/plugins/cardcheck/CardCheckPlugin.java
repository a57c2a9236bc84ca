package dev.stoa.plugins.cardcheck;

import dev.stoa.spi.ConfigProperty;
import dev.stoa.spi.ConfigProperty.Type;
import dev.stoa.spi.Evaluator;
import dev.stoa.spi.EvaluatorFactory;
import dev.stoa.spi.PluginConfig;
import dev.stoa.spi.PluginDescriptor;
import dev.stoa.spi.StoaPlugin;

import java.util.List;

/** The card-check plugin: one evaluator, {@code card}, configured under {@code stoa.plugins.card-check.*}. */
public final class CardCheckPlugin implements StoaPlugin {

    public static final String ID = "card-check";

    @Override
    public PluginDescriptor descriptor() {
        return PluginDescriptor.of(ID, "Model card check", "1.0.0",
                "Scores how complete each model card is (license, base model, intended use, limitations, training "
                        + "data, evaluation), reports what is missing, and turns model-index results into metrics.",
                ConfigProperty.optional("min-score", Type.INTEGER, "60",
                        "The card score (0-100) under which the check warns."),
                ConfigProperty.optional("max-readme-bytes", Type.LONG, "1048576",
                        "How many bytes of README.md are read to check its front matter."));
    }

    @Override
    public List<EvaluatorFactory> evaluators() {
        return List.of(new EvaluatorFactory() {
            @Override
            public String name() {
                return "card";
            }

            @Override
            public Evaluator create(PluginConfig config) {
                int minScore = config.getInt("min-score", 60);
                if (minScore < 0 || minScore > 100) {
                    throw new IllegalArgumentException("stoa.plugins." + ID + ".min-score must be between 0 and 100, not " + minScore);
                }
                long maxReadmeBytes = config.getLong("max-readme-bytes", 1_048_576);
                if (maxReadmeBytes < 1024) {
                    throw new IllegalArgumentException("stoa.plugins." + ID + ".max-readme-bytes must be at least 1024");
                }
                return new CardEvaluator(minScore, maxReadmeBytes);
            }
        });
    }
}
