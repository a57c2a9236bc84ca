package dev.stoa.spi.testkit;

import dev.stoa.spi.Evaluator;
import dev.stoa.spi.EvaluatorFactory;
import dev.stoa.spi.InferenceRunner;
import dev.stoa.spi.InferenceRunnerFactory;
import dev.stoa.spi.LicenseChecker;
import dev.stoa.spi.LicenseCheckerFactory;
import dev.stoa.spi.PluginConfig;
import dev.stoa.spi.PluginDescriptor;
import dev.stoa.spi.PluginValidation;
import dev.stoa.spi.StoaPlugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Loads a plugin the way Stoa's host does and creates its extensions with a configuration, so a plugin's
 * tests exercise the same checks the host makes at start (see {@link PluginValidation}).
 *
 * <pre>{@code
 * PluginTestKit kit = PluginTestKit.load();          // the one plugin in META-INF/services on the classpath
 * Evaluator hygiene = kit.evaluator("hygiene", Map.of("max-file-count", "10"));
 * }</pre>
 *
 * <p>A plugin that breaks the rules (an unsupported SPI version, a malformed descriptor, badly named or
 * duplicated extensions, not registered as a service) fails with an {@link AssertionError} listing every
 * problem. A configuration that the host would refuse throws the host's {@link IllegalArgumentException},
 * so tests can assert the refusal and its message.
 */
public final class PluginTestKit {

    private final StoaPlugin plugin;
    private final PluginDescriptor descriptor;

    private PluginTestKit(StoaPlugin plugin) {
        this.plugin = plugin;
        this.descriptor = plugin.descriptor();
        if (descriptor == null) {
            throw new AssertionError(plugin.getClass().getName() + ".descriptor() returned null");
        }
        List<String> problems = new ArrayList<>(PluginValidation.descriptorProblems(descriptor));
        if (descriptor.requiredSpi().isSupported()) {
            problems.addAll(PluginValidation.extensionProblems(plugin));
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("The host would refuse this plugin:\n  " + String.join("\n  ", problems));
        }
    }

    /** Checks and wraps a plugin instance (without going through {@link ServiceLoader}). */
    public static PluginTestKit of(StoaPlugin plugin) {
        return new PluginTestKit(plugin);
    }

    /**
     * Loads the single {@link StoaPlugin} listed in {@code META-INF/services/dev.stoa.spi.StoaPlugin} on the
     * test class path, as the host finds it in a plugin jar; fails unless there is exactly one.
     */
    public static PluginTestKit load() {
        List<StoaPlugin> plugins = loadAll();
        if (plugins.size() != 1) {
            throw new AssertionError("Expected exactly one StoaPlugin in META-INF/services/dev.stoa.spi.StoaPlugin"
                    + " on the class path but found " + plugins.stream().map(p -> p.getClass().getName()).toList());
        }
        return new PluginTestKit(plugins.getFirst());
    }

    /** Loads the plugin with descriptor id {@code id} among those listed as services on the class path. */
    public static PluginTestKit load(String id) {
        List<StoaPlugin> plugins = loadAll();
        return plugins.stream().filter(p -> p.descriptor().id().equals(id)).findFirst().map(PluginTestKit::new)
                .orElseThrow(() -> new AssertionError("No StoaPlugin with id '" + id + "' is listed as a service; found "
                        + plugins.stream().map(p -> p.descriptor().id()).toList()));
    }

    private static List<StoaPlugin> loadAll() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            return ServiceLoader.load(StoaPlugin.class, loader).stream().map(ServiceLoader.Provider::get).toList();
        } catch (java.util.ServiceConfigurationError e) {
            throw new AssertionError("The host could not load the plugin: " + e.getMessage(), e);
        }
    }

    public StoaPlugin plugin() {
        return plugin;
    }

    public PluginDescriptor descriptor() {
        return descriptor;
    }

    /**
     * The configuration the host would build from these values ({@code stoa.plugins.<id>.} prefix left out):
     * validated, defaults applied.
     *
     * @throws IllegalArgumentException naming every bad key, as the host refuses to start
     */
    public PluginConfig config(Map<String, String> values) {
        return PluginValidation.validateConfig(descriptor, values);
    }

    /** The evaluator named {@code name}, created with the defaults only. */
    public Evaluator evaluator(String name) {
        return evaluator(name, Map.of());
    }

    /** The evaluator named {@code name}, created with these configuration values (validated, defaults applied). */
    public Evaluator evaluator(String name, Map<String, String> values) {
        return create("evaluator", plugin.evaluators(), EvaluatorFactory::name, name, values,
                f -> f.create(config(values)));
    }

    /** The license checker named {@code name}, created with the defaults only. */
    public LicenseChecker licenseChecker(String name) {
        return licenseChecker(name, Map.of());
    }

    /** The license checker named {@code name}, created with these configuration values. */
    public LicenseChecker licenseChecker(String name, Map<String, String> values) {
        return create("license checker", plugin.licenseCheckers(), LicenseCheckerFactory::name, name, values,
                f -> f.create(config(values)));
    }

    /** The inference runner named {@code name}, created with these configuration values. */
    public InferenceRunner inferenceRunner(String name, Map<String, String> values) {
        return create("inference runner", plugin.inferenceRunners(), InferenceRunnerFactory::name, name, values,
                f -> f.create(config(values)));
    }

    private <F, E> E create(String kind, List<F> factories, Function<F, String> nameOf, String name,
                            Map<String, String> values, Function<F, E> creator) {
        F factory = factories.stream().filter(f -> name.equals(nameOf.apply(f))).findFirst()
                .orElseThrow(() -> new AssertionError("Plugin '" + descriptor.id() + "' has no " + kind + " named '"
                        + name + "'; it has " + factories.stream().map(nameOf).toList()));
        E extension = creator.apply(factory);
        if (extension == null) {
            throw new AssertionError("The " + kind + " factory '" + name + "' of plugin '" + descriptor.id()
                    + "' returned null");
        }
        return extension;
    }
}
