package dev.stoa.plugins.openaiendpoint;

import dev.stoa.spi.inference.Deployment;
import dev.stoa.spi.inference.DeploymentStatus;
import dev.stoa.spi.inference.DeploymentStatus.State;
import dev.stoa.spi.inference.Engine;
import dev.stoa.spi.inference.RemoteEngine;

/** A server that runs on its own: ready once checked; closing only stops Stoa from forwarding to it. */
final class EndpointDeployment implements Deployment {

    private final RemoteEngine engine;
    private volatile DeploymentStatus status = DeploymentStatus.of(State.READY, "");

    EndpointDeployment(RemoteEngine engine) {
        this.engine = engine;
    }

    @Override
    public DeploymentStatus status() {
        return status;
    }

    @Override
    public Engine engine() {
        return engine;
    }

    @Override
    public void close() {
        status = DeploymentStatus.of(State.STOPPED, "");
    }
}
