package dev.stoa.ui.view.moderation;

/**
 * One quarantine as the portal shows it.
 *
 * @param path      the quarantined file, or {@code null} for the whole repository
 * @param imposedBy the moderator, or {@code null} when a check imposed it
 * @param liftUrl   where a moderator posts the lift form, or {@code null} when the viewer may not lift it
 */
public record QuarantineLine(long id, String repo, String repoUrl, String path, String reason, String source,
                             String imposedBy, String imposedAt, String liftUrl) {
}
