package dev.stoa.hub.plugin.testplugins;

import dev.stoa.spi.CheckContext;
import dev.stoa.spi.CheckResult;
import dev.stoa.spi.ConfigProperty;
import dev.stoa.spi.Evaluator;
import dev.stoa.spi.EvaluatorFactory;
import dev.stoa.spi.LicenseChecker;
import dev.stoa.spi.LicenseCheckerFactory;
import dev.stoa.spi.Metric;
import dev.stoa.spi.PluginConfig;
import dev.stoa.spi.PluginDescriptor;
import dev.stoa.spi.Revision;
import dev.stoa.spi.RevisionFile;
import dev.stoa.spi.Severity;
import dev.stoa.spi.StoaPlugin;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A plugin on the test class path (a built-in, as far as the host can tell): "file-names" fails files named
 * evil*, reads every file's first bytes by a ranged read; "slow" (only where slow.txt exists) runs until
 * cancelled; "card-license" reports the card's license. Its secret "api-key" must be masked in the admin API.
 */
public class TestChecksPlugin implements StoaPlugin {

    @Override
    public PluginDescriptor descriptor() {
        return PluginDescriptor.of("test-checks", "Test checks", "1.0.0", "Checks for Stoa's own tests.",
                ConfigProperty.secret("api-key", "A secret that the admin API must mask"),
                ConfigProperty.optional("max-files", ConfigProperty.Type.INTEGER, "100", "Files to look at"));
    }

    @Override
    public List<EvaluatorFactory> evaluators() {
        return List.of(factory("file-names", config -> new Evaluator() {
            @Override
            public CheckResult evaluate(Revision revision, CheckContext context) throws IOException {
                CheckResult.Builder result = CheckResult.builder();
                long bytes = 0;
                for (RevisionFile file : revision.files()) {
                    try (InputStream head = revision.openRange(file.path(), 0, 4)) {
                        bytes += head.readAllBytes().length;
                    }
                    if (file.fileName().startsWith("evil")) {
                        result.finding(Severity.CRITICAL, "test.evil-name", file.path(), "The file is named evil.");
                    }
                }
                return result.metric(Metric.count("files", revision.files().size())).metric(Metric.count("head.bytes", bytes))
                        .summary("Looked at " + revision.files().size() + " files.").build();
            }
        }), factory("slow", config -> new Evaluator() {
            @Override
            public boolean appliesTo(Revision revision) {
                return revision.file("slow.txt").isPresent();
            }

            @Override
            public CheckResult evaluate(Revision revision, CheckContext context) {
                long end = System.nanoTime() + 15_000_000_000L;
                while (!context.isCancelled() && System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                return CheckResult.builder().summary("slow done").build();
            }
        }));
    }

    @Override
    public List<LicenseCheckerFactory> licenseCheckers() {
        return List.of(new LicenseCheckerFactory() {
            @Override
            public String name() {
                return "card-license";
            }

            @Override
            public LicenseChecker create(PluginConfig config) {
                return (revision, context) -> {
                    Object license = revision.cardData().get("license");
                    return license == null
                            ? CheckResult.builder().finding(Severity.MEDIUM, "test.license.missing", null, "No license.").build()
                            : CheckResult.builder().metric(Metric.text("license.id", license.toString())).build();
                };
            }
        });
    }

    private static EvaluatorFactory factory(String name, java.util.function.Function<PluginConfig, Evaluator> create) {
        return new EvaluatorFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Evaluator create(PluginConfig config) {
                return create.apply(config);
            }
        };
    }
}
