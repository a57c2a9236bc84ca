package dev.stoa.ui.repo;

/** One finding of a check run. */
public record FindingRow(String severity, String code, String path, String message) {

    public String badgeClass() {
        return switch (severity) {
            case "CRITICAL", "HIGH" -> "error";
            case "MEDIUM", "LOW" -> "warn";
            default -> "info";
        };
    }
}
