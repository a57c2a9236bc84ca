package dev.stoa.plugins.licensepolicy;

import dev.stoa.spi.CheckContext;
import dev.stoa.spi.CheckResult;
import dev.stoa.spi.LicenseChecker;
import dev.stoa.spi.Revision;
import dev.stoa.spi.Severity;
import dev.stoa.spi.Verdict;
import dev.stoa.spi.testkit.InMemoryRevision;
import dev.stoa.spi.testkit.PluginTestKit;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static dev.stoa.spi.testkit.CheckResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

class LicenseIdentificationTest {

    private final LicenseChecker checker = PluginTestKit.load().licenseChecker("license");

    private CheckResult check(Revision revision) throws IOException {
        return checker.check(revision, CheckContext.NONE);
    }

    @Test
    void hubLicenseIdOnTheCardIsReportedAsItsSpdxIdentifier() throws IOException {
        CheckResult result = check(InMemoryRevision.builder().cardData(Map.of("license", "apache-2.0")).build());

        assertThat(result).hasVerdict(Verdict.PASS).hasNoFindingsAbove(Severity.INFO)
                .hasMetric("license.id", "Apache-2.0").hasMetric("license.source", "card")
                .hasMetric("license.spdx", true).hasMetric("license.commercial-use", "allowed");
    }

    @Test
    void deprecatedHubIdsMapToCurrentSpdxIdentifiers() throws IOException {
        assertThat(check(InMemoryRevision.builder().cardData(Map.of("license", "gpl-3.0")).build()))
                .hasMetric("license.id", "GPL-3.0-only");
        assertThat(check(InMemoryRevision.builder().cardData(Map.of("license", "CC-BY-NC-4.0")).build()))
                .hasMetric("license.id", "CC-BY-NC-4.0").hasMetric("license.commercial-use", "not-allowed");
    }

    @Test
    void knownModelLicensesAreIdentifiedWithoutBeingSpdx() throws IOException {
        for (String id : List.of("llama3.1", "gemma", "openrail", "creativeml-openrail-m", "bigscience-openrail-m")) {
            assertThat(check(InMemoryRevision.builder().cardData(Map.of("license", id)).build()))
                    .hasVerdict(Verdict.PASS).hasMetric("license.id", id).hasMetric("license.spdx", false);
        }
        assertThat(check(InMemoryRevision.builder().cardData(Map.of("license", "llama3.1")).build()))
                .hasMetric("license.commercial-use", "conditional");
    }

    @Test
    void mitLicenseFileIsRecognisedByItsText() throws IOException {
        CheckResult result = check(InMemoryRevision.builder().file("LICENSE.md", LicenseTexts.MIT).build());

        assertThat(result).hasVerdict(Verdict.PASS).hasMetric("license.id", "MIT").hasMetric("license.source", "file");
    }

    @Test
    void apacheLicenseFileIsRecognisedByItsText() throws IOException {
        CheckResult result = check(InMemoryRevision.builder().file("LICENSE", LicenseTexts.APACHE_2).build());

        assertThat(result).hasMetric("license.id", "Apache-2.0").hasMetric("license.source", "file");
    }

    @Test
    void llamaLicenseFileIsRecognisedByItsTitle() throws IOException {
        CheckResult result = check(InMemoryRevision.builder().file("LICENSE.txt", LicenseTexts.LLAMA_3_1_HEAD).build());

        assertThat(result).hasMetric("license.id", "llama3.1").hasMetric("license.source", "file");
    }

    @Test
    void cardAndFileAgreeing() throws IOException {
        CheckResult result = check(InMemoryRevision.builder().cardData(Map.of("license", "mit"))
                .file("LICENSE", LicenseTexts.MIT).build());

        assertThat(result).hasVerdict(Verdict.PASS).hasMetric("license.id", "MIT")
                .hasMetric("license.source", "card+file");
    }

    @Test
    void cardAndFileDisagreeingWarnsAndTheCardWins() throws IOException {
        CheckResult result = check(InMemoryRevision.builder().cardData(Map.of("license", "apache-2.0"))
                .file("LICENSE", LicenseTexts.MIT).build());

        assertThat(result).hasVerdict(Verdict.WARN).hasFinding(Severity.MEDIUM, "license.card-file-mismatch", "LICENSE")
                .hasMetric("license.id", "Apache-2.0");
    }

