package dev.stoa.hub.inference;

import dev.stoa.hub.plugin.PluginCalls;
import dev.stoa.hub.plugin.PluginHost;
import dev.stoa.hub.plugin.PluginRunner;
import dev.stoa.spi.inference.Deployment;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * One request's use of a served engine, on demand or a deployment's: while a lease is open the engine is neither
 * unloaded nor scaled to zero. Close it when the request is done (a streamed answer: when the stream ends).
 */
public abstract class EngineLease implements AutoCloseable {

    private final PluginHost plugins;
    private final PluginRunner runner;
    private final Deployment deployment;
    private final String model;
    private final String adapter;
    private final Duration timeout;
    private boolean closed;

    /**
     * @param model   the name of the base model served, as requests name it ({@code ns/name}, {@code external/x})
     * @param adapter the adapter the request asked for; empty for the base model
     */
    protected EngineLease(PluginHost plugins, PluginRunner runner, Deployment deployment, String model, String adapter,
            Duration timeout) {
        this.plugins = plugins;
        this.runner = runner;
        this.deployment = deployment;
        this.model = model;
        this.adapter = adapter;
        this.timeout = timeout;
    }

    public Deployment deployment() {
        return deployment;
    }

    /** What the request runs, as the engine's model names know it: the adapter's name, else the base model's. */
    public String model() {
        return adapter.isEmpty() ? model : adapter;
    }

    /** The adapter to ask the engine for ({@code ns/name} of its repository); empty for the base model. */
    public String adapter() {
        return adapter;
    }

    /** The runner's full name, for answers that say who answered. */
    public String runner() {
        return runner.fullName();
    }

    /** The runner plugin's version, for records of who computed what. */
    public String runnerVersion() {
        return runner.plugin().descriptor().map(d -> d.version()).orElse("unknown");
    }

    /** The deployment that answers ({@code owner/name}); empty when the model is served on demand. */
    public abstract Optional<String> deploymentName();

    /** How long one request may take on this engine. */
    public Duration timeout() {
        return timeout;
    }

    /** Calls into the runner's engine with its class loader, within the request time limit. */
    public <T> T call(String what, Callable<T> body) throws PluginCalls.PluginCallFailed {
        return plugins.callRunner(runner, what, timeout, body);
    }

    @Override
    public final synchronized void close() {
        if (!closed) {
            closed = true;
            release();
        }
    }

    /** Gives the engine back: called once, by {@link #close()}. */
    protected abstract void release();
}
