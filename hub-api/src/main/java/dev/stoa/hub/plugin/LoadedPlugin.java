package dev.stoa.hub.plugin;

import dev.stoa.spi.PluginConfig;
import dev.stoa.spi.PluginDescriptor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plugin the host found: started (its checks created), switched off by configuration, or refused (an
 * incompatible SPI version, a jar that could not be read, a plugin that failed to start) with the reason.
 * Keeps the last few errors of its calls for the admin API.
 */
public final class LoadedPlugin {

    /** What became of the plugin at start. */
    public enum Status { STARTED, OFF, REFUSED }

    /** A call into the plugin that failed. */
    public record LastError(Instant at, String check, String message) {
    }

    static final int KEPT_ERRORS = 10;

    private final String id;
    private final Optional<PluginDescriptor> descriptor;
    private final String origin;
    private final ClassLoader loader;
    private final Status status;
    private final String refusal;
    private final Map<String, String> values;
    private final PluginConfig config;
    private final Duration timeout;
    private volatile List<PluginCheck> checks = List.of();
    private volatile List<PluginRunner> runners = List.of();
    private final Deque<LastError> errors = new ArrayDeque<>();

    private LoadedPlugin(String id, Optional<PluginDescriptor> descriptor, String origin, ClassLoader loader, Status status,
                         String refusal, Map<String, String> values, PluginConfig config, Duration timeout) {
        this.id = id;
        this.descriptor = descriptor;
        this.origin = origin;
        this.loader = loader;
        this.status = status;
        this.refusal = refusal;
        this.values = Map.copyOf(values);
        this.config = config;
        this.timeout = timeout;
    }

    static LoadedPlugin refused(String id, Optional<PluginDescriptor> descriptor, String origin, String reason) {
        return new LoadedPlugin(id, descriptor, origin, null, Status.REFUSED, reason, Map.of(), PluginConfig.empty(), Duration.ZERO);
    }

    static LoadedPlugin off(PluginDescriptor descriptor, String origin, Map<String, String> values) {
        return new LoadedPlugin(descriptor.id(), Optional.of(descriptor), origin, null, Status.OFF, null, values,
                PluginConfig.empty(), Duration.ZERO);
    }

    static LoadedPlugin started(PluginDescriptor descriptor, String origin, ClassLoader loader, Map<String, String> values,
                                PluginConfig config, Duration timeout) {
        return new LoadedPlugin(descriptor.id(), Optional.of(descriptor), origin, loader, Status.STARTED, null, values,
                config, timeout);
    }

    /** The plugin's id; for a jar refused before its descriptor could be read, the jar's file name. */
    public String id() {
        return id;
    }

    public Optional<PluginDescriptor> descriptor() {
        return descriptor;
    }

    /** {@code built-in}, or the path of the jar it came from. */
    public String origin() {
        return origin;
    }

    public ClassLoader loader() {
        return loader;
    }

    public Status status() {
        return status;
    }

    /** Why the plugin was refused; null unless {@link Status#REFUSED}. */
    public String refusal() {
        return refusal;
    }

    /** The values set for it under {@code stoa.plugins.<id>.*}, host keys included, secrets in clear. */
    Map<String, String> values() {
        return values;
    }

    public PluginConfig config() {
        return config;
    }

    /** The value of a property the descriptor declares secret; empty for any other name or when it is not set. */
    public Optional<String> secret(String name) {
        boolean declared = descriptor.stream().flatMap(d -> d.properties().stream())
                .anyMatch(p -> p.secret() && p.name().equals(name));
        return declared ? config.get(name) : Optional.empty();
    }

    /** How long one call into this plugin may take. */
    public Duration timeout() {
        return timeout;
    }

    public List<PluginCheck> checks() {
        return checks;
    }

    void checks(List<PluginCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    /** The inference runners it offers. */
    public List<PluginRunner> runners() {
        return runners;
    }

    void runners(List<PluginRunner> runners) {
        this.runners = List.copyOf(runners);
    }

    /** Records a failed call; the oldest beyond {@value #KEPT_ERRORS} are dropped. */
    public void recordError(String check, String message) {
        synchronized (errors) {
            errors.addFirst(new LastError(Instant.now(), check, message));
            while (errors.size() > KEPT_ERRORS) {
                errors.removeLast();
            }
        }
    }

    /** The recorded errors, newest first. */
    public List<LastError> lastErrors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }
}
