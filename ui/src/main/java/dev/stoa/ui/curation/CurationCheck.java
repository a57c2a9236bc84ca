package dev.stoa.ui.curation;

/**
 * One check run of a submitted commit, shown beside the others.
 *
 * @param verdictClass the badge class: {@code ok}, {@code warn}, {@code error} or {@code muted}
 */
public record CurationCheck(String check, String status, String verdictLabel, String verdictClass, String summary) {

    /** The badge for a run: its verdict once finished, else its status. */
    public static CurationCheck of(String check, String status, String verdict, String summary) {
        String label = verdict == null ? status : verdict;
        String css = verdict == null ? "muted" : switch (verdict) {
            case "PASS" -> "ok";
            case "WARN" -> "warn";
            default -> "error";
        };
        return new CurationCheck(check, status, label, css, summary == null ? "" : summary);
    }
}
