package dev.stoa.ui.pages;

import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import dev.stoa.ui.view.evaluate.LeaderboardItem;
import io.quarkus.qute.TemplateInstance;
import java.util.List;

/**
 * A task's leaderboard: the chart (score against parameters) and the table, with the metric, licence and size
 * filters.
 *
 * @param chartUrl the SVG chart of the same board and filters
 */
public record LeaderboardPage(Site site, Viewer viewer, String task, String datasetUrl, String metric,
        List<String> metrics, boolean higherIsBetter, List<LeaderboardItem> entries, String chartUrl, String license,
        String maxParameters) implements TemplateInstance {
}
