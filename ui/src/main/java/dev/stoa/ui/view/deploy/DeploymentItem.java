package dev.stoa.ui.view.deploy;

import java.util.List;

/**
 * A deployment as the portal lists and shows it.
 *
 * @param id         {@code owner/name}
 * @param model      the base model's {@code ns/name}
 * @param commit     the commit it is pinned to
 * @param adapters   the adapters served on it ({@code ns/name})
 * @param state      {@code pending}, {@code loading}, {@code ready}, {@code failed} or {@code stopped}
 * @param message    what the runner or Stoa said last
 * @param resources  CPU, memory and GPUs in words
 * @param scaleToZero idle minutes before it stops; 0: never
 * @param modelNames the names to send as {@code model} to {@code /v1}
 */
public record DeploymentItem(String id, String model, String commit, List<String> adapters, String runner,
        String state, String message, String resources, int scaleToZero, String createdBy, String created,
        String updated, List<String> modelNames) {

    public String url() {
        return "/deployments/" + id;
    }

    public String modelUrl() {
        return "/" + model;
    }

    public String shortCommit() {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    /** The badge colour of its state. */
    public String badge() {
        return switch (state) {
            case "ready" -> "ok";
            case "failed" -> "error";
            case "stopped" -> "muted";
            default -> "warn";
        };
    }

    /** The name a first request sends as {@code model}: the base model's. */
    public String callName() {
        return modelNames.isEmpty() ? model : modelNames.getFirst();
    }

    /** Whether it is on its way and worth watching. */
    public boolean starting() {
        return state.equals("pending") || state.equals("loading");
    }
}
