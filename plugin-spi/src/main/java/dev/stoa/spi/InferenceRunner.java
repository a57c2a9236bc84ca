package dev.stoa.spi;

import dev.stoa.spi.inference.Admission;
import dev.stoa.spi.inference.Deployment;
import dev.stoa.spi.inference.DeploymentContext;
import dev.stoa.spi.inference.DeploymentSpec;
import dev.stoa.spi.inference.ModelFacts;
import java.io.IOException;
import java.util.List;

/**
 * Serves models: decides what it can run, then runs deployments of a base model (and LoRA adapters on it) that
 * the host calls through an OpenAI-compatible endpoint or an in-process {@link dev.stoa.spi.inference.LocalEngine}.
 * Since SPI 1.1; the 1.0 interface of the same name was never hosted.
 *
 * <p><b>Lifecycle:</b> created by its {@link InferenceRunnerFactory} once per plugin configuration. The host first
 * asks {@link #admit}, from headers and configs alone, and shows the reasons to people when it refuses; only an
 * admitted spec is {@link #deploy deployed}. A deployment lives until the host {@linkplain Deployment#close()
 * closes} it: when its owner deletes it, when it has been idle past the scale-to-zero time, when the host evicts it
 * under its memory budget, or when Stoa stops.
 *
 * <p><b>Threading:</b> {@link #admit} may be called from several threads at once. {@link #deploy} is called on a
 * host worker thread, never on a request thread, and may block while the model loads (it should report
 * {@link dev.stoa.spi.inference.DeploymentStatus.State#LOADING} through the context first) or return at once and
 * report readiness later. <b>Failures:</b> a thrown exception from {@code deploy} marks the deployment
 * {@linkplain dev.stoa.spi.inference.DeploymentStatus.State#FAILED failed} with the exception's message, so write
 * messages people understand ("no node has 2 free nvidia.com/gpu"); it never affects uploads, downloads or other
 * plugins. <b>Nullability:</b> nothing here returns {@code null}.
 */
public interface InferenceRunner {

    /**
     * Whether this runner can serve the spec, decided from the models' facts (configs and safetensors headers)
     * without loading anything.
     *
     * @param spec    what is asked for: base model, adapters, resources, engine options
     * @param base    the facts of {@code spec.base()}
     * @param adapters the facts of each of {@code spec.adapters()}, in the same order
     * @return {@link Admission#accepted()}, or the reasons why not
     */
    Admission admit(DeploymentSpec spec, ModelFacts base, List<ModelFacts> adapters);

    /**
     * Starts serving an admitted spec.
     *
     * @param spec    the spec {@link #admit} accepted
     * @param context how to read the weights, where to keep files, how to report status
     * @return the running deployment; its status may still be loading
     * @throws IOException when the weights cannot be read or the engine cannot start; the message is shown
     */
    Deployment deploy(DeploymentSpec spec, DeploymentContext context) throws IOException;

    /**
     * Removes whatever this runner started outside Stoa's process for deployments that no longer exist: those deleted
     * while Stoa was down, or left by a Stoa that was killed. The host calls it once after it starts, with the
     * {@linkplain DeploymentContext#deploymentName() names} of the deployments of this runner that exist; anything
     * the runner finds of another name is an orphan. Runners that start nothing outside need not implement it.
     *
     * @param deploymentNames the deployments that exist, which must be left alone
     * @return the names of the orphans removed, for the host's log
     * @throws IOException when what exists cannot be listed or removed; the host tries again at its next start
     */
    default java.util.Set<String> collectOrphans(java.util.Set<String> deploymentNames) throws IOException {
        return java.util.Set.of();
    }
}
