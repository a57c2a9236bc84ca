package dev.stoa.hub.check;

import dev.stoa.spi.inference.InferenceSession;
import java.util.Optional;

/**
 * Serves a check the model it checks ({@link dev.stoa.spi.CheckContext#inference()}): implemented where inference
 * sessions are opened, so that checks need not know how models are served.
 */
public interface CheckInference {

    /**
     * A session on the repository's model at {@code commit}, opened as the repository's owner may; empty when the
     * revision cannot be served (not a model, no runner admits it, a private model without a deployment).
     */
    Optional<OpenSession> open(long repoId, String commit);

    /** A session and what it holds; closing gives the engine back. */
    interface OpenSession extends AutoCloseable {
        InferenceSession session();

        @Override
        void close();
    }
}
