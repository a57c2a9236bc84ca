package dev.stoa.ui.view.moderation;

/**
 * One community report as the portal shows it.
 *
 * @param reporter who reported it (moderators only), or {@code null}
 * @param outcome  the moderator's message, or {@code null} while the report is open
 * @param actUrl   where a moderator posts a decision, or {@code null}
 */
public record ReportLine(long id, String repo, String repoUrl, String path, String reporter, String reason, String details,
                         String status, String outcome, String decidedAt, String createdAt, String actUrl) {

    public boolean open() {
        return "open".equals(status);
    }
}
