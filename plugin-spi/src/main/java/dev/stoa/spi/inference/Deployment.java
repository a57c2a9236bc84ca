package dev.stoa.spi.inference;

import java.io.IOException;

/**
 * A running deployment: the handle {@link dev.stoa.spi.InferenceRunner#deploy} returns.
 *
 * <p><b>Threading:</b> every method may be called from several threads at once. <b>Lifecycle:</b> the host calls
 * {@link #close()} exactly once; afterwards the status is {@link DeploymentStatus.State#STOPPED} and nothing of
 * the deployment (threads, memory, workloads, files) remains.
 */
public interface Deployment extends AutoCloseable {

    /** Where the deployment stands now. */
    DeploymentStatus status();

    /** How to call it once ready: an OpenAI-compatible server, or an engine in Stoa's process. */
    Engine engine();

    /** Whether adapters can be loaded and unloaded while it runs ({@link #loadAdapter}). */
    default boolean servesAdapters() {
        return false;
    }

    /**
     * Starts serving an adapter on this deployment's base; requests then name it as {@link AdapterRef#name()}.
     *
     * @throws IOException                   when its weights cannot be read or applied
     * @throws UnsupportedOperationException when {@link #servesAdapters()} is false
     */
    default void loadAdapter(AdapterRef adapter) throws IOException {
        throw new UnsupportedOperationException("this runner serves no adapters besides those it was deployed with");
    }

    /**
     * Stops serving an adapter; unknown names are ignored.
     *
     * @throws UnsupportedOperationException when {@link #servesAdapters()} is false
     */
    default void unloadAdapter(String name) throws IOException {
        throw new UnsupportedOperationException("this runner serves no adapters besides those it was deployed with");
    }

    /**
     * A deployment that is ready as soon as it is made — for runners whose {@code deploy} returns once the engine is
     * loaded (in Stoa's process) or checked (a server that runs already) — and that runs {@code onClose} once, on the
     * first {@link #close()}, then reports {@link DeploymentStatus.State#STOPPED}. It serves no adapters besides those
     * it was deployed with.
     *
     * @param engine  what the host calls
     * @param onClose releases the engine's resources; {@code () -> {}} when there are none
     */
    static Deployment ready(Engine engine, Runnable onClose) {
        return new ReadyDeployment(engine, onClose);
    }

    /**
     * Lets go of a deployment that should go on running while Stoa's process stops (a restart, a rolling update): the
     * host calls this instead of {@link #close()} at shutdown, and after it starts again calls {@code deploy} with the
     * same {@linkplain DeploymentContext#deploymentName() name}. An engine in Stoa's process cannot outlive it and
     * closes (the default); a runner whose work runs elsewhere (pods) stops watching it and leaves it running, for its
     * next {@code deploy} to take over, so that restarting Stoa does not restart the models it serves.
     */
    default void detach() {
        close();
    }

    /** Stops serving and releases everything. Never throws for an already stopped deployment. */
    @Override
    void close();
}
