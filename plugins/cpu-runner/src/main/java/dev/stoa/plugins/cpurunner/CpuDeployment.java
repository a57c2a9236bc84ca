package dev.stoa.plugins.cpurunner;

import dev.stoa.spi.inference.Deployment;
import dev.stoa.spi.inference.DeploymentStatus;
import dev.stoa.spi.inference.DeploymentStatus.State;
import dev.stoa.spi.inference.Engine;

/** A model loaded in this process: ready once constructed, stopped when closed. */
final class CpuDeployment implements Deployment {

    private final JlamaEngine engine;
    private volatile DeploymentStatus status = DeploymentStatus.of(State.READY, "");

    CpuDeployment(JlamaEngine engine) {
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
    public synchronized void close() {
        if (status.state() != State.STOPPED) {
            engine.close();
            status = DeploymentStatus.of(State.STOPPED, "");
        }
    }
}
