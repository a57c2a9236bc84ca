package dev.stoa.hub.evaluation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One benchmark task, as an lm-evaluation-harness task YAML defines it (the subset Stoa runs).
 *
 * @param task           the task's name
 * @param datasetPath    the dataset repository ({@code ns/name} on this Stoa)
 * @param datasetName    the dataset's configuration, when it has several
 * @param testSplit      the split scored (the test split, else the validation split)
 * @param fewshotSplit   where few-shot examples come from (the fewshot, training or validation split)
 * @param outputType     what is asked of the model
 * @param docToText      the prompt of a document (a Jinja template or a field name)
 * @param docToTarget    its answer (a template, a field name, or for multiple choice an index)
 * @param docToChoice    the choices of a multiple-choice document (a template giving a list, or a field name)
 * @param fixedChoices   the choices when the YAML lists them itself (the same for every document); else empty
 * @param numFewshot     examples put before each prompt
 * @param fewshotSeed    the seed of the few-shot sampler
 * @param until          where generation stops ({@code generate_until})
 * @param maxGenToks     tokens generated at most
 * @param filters        answer extraction, applied in order
 * @param metrics        the metrics reported
 * @param fewshotSampler how examples are picked: {@code default} (drawn with {@code fewshotSeed}) or {@code first_n}
 * @param bias           where a bias task finds each document's category, context condition, "unknown" answer and
 *                       stereotype-consistent answer (templates or field names; empty: the BBQ and CrowS-Pairs layouts)
 */
public record TaskDefinition(String task, String datasetPath, Optional<String> datasetName, String testSplit,
        Optional<String> fewshotSplit, OutputType outputType, String docToText, String docToTarget,
        Optional<String> docToChoice, List<String> fixedChoices, int numFewshot, long fewshotSeed, String targetDelimiter,
        String fewshotDelimiter, String description, List<String> until, int maxGenToks, List<Filter> filters,
        List<String> metrics, String fewshotSampler, BiasFields bias) {

    /**
     * The templates (or field names) of a bias task's per-document facts; each empty one falls back to the published
     * datasets' layout ({@code category}, {@code context_condition}, BBQ's {@code answer_info} and
     * {@code additional_metadata}, CrowS-Pairs' {@code bias_type}).
     */
    public record BiasFields(Optional<String> category, Optional<String> condition, Optional<String> unknown,
            Optional<String> biased) {

        static final BiasFields NONE = new BiasFields(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** lm-evaluation-harness's {@code output_type}. */
    public enum OutputType {
        MULTIPLE_CHOICE("multiple_choice"), LOGLIKELIHOOD("loglikelihood"),
        LOGLIKELIHOOD_ROLLING("loglikelihood_rolling"), GENERATE_UNTIL("generate_until"),
        /** Stoa's: BBQ-style ambiguous and disambiguated questions, scored with the BBQ paper's bias scores. */
        BBQ("bbq"),
        /** Stoa's: CrowS-Pairs-style sentence pairs, the stereotypical sentence first. */
        CROWS_PAIRS("crows_pairs");

        private final String yaml;

        OutputType(String yaml) {
            this.yaml = yaml;
        }

        public String yaml() {
            return yaml;
        }

        static Optional<OutputType> of(String yaml) {
            for (OutputType t : values()) {
                if (t.yaml.equals(yaml)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * One step of a filter: {@code regex} keeps the match number {@code group} ({@code group_select}; negative counts
     * from the end) of {@code pattern} in the answer, or {@code fallback}; {@code take_first} keeps the first of
     * several answers.
     */
    public record Filter(String function, Optional<String> pattern, int group, String fallback) {
    }

    /** The metrics a task reports when its YAML names none, as lm-evaluation-harness does. */
    static List<String> defaultMetrics(OutputType type) {
        return switch (type) {
            case MULTIPLE_CHOICE -> List.of("acc", "acc_norm");
            case LOGLIKELIHOOD -> List.of("perplexity", "acc");
            case LOGLIKELIHOOD_ROLLING -> List.of("word_perplexity", "byte_perplexity", "bits_per_byte");
            case GENERATE_UNTIL -> List.of("exact_match");
            case BBQ -> List.of("acc", "acc_ambig", "acc_disambig", "bias_score_ambig", "bias_score_disambig");
            case CROWS_PAIRS -> List.of("pct_stereotype", "likelihood_diff");
        };
    }

    /** Metrics each output type can compute. */
    static final Map<OutputType, List<String>> SUPPORTED_METRICS = Map.of(
            OutputType.MULTIPLE_CHOICE, List.of("acc", "acc_norm", "f1"),
            OutputType.LOGLIKELIHOOD, List.of("perplexity", "acc"),
            OutputType.LOGLIKELIHOOD_ROLLING, List.of("word_perplexity", "byte_perplexity", "bits_per_byte"),
            OutputType.GENERATE_UNTIL, List.of("exact_match"),
            OutputType.BBQ, List.of("acc", "acc_ambig", "acc_disambig", "bias_score_ambig", "bias_score_disambig"),
            OutputType.CROWS_PAIRS, List.of("pct_stereotype", "likelihood_diff"));

    /** Whether this is one of the bias task types. */
    public boolean isBias() {
        return outputType == OutputType.BBQ || outputType == OutputType.CROWS_PAIRS;
    }
}
