package dev.stoa.spi.inference;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a deployment stands, with a message for people ("loading 3 of 7 files", "no node has 2 free
 * nvidia.com/gpu", "image could not be pulled: ...").
 *
 * @param state   the state
 * @param message what a person should know; empty when there is nothing to add
 * @param at      when the deployment entered this state or the message changed
 */
public record DeploymentStatus(State state, String message, Instant at) {

    public DeploymentStatus {
        Objects.requireNonNull(state, "state");
        message = message == null ? "" : message;
        at = at == null ? Instant.now() : at;
    }

    /** The state now, with a message. */
    public static DeploymentStatus of(State state, String message) {
        return new DeploymentStatus(state, message, Instant.now());
    }

    /**
     * The lifecycle: {@code PENDING → LOADING → READY}, then {@code STOPPED} when closed; {@code FAILED} from any
     * state before {@code STOPPED}. A ready deployment may go back to loading (a restarted pod).
     */
    public enum State {
        /** Accepted, waiting for resources. */
        PENDING,
        /** Fetching weights or starting the engine. */
        LOADING,
        /** Answering requests. */
        READY,
        /** Stopped by an error; the message says which. */
        FAILED,
        /** Closed. */
        STOPPED;

        /** Whether the deployment can no longer become ready. */
        public boolean isFinal() {
            return this == FAILED || this == STOPPED;
        }
    }
}
