package dev.stoa.spi.testkit;

import dev.stoa.spi.CheckContext;
import dev.stoa.spi.CheckResult;
import dev.stoa.spi.ConfigProperty;
import dev.stoa.spi.Evaluator;
import dev.stoa.spi.EvaluatorFactory;
import dev.stoa.spi.PluginDescriptor;
import dev.stoa.spi.SpiVersion;
import dev.stoa.spi.StoaPlugin;
import dev.stoa.spi.Verdict;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PluginTestKitTest {

    @Test
    void loadsTheOnePluginListedAsAService() throws IOException {
        PluginTestKit kit = PluginTestKit.load();
        assertThat(kit.plugin()).isInstanceOf(FileCountPlugin.class);
        assertThat(kit.descriptor().id()).isEqualTo("file-count");
        assertThat(PluginTestKit.load("file-count").plugin()).isInstanceOf(FileCountPlugin.class);
        assertThatThrownBy(() -> PluginTestKit.load("other")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("No StoaPlugin with id 'other'").hasMessageContaining("[file-count]");

        Evaluator evaluator = kit.evaluator("file-count", Map.of("max-files", "1"));
        InMemoryRevision revision = InMemoryRevision.builder().file("a", "1").file("b", "2").build();
        CheckResultAssert.assertThat(evaluator.evaluate(revision, CheckContext.NONE))
                .hasVerdict(Verdict.WARN).hasFinding("files.too-many").hasMetric("files.count", 2);
    }

    @Test
    void createsExtensionsWithDefaultsApplied() throws IOException {
        PluginTestKit kit = PluginTestKit.of(new FileCountPlugin());
        assertThat(kit.config(Map.of()).values()).containsEntry("max-files", "10");
        CheckResultAssert.assertThat(kit.evaluator("file-count").evaluate(
                        InMemoryRevision.builder().file("a", "1").build(), CheckContext.NONE))
                .hasVerdict(Verdict.PASS).hasNoFindings();
    }

    @Test
    void refusesAConfigurationAsTheHostWould() {
        PluginTestKit kit = PluginTestKit.of(new FileCountPlugin());
        assertThatThrownBy(() -> kit.evaluator("file-count", Map.of("max-files", "lots", "colour", "red")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stoa.plugins.file-count.max-files = 'lots' is not an integer")
                .hasMessageContaining("stoa.plugins.file-count.colour is not a property of plugin 'file-count'");
    }

    @Test
    void unknownExtensionNamesListWhatThereIs() {
        PluginTestKit kit = PluginTestKit.of(new FileCountPlugin());
        assertThatThrownBy(() -> kit.evaluator("files")).isInstanceOf(AssertionError.class)
                .hasMessage("Plugin 'file-count' has no evaluator named 'files'; it has [file-count]");
        assertThatThrownBy(() -> kit.licenseChecker("file-count")).isInstanceOf(AssertionError.class)
                .hasMessage("Plugin 'file-count' has no license checker named 'file-count'; it has []");
    }

    @Test
    void refusesAPluginForANewerSpi() {
        StoaPlugin future = () -> new PluginDescriptor("future", "Future", "1", new SpiVersion.Required(SpiVersion.MAJOR, SpiVersion.MINOR + 1),
                null, List.of());
        assertThatThrownBy(() -> PluginTestKit.of(future)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("The host would refuse this plugin")
                .hasMessageContaining("Plugin 'future' needs SPI " + SpiVersion.MAJOR + "." + (SpiVersion.MINOR + 1));
    }

    @Test
    void aFactoryReturningNullFails() {
        StoaPlugin broken = new StoaPlugin() {
            @Override
            public PluginDescriptor descriptor() {
                return PluginDescriptor.of("broken", "Broken", "1", null);
            }

            @Override
            public List<EvaluatorFactory> evaluators() {
                return List.of(new EvaluatorFactory() {
                    @Override
                    public String name() {
                        return "nothing";
                    }

                    @Override
                    public Evaluator create(dev.stoa.spi.PluginConfig config) {
                        return null;
                    }
                });
            }
        };
        assertThatThrownBy(() -> PluginTestKit.of(broken).evaluator("nothing")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("returned null");
    }

    /** A tiny plugin, listed in this module's test META-INF/services so that {@link PluginTestKit#load()} finds it. */
    public static final class FileCountPlugin implements StoaPlugin {
        @Override
        public PluginDescriptor descriptor() {
            return PluginDescriptor.of("file-count", "File count", "1.0", "Warns about revisions with many files",
                    ConfigProperty.optional("max-files", ConfigProperty.Type.INTEGER, "10", "Files before a warning"));
        }

        @Override
        public List<EvaluatorFactory> evaluators() {
            return List.of(new EvaluatorFactory() {
                @Override
                public String name() {
                    return "file-count";
                }

                @Override
                public Evaluator create(dev.stoa.spi.PluginConfig config) {
                    int max = config.getInt("max-files", 10);
                    return (revision, context) -> {
                        CheckResult.Builder result = CheckResult.builder()
                                .metric(dev.stoa.spi.Metric.count("files.count", revision.files().size()));
                        if (revision.files().size() > max) {
                            result.finding(dev.stoa.spi.Severity.MEDIUM, "files.too-many", null, "More than " + max + " files");
                        }
                        return result.build();
                    };
                }
            });
        }
    }
}
