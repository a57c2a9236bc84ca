package dev.stoa.ui.view.deploy;

/**
 * Whether a runner can serve the model, asked before anyone deploys it.
 *
 * @param runner  {@code plugin/runner}
 * @param refusal its reasons, or {@code null} when it can
 */
public record RunnerVerdict(String runner, String refusal) {

    public boolean accepts() {
        return refusal == null;
    }
}
