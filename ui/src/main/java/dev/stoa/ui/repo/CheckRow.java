package dev.stoa.ui.repo;

import java.time.Instant;
import java.util.List;

/**
 * One check run.
 *
 * @param verdict     PASS, WARN, FAIL, ERROR... or null while it has not finished
 * @param summaryHtml the plugin's summary rendered as sanitised Markdown, or empty
 * @param detailsUrl  the run as JSON in Stoa's API
 */
public record CheckRow(long id, String check, String plugin, String status, String verdict, List<FindingRow> findings,
                       List<MetricRow> metrics, String summaryHtml, String lastError, Instant finishedAt, String detailsUrl) {

    public String verdictClass() {
        if (verdict == null) {
            return "muted";
        }
        return switch (verdict) {
            case "PASS" -> "ok";
            case "WARN" -> "warn";
            case "FAIL", "ERROR" -> "error";
            default -> "info";
        };
    }

    public String verdictLabel() {
        return verdict == null ? status : verdict;
    }

    public String finishedText() {
        return Links.date(finishedAt);
    }

    public boolean hasSummary() {
        return summaryHtml != null && !summaryHtml.isBlank();
    }
}
