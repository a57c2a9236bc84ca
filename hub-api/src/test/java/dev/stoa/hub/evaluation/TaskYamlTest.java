package dev.stoa.hub.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoa.hub.error.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** lm-evaluation-harness task files as their authors write them: the supported subset read, the rest refused by name. */
class TaskYamlTest {

    private static final String MULTIPLE_CHOICE = """
            task: tiny_arc
            tag: [tiny]
            dataset_path: acme/tiny-arc
            dataset_name: easy
            output_type: multiple_choice
            training_split: train
            test_split: test
            num_fewshot: 3
            fewshot_config:
              sampler: first_n
            doc_to_text: "Question: {{question}}\\nAnswer:"
            doc_to_target: "{{choices.label.index(answerKey)}}"
            doc_to_choice: "{{choices.text}}"
            metric_list:
              - metric: acc
                aggregation: mean
                higher_is_better: true
              - metric: acc_norm
            metadata:
              version: 1.0
            """;

    private static final String GENERATE = """
            task: tiny_gsm
            dataset_path: acme/tiny-gsm
            output_type: generate_until
            validation_split: validation
            doc_to_text: "Q: {{question}}\\nA:"
            doc_to_target: "{{answer}}"
            generation_kwargs:
              until: ["\\n\\n", "Q:"]
              max_gen_toks: 32
              do_sample: false
            filter_list:
              - name: strict-match
                filter:
                  - function: regex
                    regex_pattern: "#### (\\\\-?[0-9\\\\.\\\\,]+)"
                    group_select: 1
                  - function: take_first
            """;

    @Test
    void aMultipleChoiceTaskIsReadAsWritten() {
        TaskDefinition task = TaskYaml.parse(MULTIPLE_CHOICE, 1234);
        assertThat(task.task()).isEqualTo("tiny_arc");
        assertThat(task.datasetPath()).isEqualTo("acme/tiny-arc");
        assertThat(task.datasetName()).contains("easy");
        assertThat(task.outputType()).isEqualTo(TaskDefinition.OutputType.MULTIPLE_CHOICE);
        assertThat(task.testSplit()).isEqualTo("test");
        assertThat(task.fewshotSplit()).contains("train");
        assertThat(task.numFewshot()).isEqualTo(3);
        assertThat(task.docToText()).isEqualTo("Question: {{question}}\nAnswer:");
        assertThat(task.docToChoice()).contains("{{choices.text}}");
        assertThat(task.metrics()).containsExactly("acc", "acc_norm");
        assertThat(task.targetDelimiter()).isEqualTo(" ");
        assertThat(task.fewshotDelimiter()).isEqualTo("\n\n");
    }

    @Test
    void aGenerationTaskKeepsItsStopsAndFilters() {
        TaskDefinition task = TaskYaml.parse(GENERATE, 1234);
        assertThat(task.testSplit()).isEqualTo("validation");
        assertThat(task.until()).containsExactly("\n\n", "Q:");
        assertThat(task.maxGenToks()).isEqualTo(32);
        assertThat(task.filters()).extracting(TaskDefinition.Filter::function).containsExactly("regex", "take_first");
        assertThat(task.filters().getFirst().pattern()).contains("#### (\\-?[0-9\\.\\,]+)");
        assertThat(task.filters().getFirst().group()).isEqualTo(1);
        assertThat(task.metrics()).containsExactly("exact_match");
        assertThat(TaskYaml.parse(GENERATE.replace("doc_to_target: \"{{answer}}\"", """
                doc_to_target: "{{answer}}"
                doc_to_choice: ["no", "yes"]"""), 1).fixedChoices()).containsExactly("no", "yes");
    }

    @Test
    void whatStoaDoesNotRunIsRefusedByName() {
        refused(MULTIPLE_CHOICE + "process_docs: !function utils.process_docs\n", "process_docs", "Python function");
        refused(MULTIPLE_CHOICE + "process_results: x\ndataset_kwargs: {}\n", "dataset_kwargs", "not supported");
        refused(MULTIPLE_CHOICE.replace("multiple_choice", "multiple_guess"), "output_type", "generate_until");
        refused(MULTIPLE_CHOICE.replace("  - metric: acc_norm\n", "  - metric: bleu\n"), "metric_list", "bleu");
        refused(MULTIPLE_CHOICE.replace("doc_to_choice: \"{{choices.text}}\"\n", ""), "doc_to_choice", "missing");
        refused(MULTIPLE_CHOICE.replace("test_split: test\n", ""), "test_split", "missing");
        refused(MULTIPLE_CHOICE.replace("num_fewshot: 3", "num_fewshot: 1000"), "num_fewshot", "0 to 64");
        refused(MULTIPLE_CHOICE.replace("sampler: first_n", "sampler: balanced"), "fewshot_config", "balanced");
        refused(GENERATE.replace("do_sample: false", "do_sample: true"), "generation_kwargs", "greedily");
        refused(GENERATE.replace("max_gen_toks: 32", "max_gen_toks: 32\n  top_k: 5"), "generation_kwargs.top_k",
                "not supported");
        refused(GENERATE.replace("function: take_first", "function: majority_vote"), "filter_list", "majority_vote");
        refused(GENERATE.replace("group_select: 1", "group_select: 1\n        regex_pattern: \"(\""), "filter_list", "not a regular");
        refused("- just\n- a list\n", "task", "mapping");
        refused("task: [unclosed\n", "task", "not valid YAML");
        refused(MULTIPLE_CHOICE + "doc_to_category: category\n", "doc_to_category", "bbq and crows_pairs tasks only");
        refused(MULTIPLE_CHOICE.replace("output_type: multiple_choice", "output_type: bias"), "output_type", "crows_pairs");
    }

    @Test
    void biasTasksNeedNoTargetAndDefaultToThePublishedLayouts() {
        TaskDefinition crows = TaskYaml.parse("task: c\ndataset_path: a/b\noutput_type: crows_pairs\ntest_split: test\n", 1);
        assertThat(crows.docToChoice()).contains("{{ [sent_more, sent_less] }}");
        assertThat(crows.metrics()).containsExactly("pct_stereotype", "likelihood_diff");
        TaskDefinition bbq = TaskYaml.parse("task: b\ndataset_path: a/b\noutput_type: bbq\ntest_split: test\n"
                + "doc_to_text: \"{{context}}\"\ndoc_to_biased: \"{{ biased }}\"\n", 1);
        assertThat(bbq.docToTarget()).isEqualTo("label");
        assertThat(bbq.bias().biased()).contains("{{ biased }}");
        assertThat(bbq.metrics()).contains("bias_score_ambig", "bias_score_disambig");
    }

    private static void refused(String yaml, String key, String why) {
        assertThatThrownBy(() -> TaskYaml.parse(yaml, 1)).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400))
                .hasMessageContaining(key).hasMessageContaining(why);
    }

    @Test
    void everyDefaultMetricIsOneStoaComputes() {
        for (TaskDefinition.OutputType type : TaskDefinition.OutputType.values()) {
            assertThat(TaskDefinition.SUPPORTED_METRICS.get(type)).containsAll(TaskDefinition.defaultMetrics(type));
            TaskDefinition.defaultMetrics(type).forEach(m -> assertThat(Metrics.defaultAggregation(m)).isNotBlank());
        }
        assertThat(List.of("acc", "exact_match")).allSatisfy(m -> assertThat(Metrics.defaultAggregation(m)).isEqualTo("mean"));
    }
}
