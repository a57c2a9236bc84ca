package dev.stoa.plugins.licensepolicy;

import dev.stoa.spi.CheckContext;
import dev.stoa.spi.CheckResult;
import dev.stoa.spi.LicenseChecker;
import dev.stoa.spi.RepoKind;
import dev.stoa.spi.Severity;
import dev.stoa.spi.Verdict;
import dev.stoa.spi.testkit.InMemoryRevision;
import dev.stoa.spi.testkit.PluginTestKit;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static dev.stoa.spi.testkit.CheckResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

class LineageTest {

    private final LicenseChecker checker = PluginTestKit.load().licenseChecker("license");

    private static InMemoryRevision base(String namespace, String name, String license) {
        return InMemoryRevision.builder().model(namespace, name).cardData(Map.of("license", license)).build();
    }

    private static InMemoryRevision.Builder derived(RepoKind kind, String license) {
        return InMemoryRevision.builder().model("acme", "derived").kind(kind).cardData(Map.of("license", license));
    }

    private CheckResult check(InMemoryRevision revision) throws IOException {
        return checker.check(revision, CheckContext.NONE);
    }

    @Test
    void apacheAdapterOfANonCommercialBaseFails() throws IOException {
        CheckResult result = check(derived(RepoKind.ADAPTER, "apache-2.0")
                .baseModel(base("lab", "nc-model", "cc-by-nc-4.0")).build());

        assertThat(result).hasVerdict(Verdict.FAIL).hasFinding(Severity.HIGH, "license.lineage.non-commercial");
        assertThat(result.findings().getFirst().message()).contains("lab/nc-model", "CC-BY-NC-4.0", "Apache-2.0");
    }

    @Test
    void nonCommercialAdapterOfANonCommercialBasePasses() throws IOException {
        CheckResult result = check(derived(RepoKind.ADAPTER, "cc-by-nc-4.0")
                .baseModel(base("lab", "nc-model", "cc-by-nc-4.0")).build());

        assertThat(result).hasVerdict(Verdict.PASS).hasNoFindings();
    }

    @Test
    void baseLicenseIsAlsoReadFromTheBaseModelsLicenseFile() throws IOException {
        InMemoryRevision base = InMemoryRevision.builder().model("lab", "nc-model")
                .file("LICENSE", "Attribution-NonCommercial 4.0 International\n" + "... text elided ...").build();
        InMemoryRevision llamaBase = InMemoryRevision.builder().model("lab", "llama-copy")
                .file("LICENSE", LicenseTexts.LLAMA_3_1_HEAD).build();

        assertThat(check(derived(RepoKind.FINETUNE, "mit").baseModel(base).build()))
                .hasFinding(Severity.INFO, "license.lineage.base-unknown");
        assertThat(check(derived(RepoKind.FINETUNE, "mit").baseModel(llamaBase).build()))
                .hasVerdict(Verdict.FAIL).hasFinding(Severity.HIGH, "license.lineage.llama-terms");
    }

    @Test
    void mitFineTuneOfALlamaBaseFailsNamingTheRequiredLicenseAndAttribution() throws IOException {
        CheckResult result = check(derived(RepoKind.FINETUNE, "mit").baseModelName("meta-llama/Llama-3.1-8B").build());

        assertThat(result).hasVerdict(Verdict.FAIL).hasFinding(Severity.HIGH, "license.lineage.llama-terms");
        assertThat(result.findings().getFirst().message())
                .contains("meta-llama/Llama-3.1-8B", "Llama 3.1 Community License", "llama3.1", "Built with Llama");
    }

    @Test
    void llamaFineTuneKeepingLicenseNameAndAttributionPasses() throws IOException {
        CheckResult result = check(InMemoryRevision.builder().model("acme", "Llama-3.1-8B-acme-sft")
                .kind(RepoKind.FINETUNE).cardData(Map.of("license", "llama3.1"))
                .cardText("# Llama 3.1 8B Acme SFT\n\nBuilt with Llama.\n")
                .baseModel(base("meta-llama", "Llama-3.1-8B", "llama3.1")).build());

        assertThat(result).hasVerdict(Verdict.PASS).hasNoFindings();
    }

