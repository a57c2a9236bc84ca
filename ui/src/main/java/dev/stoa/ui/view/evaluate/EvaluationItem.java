package dev.stoa.ui.view.evaluate;

import java.util.List;

/**
 * One evaluation run as the portal lists it.
 *
 * @param leaderboardUrl the task's leaderboard page
 * @param progress       "120 of 500 documents", or empty before the run knows
 * @param error          why it failed or was cancelled, or {@code null}
 * @param samplesUrl     the per-document records (JSON Lines), or {@code null} before the run ends
 */
public record EvaluationItem(String id, String model, String task, String leaderboardUrl, String status,
        String progress, List<Score> scores, String error, String runUrl, String samplesUrl, String startedBy,
        String created) {

    public boolean isActive() {
        return status.equals("queued") || status.equals("running");
    }

    /** A metric's value and standard error, formatted. */
    public record Score(String metric, String value, String stderr) {
    }
}
