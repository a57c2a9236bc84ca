package dev.stoa.spi;

import dev.stoa.spi.ConfigProperty.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PluginValidationTest {

    private final PluginDescriptor descriptor = PluginDescriptor.of("demo", "Demo", "1.0", "A demo plugin",
            ConfigProperty.optional("max-files", Type.INTEGER, "100", "How many files at most"),
            ConfigProperty.optional("deny", Type.LIST, null, "Denied names"),
            ConfigProperty.required("endpoint", Type.STRING, "Where to send reports"),
            ConfigProperty.secret("api-key", "The reporting service's key"));

    @Test
    void aWellFormedDescriptorHasNoProblems() {
        assertThat(PluginValidation.descriptorProblems(descriptor)).isEmpty();
    }

    @Test
    void descriptorProblemsAreAllListed() {
        PluginDescriptor bad = new PluginDescriptor("bad", "Bad", "1", new SpiVersion.Required(SpiVersion.MAJOR + 1, 0), null,
                List.of(ConfigProperty.optional("Max_Files", Type.STRING, null, null),
                        ConfigProperty.optional("enabled", Type.BOOLEAN, "true", null),
                        ConfigProperty.optional("limit", Type.INTEGER, "ten", null),
                        ConfigProperty.optional("limit", Type.INTEGER, null, null)));
        assertThat(PluginValidation.descriptorProblems(bad)).satisfiesExactlyInAnyOrder(
                p -> assertThat(p).contains("Plugin 'bad' needs SPI " + (SpiVersion.MAJOR + 1) + ".0"),
                p -> assertThat(p).contains("'Max_Files'").contains("lowercase"),
                p -> assertThat(p).contains("'enabled'").contains("reserves"),
                p -> assertThat(p).contains("'limit'").contains("default that is not an integer"),
                p -> assertThat(p).contains("'limit' twice"));
    }

    @Test
    void validConfigurationGetsItsDefaults() {
        PluginConfig config = PluginValidation.validateConfig(descriptor,
                Map.of("endpoint", "https://reports.example", "api-key", "s3cret", "enabled", "true"));
        assertThat(config.values()).containsOnly(
                Map.entry("max-files", "100"), Map.entry("endpoint", "https://reports.example"), Map.entry("api-key", "s3cret"));
    }

    @Test
    void everyProblemNamesThePluginAndTheFullKey() {
        assertThatThrownBy(() -> PluginValidation.validateConfig(descriptor,
                Map.of("max-files", "many", "endpont", "x", "api-key", " ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stoa.plugins.demo.max-files = 'many' is not an integer (plugin 'demo')")
                .hasMessageContaining("stoa.plugins.demo.endpont is not a property of plugin 'demo'; it has: max-files, deny, endpoint, api-key")
                .hasMessageContaining("stoa.plugins.demo.endpoint is required by plugin 'demo' and not set (Where to send reports)")
                .hasMessageContaining("stoa.plugins.demo.api-key is required by plugin 'demo' and not set");
    }

    @Test
    void theHostsOwnKeysAreCheckedToo() {
        assertThat(PluginValidation.configProblems(descriptor,
                Map.of("endpoint", "x", "api-key", "k", "enabled", "yes", "timeout", "soon"))).containsExactly(
                "stoa.plugins.demo.enabled = 'yes' is not true or false (read by the host for plugin 'demo')",
                "stoa.plugins.demo.timeout = 'soon' is not a duration (e.g. PT30S, 30s, 5m) (read by the host for plugin 'demo')");
        assertThat(PluginValidation.configProblems(descriptor,
                Map.of("endpoint", "x", "api-key", "k", "enabled", "false", "timeout", "30s"))).isEmpty();
    }

    @Test
    void secretValuesNeverAppearInMessages() {
        PluginDescriptor withNumericSecret = new PluginDescriptor("pin", "Pin", "1", SpiVersion.Required.current(), null,
                List.of(new ConfigProperty("pin", Type.INTEGER, null, true, true, null)));
        List<String> problems = PluginValidation.configProblems(withNumericSecret, Map.of("pin", "hunter2"));
        assertThat(problems).singleElement().asString().contains("stoa.plugins.pin.pin (secret)").doesNotContain("hunter2");
    }

    @Test
    void secretsAreMasked() {
        assertThat(PluginValidation.masked(descriptor, Map.of("api-key", "s3cret", "endpoint", "https://x")))
                .containsOnly(Map.entry("api-key", PluginValidation.MASK), Map.entry("endpoint", "https://x"));
    }

    @ParameterizedTest
    @CsvSource({
            "INTEGER,42,true", "INTEGER,' 42 ',true", "INTEGER,4.2,false", "INTEGER,9000000000,false",
            "LONG,9000000000,true", "LONG,x,false",
            "DECIMAL,0.25,true", "DECIMAL,1e3,true", "DECIMAL,one,false",
            "BOOLEAN,true,true", "BOOLEAN,FALSE,true", "BOOLEAN,yes,false",
            "DURATION,PT30S,true", "DURATION,30s,true", "DURATION,5m,true", "DURATION,soon,false", "DURATION,3w,false",
            "STRING,anything,true", "LIST,'a,b',true"})
    void valuesAreCheckedAgainstTheirType(Type type, String value, boolean valid) {
        assertThat(PluginValidation.hasType(type, value)).isEqualTo(valid);
    }

    @Test
    void extensionNamesMustBeWellFormedAndUnique() {
        EvaluatorFactory good = factory("hygiene");
        StoaPlugin plugin = new StoaPlugin() {
            @Override
            public PluginDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public List<EvaluatorFactory> evaluators() {
                return List.of(good, factory("Bad_Name"));
            }

            @Override
            public List<LicenseCheckerFactory> licenseCheckers() {
                return List.of(new LicenseCheckerFactory() {
                    @Override
                    public String name() {
                        return "hygiene";
                    }

                    @Override
                    public LicenseChecker create(PluginConfig config) {
                        return (revision, context) -> CheckResult.builder().build();
                    }
                });
            }
        };
        assertThat(PluginValidation.extensionProblems(plugin)).containsExactlyInAnyOrder(
                "Plugin 'demo' has an extension named 'Bad_Name': names are 1-63 lowercase letters, digits and dashes, starting with a letter",
                "Plugin 'demo' has two extensions named 'hygiene'");
    }

    private static EvaluatorFactory factory(String name) {
        return new EvaluatorFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Evaluator create(PluginConfig config) {
                return (revision, context) -> CheckResult.builder().build();
            }
        };
    }
}
