package dev.stoa.hub.plugin;

import dev.stoa.spi.EvaluatorFactory;
import dev.stoa.spi.LicenseCheckerFactory;
import dev.stoa.spi.PluginConfig;
import dev.stoa.spi.PluginDescriptor;
import dev.stoa.spi.InferenceRunner;
import dev.stoa.spi.InferenceRunnerFactory;
import dev.stoa.spi.SpiVersion;
import dev.stoa.spi.StoaPlugin;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds plugins and starts them: built-in ones with {@link ServiceLoader} on Stoa's class path, external ones
 * from the jars of a folder, each jar in its own class loader whose parent sees only the SPI and the JDK. For
 * each plugin the SPI version is checked before anything but its descriptor is called; then its configuration
 * is validated and its checks created. Every call runs through {@link PluginCalls}.
 *
 * <p>A plugin that cannot run (incompatible SPI, unreadable jar, a failing constructor or factory) is refused
 * and listed with the reason; a configuration error stops Stoa's start instead ({@link
 * PluginConfigValidation.InvalidPluginConfig}), since an administrator set something that does not work.
 */
public final class PluginLoader {

    private static final Logger LOG = Logger.getLogger(PluginLoader.class);
    private static final Pattern CHECK_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final PluginCalls calls;
    private final Duration defaultTimeout;
    private final Function<String, Map<String, String>> valuesOf;

    /**
     * @param valuesOf the values set for a plugin id, keys without the {@code stoa.plugins.<id>.} prefix
     */
    public PluginLoader(PluginCalls calls, Duration defaultTimeout, Function<String, Map<String, String>> valuesOf) {
        this.calls = calls;
        this.defaultTimeout = defaultTimeout;
        this.valuesOf = valuesOf;
    }

    /** The plugins listed in {@code META-INF/services/dev.stoa.spi.StoaPlugin} on {@code classPath}. */
    public List<LoadedPlugin> loadBuiltIns(ClassLoader classPath) {
        List<LoadedPlugin> plugins = new ArrayList<>();
        List<ServiceLoader.Provider<StoaPlugin>> providers;
        try {
            providers = calls.call(classPath, defaultTimeout, "Finding built-in plugins",
                    () -> ServiceLoader.load(StoaPlugin.class, classPath).stream().toList());
        } catch (PluginCalls.PluginCallFailed e) {
            LOG.errorf("Built-in plugins could not be listed: %s", e.getMessage());
            return plugins;
        }
        for (ServiceLoader.Provider<StoaPlugin> provider : providers) {
            String origin = "built-in";
            plugins.add(instantiate(provider.type().getName(), origin, classPath, provider::get));
        }
        return plugins;
    }

