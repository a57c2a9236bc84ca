package dev.stoa.ui.view.audit;

/** The search form's values as the viewer typed them (null when empty). */
public record AuditFilters(String action, String actor, String target, String from, String to) {
}
