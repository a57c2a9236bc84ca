package dev.stoa.hub.inference;

import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.plugin.PluginCalls;
import dev.stoa.hub.plugin.PluginHost;
import dev.stoa.hub.plugin.PluginRunner;
import dev.stoa.spi.inference.Admission;
import dev.stoa.spi.inference.Deployment;
import dev.stoa.spi.inference.DeploymentContext;
import dev.stoa.spi.inference.DeploymentSpec;
import dev.stoa.spi.inference.ModelFacts;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Calls a runner's lifecycle — admit, deploy, close — with its class loader and time limits, for on-demand serving
 * and deployments alike.
 */
@ApplicationScoped
public class RunnerLifecycle {

    private static final Logger LOG = Logger.getLogger(RunnerLifecycle.class);
    private static final Duration ADMIT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofMinutes(1);

    private final PluginHost plugins;
    private final Duration loadTimeout;

    public RunnerLifecycle(PluginHost plugins, StoaConfig config) {
        this.plugins = plugins;
        this.loadTimeout = config.inference().loadTimeout();
    }

    /** The runner's verdict on a spec, from facts alone; 503 when the runner fails to answer. */
    public Admission admit(PluginRunner runner, DeploymentSpec spec, ModelFacts base, List<ModelFacts> adapters) {
        try {
            return plugins.callRunner(runner, "admit", ADMIT_TIMEOUT, () -> runner.runner().admit(spec, base, adapters));
        } catch (PluginCalls.PluginCallFailed e) {
            throw new ApiException(503, "RunnerFailed", "The runner " + runner.fullName() + " failed: " + e.getMessage());
        }
    }

    /** Starts serving a spec the runner admitted: returns when the engine is ready, within the load time-out. */
    public Deployment deploy(PluginRunner runner, DeploymentSpec spec, DeploymentContext context)
            throws PluginCalls.PluginCallFailed {
        return plugins.callRunner(runner, "deploy", loadTimeout, () -> runner.runner().deploy(spec, context));
    }

    /** Stops an engine; a failure is logged, since nothing more can be done about it. */
    public void close(PluginRunner runner, Deployment deployment, String what) {
        end(runner, "close", deployment::close, what);
    }

    /** Lets go of an engine that should outlive this process ({@link Deployment#detach()}), as Stoa stops. */
    public void detach(PluginRunner runner, Deployment deployment, String what) {
        end(runner, "detach", deployment::detach, what);
    }

    private void end(PluginRunner runner, String call, Runnable end, String what) {
        try {
            plugins.callRunner(runner, call, CLOSE_TIMEOUT, () -> {
                end.run();
                return null;
            });
        } catch (PluginCalls.PluginCallFailed e) {
            LOG.warnf("%s of %s failed: %s", call, what, e.getMessage());
        }
    }
}
