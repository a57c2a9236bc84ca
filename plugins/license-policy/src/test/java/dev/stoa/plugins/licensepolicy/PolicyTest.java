package dev.stoa.plugins.licensepolicy;

import dev.stoa.spi.CheckContext;
import dev.stoa.spi.CheckResult;
import dev.stoa.spi.Severity;
import dev.stoa.spi.Verdict;
import dev.stoa.spi.testkit.InMemoryRevision;
import dev.stoa.spi.testkit.PluginTestKit;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static dev.stoa.spi.testkit.CheckResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyTest {

    private static CheckResult check(Map<String, String> config, String license) throws IOException {
        InMemoryRevision revision = license == null ? InMemoryRevision.builder().build()
                : InMemoryRevision.builder().cardData(Map.of("license", license)).build();
        return PluginTestKit.load().licenseChecker("license", config).check(revision, CheckContext.NONE);
    }

    @Test
    void deniedLicenseFails() throws IOException {
        assertThat(check(Map.of("denied", "mit, cc-by-nc-*"), "mit"))
                .hasVerdict(Verdict.FAIL).hasFinding(Severity.HIGH, "license.denied");
        assertThat(check(Map.of("denied", "mit, cc-by-nc-*"), "cc-by-nc-sa-4.0"))
                .hasVerdict(Verdict.FAIL).hasFinding(Severity.HIGH, "license.denied");
        assertThat(check(Map.of("denied", "mit, cc-by-nc-*"), "apache-2.0")).hasVerdict(Verdict.PASS);
    }

    @Test
    void deniedMatchesTheDeclaredHubIdAsWellAsTheSpdxId() throws IOException {
        assertThat(check(Map.of("denied", "gpl-3.0"), "gpl-3.0")).hasFinding(Severity.HIGH, "license.denied");
        assertThat(check(Map.of("denied", "GPL-3.0-only"), "gpl-3.0")).hasFinding(Severity.HIGH, "license.denied");
    }

    @Test
    void licenseNeedingReviewWarns() throws IOException {
        assertThat(check(Map.of("review", "llama*"), "llama3.1"))
                .hasVerdict(Verdict.WARN).hasFinding(Severity.MEDIUM, "license.needs-review");
    }

    @Test
    void licenseOffTheAllowlistFailsOrWarnsAsConfigured() throws IOException {
        assertThat(check(Map.of("allowed", "apache-2.0,mit"), "mit")).hasVerdict(Verdict.PASS);
        assertThat(check(Map.of("allowed", "apache-2.0,mit"), "llama3.1"))
                .hasVerdict(Verdict.FAIL).hasFinding(Severity.HIGH, "license.not-allowed");
        assertThat(check(Map.of("allowed", "apache-2.0,mit", "unlisted", "warn"), "llama3.1"))
                .hasVerdict(Verdict.WARN).hasFinding(Severity.MEDIUM, "license.not-allowed");
    }

    @Test
    void deniedWinsOverAllowed() throws IOException {
        assertThat(check(Map.of("allowed", "mit", "denied", "mit"), "mit")).hasFinding(Severity.HIGH, "license.denied");
    }

    @Test
    void missingLicenseFailsUnderAnAllowlist() throws IOException {
        assertThat(check(Map.of("allowed", "mit"), null)).hasVerdict(Verdict.FAIL)
                .hasFinding(Severity.HIGH, "license.missing");
    }

    @Test
    void badUnlistedSettingIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> check(Map.of("unlisted", "maybe"), "mit"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unlisted");
    }
}
