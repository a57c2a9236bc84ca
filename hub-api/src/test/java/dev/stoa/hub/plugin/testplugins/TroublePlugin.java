package dev.stoa.hub.plugin.testplugins;

import dev.stoa.spi.Evaluator;
import dev.stoa.spi.EvaluatorFactory;
import dev.stoa.spi.PluginConfig;
import dev.stoa.spi.PluginDescriptor;
import dev.stoa.spi.Revision;
import dev.stoa.spi.StoaPlugin;

import java.util.List;

/** A plugin on the test class path whose check throws wherever a boom.txt exists. */
public class TroublePlugin implements StoaPlugin {

    @Override
    public PluginDescriptor descriptor() {
        return PluginDescriptor.of("test-trouble", "Trouble", "0.1.0", "Throws for Stoa's own tests.");
    }

    @Override
    public List<EvaluatorFactory> evaluators() {
        return List.of(new EvaluatorFactory() {
            @Override
            public String name() {
                return "boom";
            }

            @Override
            public Evaluator create(PluginConfig config) {
                return new Evaluator() {
                    @Override
                    public boolean appliesTo(Revision revision) {
                        return revision.file("boom.txt").isPresent();
                    }

                    @Override
                    public dev.stoa.spi.CheckResult evaluate(Revision revision, dev.stoa.spi.CheckContext context) {
                        throw new IllegalStateException("boom");
                    }
                };
            }
        });
    }
}
