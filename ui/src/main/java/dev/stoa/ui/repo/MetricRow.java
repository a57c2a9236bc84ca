package dev.stoa.ui.repo;

/** One metric of a check run, its value as text (with its unit). */
public record MetricRow(String name, String value) {
}
