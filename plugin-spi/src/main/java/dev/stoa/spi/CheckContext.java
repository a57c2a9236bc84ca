package dev.stoa.spi;

import java.time.Instant;

/**
 * What the host offers a check while it runs. Every method has a default so that tests implement only what
 * they need ({@link #NONE} implements none).
 *
 * <p>Long checks should look at {@link #isCancelled()} between files and stop early (returning what they
 * have, or throwing {@link java.util.concurrent.CancellationException}); the host also interrupts the
 * thread at the deadline.
 */
public interface CheckContext {

    /** A context that is never cancelled, has no deadline and drops progress messages. */
    CheckContext NONE = new CheckContext() {
    };

    /** Whether the run was cancelled or ran past its deadline. */
    default boolean isCancelled() {
        return Thread.currentThread().isInterrupted();
    }

    /** When the host stops waiting for this check; {@link Instant#MAX} when there is no deadline. */
    default Instant deadline() {
        return Instant.MAX;
    }

    /** Reports progress for people watching the run, e.g. "scanned 3 of 8 files". */
    default void progress(String message) {
    }

    /**
     * An inference session on the revision being checked, when the revision is a model the host can serve: opened
     * on the first call (on demand, on an existing deployment), shared by the check's later calls and released by the
     * host when the check ends. Empty when the revision is not a servable model, or the host offers no inference to
     * checks. Since SPI 1.2.
     */
    default java.util.Optional<dev.stoa.spi.inference.InferenceSession> inference() {
        return java.util.Optional.empty();
    }
}
