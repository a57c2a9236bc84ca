package dev.stoa.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What one check concluded about one revision.
 *
 * @param verdict  the outcome
 * @param findings what was found, most severe first
 * @param metrics  typed measurements
 * @param summary  a short Markdown summary for people (a few lines; shown on the checks tab)
 */
public record CheckResult(Verdict verdict, List<Finding> findings, List<Metric> metrics, String summary) {

    public CheckResult {
        Objects.requireNonNull(verdict, "verdict");
        findings = findings == null ? List.of() : findings.stream()
                .sorted(Comparator.comparing(Finding::severity).reversed()).toList();
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        summary = summary == null ? "" : summary;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The most severe finding's severity, if there is any finding. */
    public java.util.Optional<Severity> worstSeverity() {
        return findings.stream().map(Finding::severity).max(Comparator.naturalOrder());
    }

    /**
     * Collects findings and metrics; {@link #build()} derives the verdict from the findings unless one was
     * set: {@code FAIL} with a {@code HIGH} or {@code CRITICAL} finding, {@code WARN} with a {@code MEDIUM} or
     * {@code LOW} one, else {@code PASS}. Not thread-safe.
     */
    public static final class Builder {
        private final List<Finding> findings = new ArrayList<>();
        private final List<Metric> metrics = new ArrayList<>();
        private Verdict verdict;
        private String summary = "";

        private Builder() {
        }

        public Builder finding(Severity severity, String code, String path, String message) {
            findings.add(new Finding(severity, code, path, message));
            return this;
        }

        public Builder finding(Finding finding) {
            findings.add(Objects.requireNonNull(finding, "finding"));
            return this;
        }

        public Builder metric(Metric metric) {
            metrics.add(Objects.requireNonNull(metric, "metric"));
            return this;
        }

        public Builder verdict(Verdict verdict) {
            this.verdict = verdict;
            return this;
        }

        public Builder summary(String markdown) {
            this.summary = markdown;
            return this;
        }

        public CheckResult build() {
            Verdict derived = verdict != null ? verdict : findings.stream().map(Finding::severity)
                    .max(Comparator.naturalOrder())
                    .map(worst -> worst.compareTo(Severity.HIGH) >= 0 ? Verdict.FAIL
                            : worst.compareTo(Severity.LOW) >= 0 ? Verdict.WARN : Verdict.PASS)
                    .orElse(Verdict.PASS);
            return new CheckResult(derived, findings, metrics, summary);
        }
    }
}
