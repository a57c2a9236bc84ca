package dev.stoa.ui.view.evaluate;

/**
 * One line of a leaderboard, formatted.
 *
 * @param modelUrl the model's page, or {@code null} for an external model
 * @param delta    an adapter's difference to its base ("+0.031"), or {@code null}
 */
public record LeaderboardItem(int rank, String model, String modelUrl, String kind, String base, String value,
        String stderr, String delta, String parameters, String license, String runUrl) {
}