    @Test
    void llamaFineTuneWithoutAttributionOrNameWarns() throws IOException {
        CheckResult result = check(InMemoryRevision.builder().model("acme", "acme-chat")
                .kind(RepoKind.FINETUNE).cardData(Map.of("license", "llama3.1")).cardText("# Acme chat\n")
                .baseModelName("meta-llama/Llama-3.1-8B-Instruct").build());

        assertThat(result).hasVerdict(Verdict.WARN)
                .hasFinding(Severity.MEDIUM, "license.lineage.llama-attribution")
                .hasFinding(Severity.MEDIUM, "license.lineage.llama-name");
    }

    @Test
    void llamaDerivativeUnderAnotherLlamaVersionWarns() throws IOException {
        CheckResult result = check(InMemoryRevision.builder().model("acme", "Llama-3.2-acme")
                .kind(RepoKind.QUANTIZED).cardData(Map.of("license", "llama3.1")).cardText("Built with Llama")
                .baseModelName("meta-llama/Llama-3.2-1B").build());

        assertThat(result).hasVerdict(Verdict.WARN).hasFinding(Severity.MEDIUM, "license.lineage.llama-terms");
    }

    @Test
    void apacheFineTuneOfGemmaFails() throws IOException {
        assertThat(check(derived(RepoKind.FINETUNE, "apache-2.0").baseModelName("google/gemma-2-9b").build()))
                .hasVerdict(Verdict.FAIL).hasFinding(Severity.HIGH, "license.lineage.gemma-terms");
    }

    @Test
    void railUseRestrictionsMustBeCarried() throws IOException {
        assertThat(check(derived(RepoKind.FINETUNE, "apache-2.0")
                .baseModel(base("lab", "rail-model", "openrail")).build()))
                .hasVerdict(Verdict.WARN).hasFinding(Severity.MEDIUM, "license.lineage.use-restrictions");
        assertThat(check(derived(RepoKind.FINETUNE, "creativeml-openrail-m")
                .baseModelName("runwayml/stable-diffusion-v1-5").build()))
                .hasVerdict(Verdict.PASS).hasNoFindings();
    }

    @Test
    void shareAlikePropagates() throws IOException {
        assertThat(check(derived(RepoKind.MERGE, "mit").baseModel(base("lab", "sa", "cc-by-sa-4.0")).build()))
                .hasVerdict(Verdict.FAIL).hasFinding(Severity.HIGH, "license.lineage.share-alike");
        assertThat(check(derived(RepoKind.MERGE, "cc-by-sa-4.0").baseModel(base("lab", "sa", "cc-by-sa-3.0")).build()))
                .hasVerdict(Verdict.PASS);
    }

    @Test
    void noDerivativesBaseFails() throws IOException {
        assertThat(check(derived(RepoKind.FINETUNE, "cc-by-nc-nd-4.0")
                .baseModel(base("lab", "nd", "cc-by-nc-nd-4.0")).build()))
                .hasVerdict(Verdict.FAIL).hasFinding(Severity.HIGH, "license.lineage.no-derivatives");
    }

    @Test
    void permissiveDerivativeOfPermissiveBasesPasses() throws IOException {
        assertThat(check(derived(RepoKind.MERGE, "mit").baseModel(base("lab", "a", "apache-2.0"))
                .baseModelName("openai-community/gpt2").build()))
                .hasVerdict(Verdict.PASS).hasNoFindings();
    }

    @Test
    void baseElsewhereAndUnknownIsInformationOnly() throws IOException {
        CheckResult result = check(derived(RepoKind.ADAPTER, "apache-2.0").baseModelName("someone/private-model").build());

        assertThat(result).hasVerdict(Verdict.PASS).hasFinding(Severity.INFO, "license.lineage.base-unavailable");
    }

    @Test
    void derivativeWithoutLicenseOfARestrictiveBaseCannotBeVerified() throws IOException {
        CheckResult result = check(InMemoryRevision.builder().kind(RepoKind.ADAPTER)
                .baseModelName("meta-llama/Meta-Llama-3-8B").build());

        assertThat(result).hasVerdict(Verdict.WARN).hasFinding(Severity.MEDIUM, "license.lineage.unverified")
                .hasFinding(Severity.MEDIUM, "license.missing");
    }

    @Test
    void baseModelsAreNotCheckedForLineage() throws IOException {
        CheckResult result = check(InMemoryRevision.builder().kind(RepoKind.BASE_MODEL)
                .cardData(Map.of("license", "mit")).baseModelName("meta-llama/Llama-3.1-8B").build());

        assertThat(result).hasVerdict(Verdict.PASS).hasNoFindings();
    }
}
