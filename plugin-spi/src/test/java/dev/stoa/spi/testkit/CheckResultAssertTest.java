package dev.stoa.spi.testkit;

import dev.stoa.spi.CheckResult;
import dev.stoa.spi.Metric;
import dev.stoa.spi.Severity;
import dev.stoa.spi.Verdict;
import org.junit.jupiter.api.Test;

import static dev.stoa.spi.testkit.CheckResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckResultAssertTest {

    private final CheckResult result = CheckResult.builder()
            .finding(Severity.CRITICAL, "secret.file", ".env", "A credentials file is committed")
            .finding(Severity.LOW, "card.missing", null, "No README.md")
            .metric(Metric.count("files.count", 3))
            .metric(Metric.number("card.score", 0.5, null))
            .metric(Metric.text("license.id", "apache-2.0"))
            .metric(Metric.flag("sharded", false))
            .summary("1 critical problem")
            .build();

    @Test
    void passingAssertionsChain() {
        assertThat(result)
                .hasVerdict(Verdict.FAIL)
                .hasFinding("secret.file")
                .hasFinding("secret.file", ".env")
                .hasFinding("card.missing", null)
                .hasFinding(Severity.LOW, "card.missing")
                .hasFinding(Severity.CRITICAL, "secret.file", ".env")
                .hasNoFinding("other")
                .hasNoFindingsAbove(Severity.CRITICAL)
                .hasFindingCount(2)
                .hasMetric("files.count")
                .hasMetric("files.count", 3)
                .hasMetric("card.score", 0.5)
                .hasMetric("license.id", "apache-2.0")
                .hasMetric("sharded", false)
                .hasNoMetric("params.total")
                .summaryContains("critical");
        org.assertj.core.api.Assertions.assertThat(assertThat(result).finding("secret.file").message()).contains("credentials");
    }

    @Test
    void aWrongVerdictShowsTheWholeResult() {
        assertThatThrownBy(() -> assertThat(result).hasVerdict(Verdict.PASS))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected verdict PASS but was FAIL")
                .hasMessageContaining("CRITICAL secret.file [.env]: A credentials file is committed")
                .hasMessageContaining("LOW card.missing: No README.md")
                .hasMessageContaining("files.count=3")
                .hasMessageContaining("license.id='apache-2.0'");
    }

    @Test
    void missingFindingsAreExplained() {
        assertThatThrownBy(() -> assertThat(result).hasFinding(Severity.HIGH, "secret.file", ".env"))
                .hasMessageStartingWith("Expected a HIGH finding with code 'secret.file' on '.env' but there was none");
        assertThatThrownBy(() -> assertThat(result).hasFinding("secret.file", null))
                .hasMessageStartingWith("Expected a finding with code 'secret.file' on the whole revision");
        assertThatThrownBy(() -> assertThat(result).hasNoFinding("card.missing"))
                .hasMessageStartingWith("Expected no finding with code 'card.missing' but found 1");
        assertThatThrownBy(() -> assertThat(result).hasNoFindingsAbove(Severity.MEDIUM))
                .hasMessageStartingWith("Expected no findings above MEDIUM but found 1");
        assertThatThrownBy(() -> assertThat(result).hasNoFindings())
                .hasMessageStartingWith("Expected no findings but found 2");
        assertThatThrownBy(() -> assertThat(result).hasFindingCount(1))
                .hasMessageStartingWith("Expected 1 findings but found 2");
        assertThatThrownBy(() -> assertThat(result).finding("nope"))
                .hasMessageStartingWith("Expected a finding with code 'nope'");
    }

    @Test
    void wrongMetricsAreExplained() {
        assertThatThrownBy(() -> assertThat(result).hasMetric("files.count", 4))
                .hasMessageStartingWith("Expected metric files.count = 4 (a count) but it was Count[name=files.count, value=3]");
        assertThatThrownBy(() -> assertThat(result).hasMetric("files.count", "3"))
                .hasMessageStartingWith("Expected metric files.count = '3' (a text)");
        assertThatThrownBy(() -> assertThat(result).hasMetric("card.score", 0.6))
                .hasMessageStartingWith("Expected metric card.score = 0.6 (a number)");
        assertThatThrownBy(() -> assertThat(result).hasMetric("sharded", true))
                .hasMessageStartingWith("Expected metric sharded = true (a flag)");
        assertThatThrownBy(() -> assertThat(result).hasMetric("params.total"))
                .hasMessageStartingWith("Expected a metric params.total but there was none");
        assertThatThrownBy(() -> assertThat(result).hasNoMetric("files.count"))
                .hasMessageStartingWith("Expected no metric files.count");
        assertThatThrownBy(() -> assertThat(result).summaryContains("pass"))
                .hasMessageStartingWith("Expected the summary to contain 'pass'");
    }

    @Test
    void aNullResultFailsAtOnce() {
        assertThatThrownBy(() -> assertThat(null)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("returned null");
    }
}
