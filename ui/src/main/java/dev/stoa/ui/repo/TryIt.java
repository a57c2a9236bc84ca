package dev.stoa.ui.repo;

/**
 * The "Try it" panel of a model's card: a chat or a completion against the OpenAI-compatible gateway, streamed.
 *
 * @param model     the model's id, as requests name it
 * @param refusal   why the model cannot run here (the runner's admission verdict, or why on-demand serving does not
 *                  apply); null when it can
 * @param signedIn  whether the viewer can call the gateway (a session); otherwise the panel asks to sign in
 * @param signInUrl where to sign in and come back
 */
public record TryIt(String model, String refusal, boolean signedIn, String signInUrl) {

    /** Whether the model can run here. */
    public boolean runnable() {
        return refusal == null;
    }
}
