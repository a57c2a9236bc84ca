package dev.stoa.hub.plugin;

import dev.stoa.hub.config.StoaConfig;
import dev.stoa.spi.CheckContext;
import dev.stoa.spi.CheckResult;
import dev.stoa.spi.Evaluator;
import dev.stoa.spi.LicenseChecker;
import dev.stoa.spi.Revision;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The plugins of this Stoa: found and started at start-up (the built-in jars carried inside Stoa, plugins on the
 * class path, the jars of the plugins folder; a bad configuration stops the start, naming the plugin and the
 * key), switched on and off at runtime, and called only through here, so that every call has
 * the plugin's class loader, its time limit, and its failures recorded rather than thrown at the caller.
 */
@Startup
@ApplicationScoped
public class PluginHost {

    private static final Logger LOG = Logger.getLogger(PluginHost.class);
    private static final String PREFIX = "stoa.plugins.";

    private final StoaConfig config;
    private final PluginStates states;
    private final PluginCalls calls = new PluginCalls();
    private volatile List<LoadedPlugin> plugins = List.of();

    public PluginHost(StoaConfig config, PluginStates states) {
        this.config = config;
        this.states = states;
    }

    @PostConstruct
    void start() {
        PluginLoader loader = new PluginLoader(calls, config.plugins().timeout(), PluginHost::valuesOf);
        ClassLoader classPath = Thread.currentThread().getContextClassLoader();
        List<LoadedPlugin> found = new ArrayList<>();
        for (Path jar : BuiltInPluginJars.copyTo(builtInFolder(), classPath)) {
            found.add(loader.loadJar(jar, "built-in (" + jar.getFileName() + ")"));
        }
        found.addAll(loader.loadBuiltIns(classPath));
        Path folder = config.plugins().dir().orElse(config.dataDir().resolve("plugins"));
        found.addAll(loader.loadJars(folder));
        Set<String> ids = new HashSet<>();
        List<LoadedPlugin> unique = new ArrayList<>();
        for (LoadedPlugin plugin : found) {
            if (plugin.status() != LoadedPlugin.Status.REFUSED && !ids.add(plugin.id())) {
                unique.add(LoadedPlugin.refused(plugin.id(), plugin.descriptor(), plugin.origin(), "Another plugin already has the id '"
                        + plugin.id() + "'; remove one of the two jars."));
                continue;
            }
            unique.add(plugin);
        }
        for (LoadedPlugin plugin : unique) {
            switch (plugin.status()) {
                case STARTED -> LOG.infof("Plugin %s %s started (%s) with checks %s", plugin.id(),
                        plugin.descriptor().orElseThrow().version(), plugin.origin(),
                        plugin.checks().stream().map(PluginCheck::fullName).toList());
                case OFF -> LOG.infof("Plugin %s is switched off (stoa.plugins.%s.enabled=false)", plugin.id(), plugin.id());
                case REFUSED -> LOG.errorf("Plugin %s (%s) refused: %s", plugin.id(), plugin.origin(), plugin.refusal());
            }
        }
        plugins = List.copyOf(unique);
    }