    /** The plugins of the {@code *.jar} files in {@code folder}, by file name; none when there is no folder. */
    public List<LoadedPlugin> loadJars(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(folder)) {
            jars = files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("The plugins folder " + folder + " cannot be read: " + e.getMessage()
                    + ". Fix its permissions or set stoa.plugins.dir to another folder.", e);
        }
        return jars.stream().map(this::loadJar).toList();
    }

    /** The plugin of one jar, in a class loader of its own; its origin is the jar's path. */
    public LoadedPlugin loadJar(Path jar) {
        return loadJar(jar, jar.toAbsolutePath().toString());
    }

    /** The plugin of one jar, in a class loader of its own, shown as coming from {@code origin}. */
    public LoadedPlugin loadJar(Path jar, String origin) {
        String fallbackId = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        URLClassLoader loader;
        try {
            loader = new URLClassLoader("plugin:" + jar.getFileName(), new URL[]{jar.toUri().toURL()},
                    new SpiOnlyClassLoader(StoaPlugin.class.getClassLoader()));
        } catch (MalformedURLException e) {
            return LoadedPlugin.refused(fallbackId, Optional.empty(), origin, "The jar's path cannot be read: " + e.getMessage());
        }
        List<ServiceLoader.Provider<StoaPlugin>> providers;
        try {
            providers = calls.call(loader, defaultTimeout, "Reading " + jar.getFileName(),
                    () -> ServiceLoader.load(StoaPlugin.class, loader).stream()
                            .filter(p -> p.type().getClassLoader() == loader).toList());
        } catch (PluginCalls.PluginCallFailed e) {
            return refuse(loader, fallbackId, Optional.empty(), origin, "The jar's plugin could not be found: " + e.getMessage());
        }
        if (providers.size() != 1) {
            return refuse(loader, fallbackId, Optional.empty(), origin, "The jar lists " + providers.size()
                    + " plugins in META-INF/services/dev.stoa.spi.StoaPlugin; a plugin jar lists exactly one.");
        }
        ServiceLoader.Provider<StoaPlugin> provider = providers.getFirst();
        LoadedPlugin plugin = instantiate(fallbackId, origin, loader, provider::get);
        if (plugin.status() != LoadedPlugin.Status.STARTED) {
            close(loader);
        }
        return plugin;
    }

    private LoadedPlugin instantiate(String fallbackId, String origin, ClassLoader loader, java.util.concurrent.Callable<StoaPlugin> create) {
        StoaPlugin plugin;
        PluginDescriptor descriptor;
        try {
            plugin = calls.call(loader, defaultTimeout, "Creating plugin " + fallbackId, create);
            descriptor = calls.call(loader, defaultTimeout, "Reading the descriptor of " + fallbackId, plugin::descriptor);
        } catch (PluginCalls.PluginCallFailed e) {
            return LoadedPlugin.refused(fallbackId, Optional.empty(), origin, e.getMessage());
        }
        if (descriptor == null) {
            return LoadedPlugin.refused(fallbackId, Optional.empty(), origin, "The plugin's descriptor() returned null.");
        }
        SpiVersion.Required required = descriptor.requiredSpi();
        if (!required.isSupported()) {
            return LoadedPlugin.refused(descriptor.id(), Optional.of(descriptor), origin, "Plugin '" + descriptor.id()
                    + "' (" + origin + ") needs plugin SPI " + required + ", but this Stoa supports SPI " + SpiVersion.current()
                    + " (a plugin runs when it needs SPI " + SpiVersion.MAJOR + ".x with x at most " + SpiVersion.MINOR
                    + "). Install a version of the plugin built for SPI " + SpiVersion.current() + ".");
        }
        List<String> problems = dev.stoa.spi.PluginValidation.descriptorProblems(descriptor);
        if (!problems.isEmpty()) {
            return LoadedPlugin.refused(descriptor.id(), Optional.of(descriptor), origin, String.join("; ", problems) + ".");
        }
        return start(plugin, descriptor, origin, loader);
    }

    private LoadedPlugin start(StoaPlugin plugin, PluginDescriptor descriptor, String origin, ClassLoader loader) {
        String id = descriptor.id();
        Map<String, String> values = valuesOf.apply(id);
        if ("false".equalsIgnoreCase(values.getOrDefault("enabled", "true").strip())) {
            return LoadedPlugin.off(descriptor, origin, values);
        }
        PluginConfig config = PluginConfigValidation.validate(descriptor, values);
        Duration timeout = Optional.ofNullable(values.get("timeout")).map(PluginConfig::parseDuration).orElse(defaultTimeout);
        LoadedPlugin loaded = LoadedPlugin.started(descriptor, origin, loader, values, config, timeout);
        List<PluginCheck> checks = new ArrayList<>();
        List<PluginRunner> runners = new ArrayList<>();
        try {
            List<EvaluatorFactory> evaluators = calls.call(loader, timeout, id + " evaluators()", plugin::evaluators);
            for (EvaluatorFactory factory : evaluators == null ? List.<EvaluatorFactory>of() : evaluators) {
                String name = checkName(loader, timeout, id, factory::name, checks);
                checks.add(new PluginCheck(loaded, name, PluginCheck.Kind.EVALUATOR,
                        create(loader, timeout, id, name, () -> factory.create(config))));
            }
            List<LicenseCheckerFactory> licenses = calls.call(loader, timeout, id + " licenseCheckers()", plugin::licenseCheckers);
            for (LicenseCheckerFactory factory : licenses == null ? List.<LicenseCheckerFactory>of() : licenses) {
                String name = checkName(loader, timeout, id, factory::name, checks);
                checks.add(new PluginCheck(loaded, name, PluginCheck.Kind.LICENSE_CHECKER,
                        create(loader, timeout, id, name, () -> factory.create(config))));
            }
            List<InferenceRunnerFactory> runnerFactories = calls.call(loader, timeout, id + " inferenceRunners()",
                    plugin::inferenceRunners);
            for (InferenceRunnerFactory factory : runnerFactories == null ? List.<InferenceRunnerFactory>of() : runnerFactories) {
                String name = checkName(loader, timeout, id, factory::name, checks);
                if (runners.stream().anyMatch(r -> r.name().equals(name))) {
                    throw new RefusedPlugin("it offers two runners named '" + name + "'");
                }
                runners.add(new PluginRunner(loaded, name,
                        (InferenceRunner) create(loader, timeout, id, name, () -> factory.create(config))));
            }
        } catch (PluginCalls.PluginCallFailed | RefusedPlugin e) {
            return LoadedPlugin.refused(id, Optional.of(descriptor), origin, "Plugin '" + id + "' failed to start: " + e.getMessage());
        }
        loaded.checks(checks);
        loaded.runners(runners);
        return loaded;
    }

    private static final class RefusedPlugin extends Exception {
        RefusedPlugin(String message) {
            super(message);
        }
    }

    private String checkName(ClassLoader loader, Duration timeout, String id, java.util.concurrent.Callable<String> name,
                             List<PluginCheck> existing) throws PluginCalls.PluginCallFailed, RefusedPlugin {
        String value = calls.call(loader, timeout, id + " check name", name);
        if (value == null || !CHECK_NAME.matcher(value).matches()) {
            throw new RefusedPlugin("its check name '" + value + "' is not 1-63 lowercase letters, digits and dashes");
        }
        if (existing.stream().anyMatch(c -> c.name().equals(value))) {
            throw new RefusedPlugin("it offers two checks named '" + value + "'");
        }
        return value;
    }

    private Object create(ClassLoader loader, Duration timeout, String id, String name, java.util.concurrent.Callable<Object> create)
            throws PluginCalls.PluginCallFailed, RefusedPlugin {
        Object extension;
        try {
            extension = calls.call(loader, timeout, id + "/" + name + " create", create);
        } catch (PluginCalls.PluginCallFailed e) {
            if (e.getCause() instanceof IllegalArgumentException bad) {
                throw new IllegalStateException("Plugin '" + id + "': check '" + name + "' refused its configuration"
                        + " (stoa.plugins." + id + ".*): " + bad.getMessage(), bad);
            }
            throw e;
        }
        if (extension == null) {
            throw new RefusedPlugin("its check '" + name + "' was created as null");
        }
        return extension;
    }

    private static LoadedPlugin refuse(URLClassLoader loader, String id, Optional<PluginDescriptor> descriptor, String origin,
                                       String reason) {
        close(loader);
        return LoadedPlugin.refused(id, descriptor, origin, reason);
    }

    private static void close(ClassLoader loader) {
        if (loader instanceof URLClassLoader closable) {
            try {
                closable.close();
            } catch (IOException e) {
                LOG.debugf("Closing %s failed: %s", loader, e.getMessage());
            }
        }
    }
}