    @Test
    void unrecognisedFileTextIsInformationOnly() throws IOException {
        CheckResult result = check(InMemoryRevision.builder().cardData(Map.of("license", "mit"))
                .file("LICENSE", "You may do as you please, mostly.").build());

        assertThat(result).hasVerdict(Verdict.PASS).hasFinding(Severity.INFO, "license.file-unrecognised", "LICENSE");
    }

    @Test
    void noLicenseWarns() throws IOException {
        CheckResult result = check(InMemoryRevision.builder().file("config.json", "{}").build());

        assertThat(result).hasVerdict(Verdict.WARN).hasFinding(Severity.MEDIUM, "license.missing")
                .hasNoMetric("license.id").hasMetric("license.source", "none");
    }

    @Test
    void noLicenseFailsWhenALicenseIsRequired() throws IOException {
        LicenseChecker strict = PluginTestKit.load().licenseChecker("license", Map.of("require-license", "true"));

        assertThat(strict.check(InMemoryRevision.builder().build(), CheckContext.NONE))
                .hasVerdict(Verdict.FAIL).hasFinding(Severity.HIGH, "license.missing");
    }

    @Test
    void unknownLicenseIdWarns() throws IOException {
        CheckResult result = check(InMemoryRevision.builder().cardData(Map.of("license", "frobnicate-1.0")).build());

        assertThat(result).hasVerdict(Verdict.WARN).hasFinding(Severity.MEDIUM, "license.unknown", "README.md");
        assertThat(result.findings().getFirst().message()).contains("frobnicate-1.0");
    }

    @Test
    void otherLicenseIsNamedByLicenseName() throws IOException {
        CheckResult result = check(InMemoryRevision.builder()
                .cardData(Map.of("license", "other", "license_name", "Acme-Model-License", "license_link", "LICENSE"))
                .file("LICENSE", "ACME MODEL LICENSE\nYou may use this model on Tuesdays.").build());

        assertThat(result).hasVerdict(Verdict.PASS).hasMetric("license.id", "acme-model-license")
                .hasMetric("license.commercial-use", "unknown").hasNoFinding("license.unknown");
    }

    @Test
    void otherLicenseNamingAKnownLicenseUsesItsTerms() throws IOException {
        CheckResult result = check(InMemoryRevision.builder()
                .cardData(Map.of("license", "other", "license_name", "gemma", "license_link", "https://ai.google.dev/gemma/terms"))
                .build());

        assertThat(result).hasMetric("license.id", "gemma").hasNoFinding("license.other-no-link");
    }

    @Test
    void otherLicenseWithoutNameOrLinkWarns() throws IOException {
        CheckResult result = check(InMemoryRevision.builder().cardData(Map.of("license", "other")).build());

        assertThat(result).hasVerdict(Verdict.WARN).hasFinding(Severity.MEDIUM, "license.other-unnamed")
                .hasFinding(Severity.LOW, "license.other-no-link");
    }

    @Test
    void onlyTheFirstOfSeveralCardLicensesIsChecked() throws IOException {
        CheckResult result = check(InMemoryRevision.builder().cardData(Map.of("license", List.of("mit", "apache-2.0")))
                .build());

        assertThat(result).hasMetric("license.id", "MIT").hasFinding(Severity.INFO, "license.multiple");
    }

    @Test
    void licenseFilesAreReadOnlyUpToTheConfiguredSize() throws IOException {
        InMemoryRevision revision = InMemoryRevision.builder().cardData(Map.of("license", "mit"))
                .file("LICENSE", "x".repeat(100_000)).build();
        LicenseChecker small = PluginTestKit.load().licenseChecker("license", Map.of("max-file-bytes", "4096"));

        small.check(revision, CheckContext.NONE);

        assertThat(revision.bytesRead("LICENSE")).isLessThanOrEqualTo(4096);
        assertThat(revision.openStreams()).isZero();
    }
}
