package dev.stoa.plugins.cardcheck;

import dev.stoa.spi.CheckContext;
import dev.stoa.spi.CheckResult;
import dev.stoa.spi.Evaluator;
import dev.stoa.spi.Metric;
import dev.stoa.spi.RepoKind;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CardCheckTest {

    private static final String COMPLETE_TEXT = """
            # Acme Chat 7B

            A chat model fine-tuned for customer support.

            ## Intended uses & limitations

            Answering questions about Acme products in English.

            ## Bias, Risks, and Limitations

            The model can state wrong facts confidently and reflects biases of its web training data.

            ## Training Details

            ### Training Data

            120k support conversations collected with consent.

            ```python
            # Not a heading: the code block is skipped
            ```
            """;

    private static final Map<String, Object> MODEL_INDEX = Map.of("name", "acme-chat-7b", "results", List.of(
            Map.of("task", Map.of("type", "text-generation"),
                    "dataset", Map.of("type", "cais/mmlu", "name", "MMLU", "config", "all", "split", "test"),
                    "metrics", List.of(Map.of("type", "acc", "value", 63.2), Map.of("type", "acc_norm", "value", "65.5"))),
            Map.of("dataset", Map.of("name", "HellaSwag", "type", "hellaswag"),
                    "metrics", List.of(Map.of("type", "acc", "value", 0.81), Map.of("type", "acc_norm", "value", "n/a")))));

    private final Evaluator card = PluginTestKit.load().evaluator("card");

    private static InMemoryRevision.Builder withReadme(Map<String, Object> cardData, String cardText) {
        return InMemoryRevision.builder().cardData(cardData).cardText(cardText)
                .file("README.md", "---\nlicense: x\n---\n" + cardText);
    }

    private CheckResult evaluate(InMemoryRevision revision) throws IOException {
        return card.evaluate(revision, CheckContext.NONE);
    }

    @Test
    void completeCardScoresFullMarks() throws IOException {
        CheckResult result = evaluate(withReadme(Map.of("license", "apache-2.0", "base_model", "acme/base-7b",
                "datasets", List.of("acme/support"), "model-index", List.of(MODEL_INDEX)), COMPLETE_TEXT)
                .kind(RepoKind.FINETUNE).build());

        assertThat(result).hasVerdict(Verdict.PASS).hasNoFindingsAbove(Severity.INFO)
                .hasMetric("card.score", 100.0).hasMetric("card.parts.missing", 0L);
    }

    @Test
    void modelIndexResultsBecomeEvalMetrics() throws IOException {
        CheckResult result = evaluate(withReadme(Map.of("license", "mit", "model-index", List.of(MODEL_INDEX)), "")
                .build());

        assertThat(result).hasMetric("eval.cais-mmlu-all.acc", 63.2).hasMetric("eval.cais-mmlu-all.acc_norm", 65.5)
                .hasMetric("eval.hellaswag.acc", 0.81).hasNoMetric("eval.hellaswag.acc_norm")
                .hasFinding(Severity.INFO, "card.model-index.value-not-number", "README.md")
                .hasNoFinding("card.missing.evaluation");
        assertThat(result.metrics()).filteredOn(m -> m.name().startsWith("eval.")).hasSize(3)
                .allMatch(m -> m instanceof Metric.Number);
    }

    @Test
    void malformedModelIndexIsAFindingNotACrash() throws IOException {
        CheckResult result = evaluate(withReadme(Map.of("license", "mit",
                "model-index", List.of(Map.of("name", "x", "results", List.of("oops")))), "").build());

        assertThat(result).hasFinding(Severity.LOW, "card.model-index-invalid").hasFinding("card.missing.evaluation");
    }

    @Test
    void incompleteCardWarnsAndNamesWhatIsMissing() throws IOException {
        CheckResult result = evaluate(withReadme(Map.of("license", "mit"), "# Tiny model\n\nIt is tiny.\n")
                .kind(RepoKind.ADAPTER).build());

        assertThat(result).hasVerdict(Verdict.WARN)
                .hasFinding(Severity.MEDIUM, "card.missing.base-model", "README.md")
                .hasFinding(Severity.LOW, "card.missing.intended-use")
                .hasFinding(Severity.LOW, "card.missing.limitations")
                .hasFinding(Severity.LOW, "card.missing.training-data")
                .hasFinding(Severity.LOW, "card.missing.evaluation")
                .hasNoFinding("card.missing.license")
                .hasMetric("card.score", 17.0).hasMetric("card.parts.missing", 5L)
                .summaryContains("base model");
    }

    @Test
    void baseModelCountsOnlyForDerivedModels() throws IOException {
        CheckResult base = evaluate(withReadme(Map.of("license", "mit"), "").kind(RepoKind.BASE_MODEL).build());
        CheckResult adapter = evaluate(withReadme(Map.of("license", "mit"), "").kind(RepoKind.ADAPTER)
                .baseModelName("acme/base").build());

        assertThat(base).hasNoFinding("card.missing.base-model").hasMetric("card.score", 20.0);
        assertThat(adapter).hasNoFinding("card.missing.base-model").hasMetric("card.score", 33.0);
    }

    @Test
    void placeholderSectionsOfTheHubTemplateDoNotCount() throws IOException {
        String text = """
                ## Uses

                ### Direct Use

                [More Information Needed]

                ## Bias, Risks, and Limitations

                <!-- This section is meant to convey both technical and sociotechnical limitations. -->

                [More Information Needed]

                ## Training and evaluation data

                More information needed
                """;
        CheckResult result = evaluate(withReadme(Map.of("license", "mit"), text).build());

        assertThat(result).hasFinding(Severity.LOW, "card.placeholder.intended-use")
                .hasFinding(Severity.LOW, "card.placeholder.limitations")
                .hasFinding(Severity.LOW, "card.placeholder.training-data")
                .hasNoFinding("card.missing.intended-use").hasMetric("card.score", 20.0);
    }

    @Test
    void headingsMatchCaseInsensitivelyWithSynonyms() throws IOException {
        String text = """
                USAGE
                =====
                Summarise support tickets.

                ## ⚠️ Known issues
                Hallucinates order numbers.

                ## 3. DATASETS
                Public tickets from the Acme forum.

                ## Benchmarks
                | task | score |
                |------|-------|
                | summarisation | 41.2 |
                """;
        CheckResult result = evaluate(withReadme(Map.of("license", "mit"), text).build());

        assertThat(result).hasVerdict(Verdict.PASS).hasMetric("card.score", 100.0).hasNoFindingsAbove(Severity.INFO);
    }

    @Test
    void outOfScopeUseIsNoIntendedUse() throws IOException {
        CheckResult result = evaluate(withReadme(Map.of("license", "mit"),
                "## Out-of-Scope Use\n\nMedical advice.\n").build());

        assertThat(result).hasFinding("card.missing.intended-use").hasNoFinding("card.missing.limitations");
    }

    @Test
    void invalidFrontMatterIsReported() throws IOException {
        InMemoryRevision revision = InMemoryRevision.builder().cardData(Map.of())
                .cardText("# Model\n")
                .file("README.md", "---\nlicense: mit\ntags: [unclosed\n---\n# Model\n").build();

        assertThat(evaluate(revision)).hasVerdict(Verdict.WARN)
                .hasFinding(Severity.MEDIUM, "card.yaml-invalid", "README.md");
    }

    @Test
    void unclosedFrontMatterIsReported() throws IOException {
        InMemoryRevision revision = InMemoryRevision.builder()
                .file("README.md", "---\nlicense: mit\n# Model\n").build();

        assertThat(evaluate(revision)).hasFinding(Severity.MEDIUM, "card.yaml-invalid");
    }

    @Test
    void emptyFrontMatterOrNoneIsNotInvalid() throws IOException {
        assertThat(evaluate(InMemoryRevision.builder().file("README.md", "---\n---\n# Model\n").build()))
                .hasNoFinding("card.yaml-invalid");
        assertThat(evaluate(InMemoryRevision.builder().cardText("# Model\n").file("README.md", "# Model\n").build()))
                .hasNoFinding("card.yaml-invalid");
    }

    @Test
    void missingCardWarnsWithScoreZero() throws IOException {
        CheckResult result = evaluate(InMemoryRevision.builder().file("model.safetensors", new byte[8]).build());

        assertThat(result).hasVerdict(Verdict.WARN).hasFinding(Severity.MEDIUM, "card.missing")
                .hasMetric("card.score", 0.0);
    }

    @Test
    void thresholdIsConfigurable() throws IOException {
        InMemoryRevision revision = withReadme(Map.of("license", "mit", "datasets", List.of("acme/x")),
                "## Intended use\nSupport.\n").build();
        Evaluator lenient = PluginTestKit.load().evaluator("card", Map.of("min-score", "50"));

        assertThat(evaluate(revision)).hasVerdict(Verdict.PASS).hasMetric("card.score", 60.0);
        assertThat(lenient.evaluate(revision, CheckContext.NONE)).hasVerdict(Verdict.PASS);
        assertThat(PluginTestKit.load().evaluator("card", Map.of("min-score", "61")).evaluate(revision, CheckContext.NONE))
                .hasVerdict(Verdict.WARN);
        assertThatThrownBy(() -> PluginTestKit.load().evaluator("card", Map.of("min-score", "101")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min-score");
    }

    @Test
    void datasetRepositoriesAreNotModelCards() {
        assertThat(card.appliesTo(InMemoryRevision.builder().dataset("acme", "tickets").build())).isFalse();
        assertThat(card.appliesTo(InMemoryRevision.builder().build())).isTrue();
    }
}
