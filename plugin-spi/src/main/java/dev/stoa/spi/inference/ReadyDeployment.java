package dev.stoa.spi.inference;

import java.util.Objects;

/** {@link Deployment#ready}: ready once made, stopped once closed, closing its resources exactly once. */
final class ReadyDeployment implements Deployment {

    private final Engine engine;
    private final Runnable onClose;
    private volatile DeploymentStatus status = DeploymentStatus.of(DeploymentStatus.State.READY, "");

    ReadyDeployment(Engine engine, Runnable onClose) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.onClose = Objects.requireNonNull(onClose, "onClose");
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
        if (status.state() != DeploymentStatus.State.STOPPED) {
            try {
                onClose.run();
            } finally {
                status = DeploymentStatus.of(DeploymentStatus.State.STOPPED, "");
            }
        }
    }
}
