package dev.stoa.plugins.example;

import dev.stoa.spi.CheckContext;
import dev.stoa.spi.CheckResult;
import dev.stoa.spi.Evaluator;
import dev.stoa.spi.Severity;
import dev.stoa.spi.Verdict;
import dev.stoa.spi.testkit.InMemoryRevision;
import dev.stoa.spi.testkit.PluginTestKit;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static dev.stoa.spi.testkit.CheckResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HygieneEvaluatorTest {

    // Loaded through META-INF/services, as the host loads the jar
    private final PluginTestKit kit = PluginTestKit.load();
    private final Evaluator hygiene = kit.evaluator("repo-hygiene");

    /** A tidy model repository: a card with a license, a config and weights. */
    private static final String README = "---\nlicense: apache-2.0\n---\n# Tiny\n";

    private static InMemoryRevision.Builder tidyModel() {
        return InMemoryRevision.builder()
                .model("acme", "tiny")
                .cardData(Map.of("license", "apache-2.0"))
                .file("README.md", README)
                .file("config.json", "{}")
                .lfsFile("model.safetensors", new byte[2048]);
    }

    @Test
    void aTidyRepositoryPassesWithItsFileMetrics() throws IOException {
        CheckResult result = hygiene.evaluate(tidyModel().build(), CheckContext.NONE);
        assertThat(result)
                .hasVerdict(Verdict.PASS)
                .hasNoFindings()
                .hasMetric("files.count", 3)
                .hasMetric("files.bytes", 2048 + 2 + README.length())
                .hasMetric("files.lfs.count", 1)
                .hasMetric("files.largest.bytes", 2048)
                .summaryContains("3 files, 2.1 kB")
                .summaryContains("no credentials found");
    }

    @Test
    void aRepositoryWithoutCardOrLicenseWarns() throws IOException {
        CheckResult result = hygiene.evaluate(InMemoryRevision.builder().file("model.bin", "x").build(), CheckContext.NONE);
        assertThat(result)
                .hasVerdict(Verdict.WARN)
                .hasFinding(Severity.MEDIUM, "hygiene.card.missing", null)
                .hasFinding(Severity.MEDIUM, "hygiene.license.missing", null)
                .hasFindingCount(2);
    }

    @Test
    void aCardWithoutMetadataIsALowFinding() throws IOException {
        CheckResult result = hygiene.evaluate(InMemoryRevision.builder()
                .file("README.md", "# Just text").file("LICENSE", "MIT License").build(), CheckContext.NONE);
        assertThat(result)
                .hasVerdict(Verdict.WARN)
                .hasFinding(Severity.LOW, "hygiene.card.no-metadata", "README.md")
                .hasNoFinding("hygiene.license.missing");
    }

    @Test
    void aLicenseFileOnlyCountsAtTheRoot() throws IOException {
        CheckResult result = hygiene.evaluate(InMemoryRevision.builder()
                .cardData(Map.of("tags", "x")).file("README.md", "---\ntags: x\n---\n")
                .file("vendor/LICENSE", "MIT").build(), CheckContext.NONE);
        assertThat(result).hasFinding("hygiene.license.missing");
    }

    @Test
    void committedCredentialFilesFail() throws IOException {
        CheckResult result = hygiene.evaluate(tidyModel()
                .file(".env", "HF_TOKEN=hf_abc")
                .file("scripts/.env.production", "DB_PASSWORD=x")
                .file("deploy/credentials.json", "{\"type\": \"service_account\"}")
                .build(), CheckContext.NONE);
        assertThat(result)
                .hasVerdict(Verdict.FAIL)
                .hasFinding(Severity.HIGH, "hygiene.credentials.file", ".env")
                .hasFinding(Severity.HIGH, "hygiene.credentials.file", "scripts/.env.production")
                .hasFinding(Severity.HIGH, "hygiene.credentials.file", "deploy/credentials.json")
                .hasFindingCount(3)
                .summaryContains("**3 files with likely credentials**");
    }

    @Test
    void aPrivateKeyIsCriticalAndOnlyItsHeadIsRead() throws IOException {
        byte[] key = new byte[1_000_000];
        Arrays.fill(key, (byte) 'A');
        byte[] header = "-----BEGIN OPENSSH PRIVATE KEY-----\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, key, 0, header.length);
        InMemoryRevision revision = tidyModel().file("id_ed25519", key).build();

        assertThat(hygiene.evaluate(revision, CheckContext.NONE))
                .hasVerdict(Verdict.FAIL)
                .hasFinding(Severity.CRITICAL, "hygiene.credentials.private-key", "id_ed25519")
                .hasNoFinding("hygiene.credentials.file");
        assertThat(revision.bytesRead("id_ed25519")).isEqualTo(HygieneEvaluator.HEAD_BYTES);
        assertThat(revision.bytesRead("model.safetensors")).isZero();
        assertThat(revision.openStreams()).isZero();
    }

    @Test
    void aCertificateIsOnlyInformation() throws IOException {
        CheckResult result = hygiene.evaluate(tidyModel()
                .file("certs/ca.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n").build(), CheckContext.NONE);
        assertThat(result)
                .hasVerdict(Verdict.PASS)
                .hasFinding(Severity.INFO, "hygiene.credentials.public", "certs/ca.pem")
                .hasNoFindingsAbove(Severity.INFO);
    }

    @Test
    void tooManyFilesWarnAboveTheConfiguredLimit() throws IOException {
        Evaluator strict = kit.evaluator("repo-hygiene", Map.of("max-file-count", "3"));
        InMemoryRevision fourFiles = tidyModel().file("extra.txt", "x").build();

        assertThat(strict.evaluate(fourFiles, CheckContext.NONE))
                .hasVerdict(Verdict.WARN)
                .hasFinding(Severity.MEDIUM, "hygiene.files.too-many", null)
                .hasMetric("files.count", 4);
        assertThat(strict.evaluate(tidyModel().build(), CheckContext.NONE)).hasNoFinding("hygiene.files.too-many");
        assertThat(hygiene.evaluate(fourFiles, CheckContext.NONE)).hasNoFinding("hygiene.files.too-many");
    }

    @Test
    void badConfigurationIsRefused() {
        assertThatThrownBy(() -> kit.evaluator("repo-hygiene", Map.of("max-file-count", "lots")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stoa.plugins.example.max-file-count = 'lots' is not an integer");
        assertThatThrownBy(() -> kit.evaluator("repo-hygiene", Map.of("max-file-count", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-file-count must be at least 1");
        assertThatThrownBy(() -> kit.evaluator("repo-hygiene", Map.of("max-files", "10")))
                .hasMessageContaining("stoa.plugins.example.max-files is not a property of plugin 'example'");
    }

    @Test
    void theDescriptorDeclaresItsConfiguration() {
        assertThat(kit.descriptor().id()).isEqualTo("example");
        assertThat(kit.descriptor().properties()).singleElement()
                .satisfies(p -> assertThat(p.name()).isEqualTo("max-file-count"))
                .satisfies(p -> assertThat(p.defaultValue()).isEqualTo("1000"));
        assertThat(kit.plugin().evaluators()).hasSize(1);
    }
}
