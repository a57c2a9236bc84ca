package dev.stoa.hub.plugin;

import dev.stoa.spi.CheckContext;
import dev.stoa.spi.CheckResult;
import dev.stoa.spi.ConfigProperty;
import dev.stoa.spi.Metric;
import dev.stoa.spi.PluginDescriptor;
import dev.stoa.spi.RepoKind;
import dev.stoa.spi.RepoRef;
import dev.stoa.spi.Revision;
import dev.stoa.spi.RevisionFile;
import dev.stoa.spi.SpiVersion;
import dev.stoa.spi.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The plugin host with real plugin jars compiled by the test: each jar in its own class loader, failures of one
 * plugin contained, incompatible SPI versions refused, configuration validated.
 */
class PluginIsolationTest {

    @TempDir
    static Path folder;

    private static final PluginCalls CALLS = new PluginCalls();
    private static final Map<String, Map<String, String>> VALUES = Map.of(
            "hanger", Map.of("timeout", "1s"),
            "configured", Map.of("endpoint", "https://example.test", "token", "s3cret"));
    private static final PluginLoader LOADER = new PluginLoader(CALLS, Duration.ofSeconds(30),
            id -> VALUES.getOrDefault(id, Map.of()));
    private static final PluginHost HOST = new PluginHost(null, null);

    @BeforeAll
    static void buildJars() throws Exception {
        PluginJars.build(folder, "thrower", "test.ThrowerPlugin", Map.of("test.ThrowerPlugin",
                PluginJars.plugin("ThrowerPlugin", "thrower", "1.0", "", "throw new IllegalStateException(\"kaput\");")));
        PluginJars.build(folder, "hanger", "test.HangerPlugin", Map.of("test.HangerPlugin",
                PluginJars.plugin("HangerPlugin", "hanger", "1.0", "", """
                        while (true) { try { Thread.sleep(60_000); } catch (InterruptedException ignored) { } }""")));
        PluginJars.build(folder, "good", "test.GoodPlugin", Map.of("test.GoodPlugin",
                PluginJars.plugin("GoodPlugin", "good", "1.0", "", "return CheckResult.builder().summary(\"fine\").build();")));
        // Compiled against the SPI 1.0 jar itself (plugin-spi/compat), as a plugin released with Stoa 0.1 was.
        PluginJars.build(folder, "legacy", "test.LegacyPlugin", Map.of("test.LegacyPlugin",
                PluginJars.plugin("LegacyPlugin", "legacy", "1.0", "", "return CheckResult.builder().summary(\"still here\").build();")),
                Path.of("../plugin-spi/compat/stoa-plugin-spi-1.0.jar").toAbsolutePath().toString());
        PluginJars.build(folder, "future", "test.FuturePlugin", Map.of("test.FuturePlugin",
                PluginJars.plugin("FuturePlugin", "future", "2.0", "", "return CheckResult.builder().build();")));
        PluginJars.build(folder, "conflict", "test.ConflictPlugin", Map.of(
                "test.ConflictPlugin", PluginJars.plugin("ConflictPlugin", "conflict", "1.0", "", """
                        ClassLoader own = getClass().getClassLoader();
                        return CheckResult.builder()
                            .metric(Metric.text("mapper", com.fasterxml.jackson.databind.ObjectMapper.origin()))
                            .metric(Metric.flag("mapper.own", com.fasterxml.jackson.databind.ObjectMapper.class.getClassLoader() == own))
                            .metric(Metric.flag("context.loader.own", Thread.currentThread().getContextClassLoader() == own))
                            .build();"""),
                "com.fasterxml.jackson.databind.ObjectMapper", """
                        package com.fasterxml.jackson.databind;
                        public class ObjectMapper { public static String origin() { return "the plugin's own"; } }
                        """));
        PluginJars.build(folder, "configured", "test.ConfiguredPlugin", Map.of("test.ConfiguredPlugin",
                PluginJars.plugin("ConfiguredPlugin", "configured", "1.0",
                        "ConfigProperty.required(\"endpoint\", ConfigProperty.Type.STRING, \"where\"), ConfigProperty.secret(\"token\", \"key\")",
                        "return CheckResult.builder().build();")));
    }

    @AfterAll
    static void close() {
        CALLS.close();
    }

    private static LoadedPlugin load(String name) {
        return LOADER.loadJar(folder.resolve(name + ".jar"));
    }

    private static CheckResult run(LoadedPlugin plugin) throws PluginCalls.PluginCallFailed {
        return HOST.run(plugin.checks().getFirst(), new EmptyRevision(), CheckContext.NONE);
    }

    @Test
    void aThrowingPluginFailsItsOwnCallOnlyAndItsErrorIsRecorded() throws Exception {
        LoadedPlugin thrower = load("thrower");
        assertThat(thrower.status()).isEqualTo(LoadedPlugin.Status.STARTED);
        assertThatThrownBy(() -> run(thrower)).isInstanceOf(PluginCalls.PluginCallFailed.class)
                .hasMessageContaining("thrower/check run failed: java.lang.IllegalStateException: kaput");
        assertThat(thrower.lastErrors()).singleElement().satisfies(e -> {
            assertThat(e.check()).isEqualTo("thrower/check");
            assertThat(e.message()).contains("kaput");
        });
        assertThat(run(load("good")).summary()).isEqualTo("fine");
    }