    /** A fresh folder for the built-in jars of this process, so that replicas sharing a disk never overwrite a loaded jar. */
    private static Path builtInFolder() {
        try {
            Path folder = java.nio.file.Files.createTempDirectory("stoa-built-in-plugins");
            folder.toFile().deleteOnExit();
            return folder;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("No temporary folder for the built-in plugins: " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void stop() {
        calls.close();
    }

    /** The values set under {@code stoa.plugins.<id>.}, by key below that prefix. */
    static Map<String, String> valuesOf(String id) {
        Config mp = ConfigProvider.getConfig();
        String prefix = PREFIX + id + ".";
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : mp.getPropertyNames()) {
            if (name.startsWith(prefix)) {
                mp.getOptionalValue(name, String.class).ifPresent(v -> values.put(name.substring(prefix.length()), v));
            }
        }
        return values;
    }

    /** Every plugin found, refused ones included, in the order found. */
    public List<LoadedPlugin> plugins() {
        return plugins;
    }

    public Optional<LoadedPlugin> plugin(String id) {
        return plugins.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** Whether the plugin runs checks now: started, and not switched off through the admin API. */
    public boolean isEnabled(LoadedPlugin plugin) {
        return isEnabled(plugin, states.all());
    }

    private static boolean isEnabled(LoadedPlugin plugin, Map<String, Boolean> switches) {
        return plugin.status() == LoadedPlugin.Status.STARTED && switches.getOrDefault(plugin.id(), true);
    }

    /** The checks of the enabled plugins. */
    public List<PluginCheck> enabledChecks() {
        Map<String, Boolean> switches = states.all();
        return plugins.stream().filter(p -> isEnabled(p, switches)).flatMap(p -> p.checks().stream()).toList();
    }

    /** The check named {@code <plugin id>/<name>} of an enabled plugin. */
    public Optional<PluginCheck> enabledCheck(String fullName) {
        return enabledChecks().stream().filter(c -> c.fullName().equals(fullName)).findFirst();
    }

    /** The inference runners of the enabled plugins. */
    public List<PluginRunner> enabledRunners() {
        Map<String, Boolean> switches = states.all();
        return plugins.stream().filter(p -> isEnabled(p, switches)).flatMap(p -> p.runners().stream()).toList();
    }

    /** The runner named {@code <plugin id>/<name>} of an enabled plugin. */
    public Optional<PluginRunner> enabledRunner(String fullName) {
        return enabledRunners().stream().filter(r -> r.fullName().equals(fullName)).findFirst();
    }

    /**
     * Calls a runner with its plugin's class loader, under {@code timeout} (loading a model takes longer than a
     * check's call); a failure is recorded on the plugin and thrown.
     */
    public <T> T callRunner(PluginRunner runner, String what, Duration timeout, java.util.concurrent.Callable<T> body)
            throws PluginCalls.PluginCallFailed {
        try {
            return calls.call(runner.plugin().loader(), timeout, runner.fullName() + " " + what, body);
        } catch (PluginCalls.PluginCallFailed e) {
            if (!e.cancelled()) {
                runner.plugin().recordError(runner.fullName(), e.getMessage());
                LOG.warnf("Runner call failed: %s", e.getMessage());
            }
            throw e;
        }
    }

    /** Switches a started plugin on or off for every replica. */
    void setEnabled(LoadedPlugin plugin, boolean enabled, long byAccountId) {
        states.set(plugin.id(), enabled, byAccountId);
    }

    /** Whether the check has anything to say about the revision; a failure is recorded and thrown. */
    public boolean appliesTo(PluginCheck check, Revision revision) throws PluginCalls.PluginCallFailed {
        return guarded(check, "appliesTo", () -> switch (check.extension()) {
            case Evaluator e -> e.appliesTo(revision);
            case LicenseChecker l -> l.appliesTo(revision);
            default -> throw new IllegalStateException("not a check");
        });
    }

    /** Runs the check on the revision; a failure (thrown, timed out, a null result) is recorded and thrown. */
    public CheckResult run(PluginCheck check, Revision revision, CheckContext context) throws PluginCalls.PluginCallFailed {
        CheckResult result = guarded(check, "run", () -> switch (check.extension()) {
            case Evaluator e -> e.evaluate(revision, context);
            case LicenseChecker l -> l.check(revision, context);
            default -> throw new IllegalStateException("not a check");
        });
        if (result == null) {
            String message = check.fullName() + " returned no result (null)";
            check.plugin().recordError(check.fullName(), message);
            throw new PluginCalls.PluginCallFailed(message, null, false);
        }
        return result;
    }

    private <T> T guarded(PluginCheck check, String what, java.util.concurrent.Callable<T> body) throws PluginCalls.PluginCallFailed {
        LoadedPlugin plugin = check.plugin();
        try {
            return calls.call(plugin.loader(), plugin.timeout(), check.fullName() + " " + what, body);
        } catch (PluginCalls.PluginCallFailed e) {
            if (!e.cancelled()) {
                plugin.recordError(check.fullName(), e.getMessage());
                LOG.warnf("Plugin call failed: %s", e.getMessage());
            }
            throw e;
        }
    }
}
