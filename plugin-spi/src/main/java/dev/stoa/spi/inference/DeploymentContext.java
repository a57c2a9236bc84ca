package dev.stoa.spi.inference;

import dev.stoa.spi.Revision;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What the host gives a runner for one deployment: the weights it was admitted for, a folder of its own and a way
 * to report status.
 *
 * <p><b>Threading:</b> every method may be called from any thread, also after {@link
 * dev.stoa.spi.InferenceRunner#deploy} returned, until the deployment is closed.
 */
public interface DeploymentContext {

    /**
     * The files of one of the deployment's models (its base or one of its adapters), streamed from Stoa's storage.
     *
     * @throws IOException when {@code model} is not one this deployment was admitted for
     */
    Revision files(ModelRef model) throws IOException;

    /**
     * How a process outside Stoa's (a pod, a server) reads the same weights with the Hugging Face clients: Stoa's
     * URL for {@code HF_ENDPOINT} and a short-lived read token limited to exactly this deployment's repositories.
     * Call again for a fresh token before this one expires. Empty when Stoa has no URL reachable from outside
     * (runners in Stoa's process read through {@link #files} instead).
     */
    Optional<HubAccess> hubAccess() throws IOException;

    /**
     * A secret of this deployment: an external model's API key as {@code api-key}, or a secret of the runner's plugin
     * configuration (a property declared with {@link dev.stoa.spi.ConfigProperty#secret}), such as an API key to
     * forward or a registry password; empty when it is not set. Secrets never appear in status messages, logs or exceptions: keep them so.
     */
    Optional<String> secret(String name);

    /**
     * The deployment's name, unique among this Stoa's deployments and the same across restarts of Stoa, so a runner
     * can name what it starts elsewhere after it (a Kubernetes Deployment) and find it again: at most 52 lowercase
     * letters, digits and '-', starting with a letter. Models served on demand and external models get a name too.
     */
    default String deploymentName() {
        return "";
    }

    /** A folder only this deployment uses (caches, merged weights); deleted by the host after {@code close()}. */
    Path workDirectory();

    /** Tells the host, and through it the people watching, where the deployment stands. */
    void report(DeploymentStatus.State state, String message);

    /**
     * Access to Stoa's Hugging Face API for one deployment.
     *
     * @param endpoint  the value of {@code HF_ENDPOINT}
     * @param token     a read token for the deployment's repositories only; a secret: never log it
     * @param expiresAt when the token stops working
     */
    record HubAccess(URI endpoint, String token, Instant expiresAt) {

        @Override
        public String toString() {
            return "HubAccess[endpoint=" + endpoint + ", expiresAt=" + expiresAt + "]";
        }
    }
}