    @Test
    void aHangingPluginIsStoppedAtItsTimeLimitAndTheCallerGoesOn() throws Exception {
        LoadedPlugin hanger = load("hanger");
        assertThat(hanger.timeout()).isEqualTo(Duration.ofSeconds(1));
        long start = System.nanoTime();
        assertThatThrownBy(() -> run(hanger)).isInstanceOf(PluginCalls.PluginCallFailed.class)
                .hasMessageContaining("ran past its time limit of PT1S");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(hanger.lastErrors()).hasSize(1);
        assertThat(run(load("good")).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aPluginBuiltAgainstSpi10StartsAndRuns() throws Exception {
        LoadedPlugin legacy = load("legacy");
        assertThat(legacy.status()).isEqualTo(LoadedPlugin.Status.STARTED);
        assertThat(legacy.descriptor().orElseThrow().requiredSpi().toString()).isEqualTo("1.0");
        assertThat(run(legacy).summary()).isEqualTo("still here");
    }

    @Test
    void aPluginNeedingANewerSpiIsRefusedBeforeAnythingIsCreated() {
        LoadedPlugin future = load("future");
        assertThat(future.status()).isEqualTo(LoadedPlugin.Status.REFUSED);
        assertThat(future.id()).isEqualTo("future");
        assertThat(future.checks()).isEmpty();
        assertThat(future.refusal()).contains("Plugin 'future'", "future.jar", "needs plugin SPI 2.0",
                "supports SPI " + SpiVersion.current());
    }

    @Test
    void eachJarHasItsOwnClassLoaderThatSeesOnlyTheSpiOfStoa() throws Exception {
        LoadedPlugin conflict = load("conflict");
        CheckResult result = run(conflict);
        assertThat(result.metrics()).containsExactly(Metric.text("mapper", "the plugin's own"),
                Metric.flag("mapper.own", true), Metric.flag("context.loader.own", true));
        assertThat(conflict.loader()).isNotSameAs(load("good").loader());
        assertThat(com.fasterxml.jackson.databind.ObjectMapper.class.getClassLoader()).isNotSameAs(conflict.loader());
    }

    @Test
    void configurationIsValidatedAgainstTheDescriptor() {
        LoadedPlugin configured = load("configured");
        assertThat(configured.config().values()).containsEntry("endpoint", "https://example.test");
        // What a runner's deployment context hands out as secrets: declared secrets only.
        assertThat(configured.secret("token")).contains("s3cret");
        assertThat(configured.secret("endpoint")).isEmpty();
        assertThat(configured.secret("missing")).isEmpty();

        PluginDescriptor descriptor = PluginDescriptor.of("scanner", "Scanner", "1", "",
                ConfigProperty.required("endpoint", ConfigProperty.Type.STRING, "where"),
                ConfigProperty.optional("max-bytes", ConfigProperty.Type.LONG, "10", ""),
                ConfigProperty.secret("token", "key"));
        assertThatThrownBy(() -> PluginConfigValidation.validate(descriptor, Map.of("token", "t")))
                .hasMessageContaining("Plugin 'scanner'").hasMessageContaining("stoa.plugins.scanner.endpoint is required");
        assertThatThrownBy(() -> PluginConfigValidation.validate(descriptor, Map.of("endpoint", "e", "token", "t", "max-bytes", "lots")))
                .hasMessageContaining("stoa.plugins.scanner.max-bytes = 'lots' is not");
        assertThatThrownBy(() -> PluginConfigValidation.validate(descriptor, Map.of("endpoint", "e", "token", "t", "colour", "red")))
                .hasMessageContaining("stoa.plugins.scanner.colour is not a property of plugin 'scanner'");
        assertThatThrownBy(() -> PluginConfigValidation.validate(descriptor, Map.of("endpoint", "e", "token", "t", "timeout", "soon")))
                .hasMessageContaining("stoa.plugins.scanner.timeout = 'soon' is not");
        assertThat(PluginConfigValidation.validate(descriptor, Map.of("endpoint", "e", "token", "t", "enabled", "true")).values())
                .isEqualTo(Map.of("endpoint", "e", "max-bytes", "10", "token", "t"));

        PluginLoader strict = new PluginLoader(CALLS, Duration.ofSeconds(30), id -> Map.of("token", "s3cret"));
        assertThatThrownBy(() -> strict.loadJar(folder.resolve("configured.jar")))
                .isInstanceOf(PluginConfigValidation.InvalidPluginConfig.class)
                .hasMessageContaining("Plugin 'configured' cannot start with its configuration: stoa.plugins.configured.endpoint is required")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void aMissingPluginsFolderHoldsNoPlugins() {
        assertThat(LOADER.loadJars(folder.resolve("nowhere"))).isEmpty();
        assertThat(LOADER.loadJars(folder)).extracting(LoadedPlugin::id)
                .containsExactly("configured", "conflict", "future", "good", "hanger", "legacy", "thrower");
    }

    /** A revision without files. */
    private static final class EmptyRevision implements Revision {
        public RepoRef repository() {
            return new RepoRef("model", "someone", "model");
        }

        public RepoKind kind() {
            return RepoKind.BASE_MODEL;
        }

        public String commit() {
            return "0".repeat(40);
        }

        public Map<String, Object> cardData() {
            return Map.of();
        }

        public String cardText() {
            return "";
        }

        public List<RevisionFile> files() {
            return List.of();
        }

        public InputStream open(String path) {
            return new ByteArrayInputStream(new byte[0]);
        }

        public InputStream openRange(String path, long offset, long length) {
            return new ByteArrayInputStream(new byte[0]);
        }

        public List<Revision> baseModels() {
            return List.of();
        }

        public List<String> baseModelNames() {
            return List.of();
        }
    }
}
