package dev.stoa.spi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CheckResultTest {

    @Test
    void noFindingsPass() {
        CheckResult result = CheckResult.builder().build();
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.worstSeverity()).isEmpty();
        assertThat(result.summary()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"INFO,PASS", "LOW,WARN", "MEDIUM,WARN", "HIGH,FAIL", "CRITICAL,FAIL"})
    void verdictFollowsTheWorstFinding(Severity worst, Verdict expected) {
        CheckResult result = CheckResult.builder()
                .finding(Severity.INFO, "note", null, "a note")
                .finding(worst, "worst", "a.bin", "the worst")
                .build();
        assertThat(result.verdict()).isEqualTo(expected);
        assertThat(result.worstSeverity()).contains(worst);
    }

    @Test
    void anExplicitVerdictWins() {
        CheckResult result = CheckResult.builder()
                .finding(Severity.CRITICAL, "x", null, "bad")
                .verdict(Verdict.ERROR)
                .build();
        assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
    }

    @Test
    void findingsAreSortedMostSevereFirst() {
        CheckResult result = CheckResult.builder()
                .finding(Severity.LOW, "low", null, "l")
                .finding(Severity.CRITICAL, "critical", null, "c")
                .finding(Severity.MEDIUM, "medium", null, "m")
                .build();
        assertThat(result.findings()).extracting(Finding::code).containsExactly("critical", "medium", "low");
    }

    @Test
    void metricsAndSummaryAreKept() {
        CheckResult result = CheckResult.builder()
                .metric(Metric.count("files.count", 3))
                .metric(Metric.flag("sharded", true))
                .summary("**3** files")
                .build();
        assertThat(result.metrics()).containsExactly(new Metric.Count("files.count", 3), new Metric.Flag("sharded", true));
        assertThat(result.summary()).isEqualTo("**3** files");
    }
}
