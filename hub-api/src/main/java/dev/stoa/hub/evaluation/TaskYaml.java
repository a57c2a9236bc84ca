package dev.stoa.hub.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.stoa.hub.error.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads an lm-evaluation-harness task YAML, so that existing task files work unchanged for the subset Stoa runs:
 * every key outside that subset, a Python function ({@code !function}) and a value of the wrong shape is refused
 * with a 400 that names the key. Nothing is executed.
 */
public final class TaskYaml {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern FUNCTION = Pattern.compile("(?m)^\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*:\\s*!function\\b");
    /** The keys Stoa reads; {@code tag}, {@code metadata} and {@code dataset_kwargs} are accepted and have no effect. */
    static final Set<String> KEYS = Set.of("task", "tag", "dataset_path", "dataset_name", "test_split",
            "validation_split", "training_split", "fewshot_split", "output_type", "doc_to_text", "doc_to_target",
            "doc_to_choice", "num_fewshot", "fewshot_config", "target_delimiter", "fewshot_delimiter", "description",
            "generation_kwargs", "filter_list", "metric_list", "metadata", "should_decontaminate", "repeats",
            "doc_to_category", "doc_to_condition", "doc_to_unknown", "doc_to_biased");
    /** Stoa's own keys, for its bias task types. */
    private static final List<String> BIAS_KEYS = List.of("doc_to_category", "doc_to_condition", "doc_to_unknown",
            "doc_to_biased");
    private static final Set<String> GENERATION_KEYS = Set.of("until", "max_gen_toks", "do_sample", "temperature");
    private static final Set<String> METRIC_KEYS = Set.of("metric", "aggregation", "higher_is_better");
    private static final int MAX_FEWSHOT = 64;
    private static final int MAX_TOKENS = 4096;

    private TaskYaml() {
    }

    /** The task {@code yaml} defines; {@code fewshotSeed} seeds the few-shot sampler (lm-eval's default is 1234). */
    public static TaskDefinition parse(String yaml, long fewshotSeed) {
        Matcher function = FUNCTION.matcher(yaml);
        if (function.find()) {
            throw refuse(function.group(1), "calls a Python function (!function), which Stoa does not run; write it as"
                    + " a Jinja template or a field name");
        }
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw ApiException.invalidField("task", "The task file is not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw ApiException.invalidField("task", "A task file is a YAML mapping of keys such as task, dataset_path,"
                    + " output_type and doc_to_text.");
        }
        Set<String> unknown = new TreeSet<>();
        root.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                unknown.add(key);
            }
        });
        if (!unknown.isEmpty()) {
            String key = unknown.iterator().next();
            throw refuse(key, "is not supported by Stoa" + (unknown.size() > 1 ? " (nor " + String.join(", ",
                    unknown.stream().skip(1).toList()) + ")" : "") + "; the keys it reads are "
                    + String.join(", ", new TreeSet<>(KEYS)));
        }
        if (root.has("repeats") && root.get("repeats").asInt(0) != 1) {
            throw refuse("repeats", "must be 1: Stoa scores each document once");
        }
        if (root.path("should_decontaminate").asBoolean(false)) {
            throw refuse("should_decontaminate", "must be false: Stoa has no decontamination index");
        }
        TaskDefinition.OutputType type = TaskDefinition.OutputType.of(text(root, "output_type", true))
                .orElseThrow(() -> refuse("output_type", "must be multiple_choice, loglikelihood,"
                        + " loglikelihood_rolling or generate_until (or Stoa's bias types bbq and crows_pairs)"));
        String testSplit = text(root, "test_split", false);
        if (testSplit == null) {
            testSplit = text(root, "validation_split", false);
        }
        if (testSplit == null) {
            throw refuse("test_split", "is missing: name the split to score (test_split or validation_split)");
        }
        String fewshotSplit = firstOf(text(root, "fewshot_split", false), text(root, "training_split", false),
                text(root, "validation_split", false));
        int numFewshot = integer(root, "num_fewshot", 0, 0, MAX_FEWSHOT);
        if (numFewshot > 0 && fewshotSplit == null) {
            throw refuse("num_fewshot", "needs a split to take examples from (fewshot_split or training_split)");
        }
        String sampler = root.path("fewshot_config").path("sampler").asText("default");
        if (!Set.of("default", "first_n").contains(sampler)) {
            throw refuse("fewshot_config", "sampler '" + sampler + "' is not supported; use default or first_n");
        }
        boolean bias = type == TaskDefinition.OutputType.BBQ || type == TaskDefinition.OutputType.CROWS_PAIRS;
        for (String key : BIAS_KEYS) {
            if (!bias && root.has(key)) {
                throw refuse(key, "applies to bbq and crows_pairs tasks only");
            }
        }
        String docToText = text(root, "doc_to_text", type != TaskDefinition.OutputType.LOGLIKELIHOOD_ROLLING
                && type != TaskDefinition.OutputType.CROWS_PAIRS);
        String docToTarget = text(root, "doc_to_target", !bias);
        if (docToTarget == null) {
            docToTarget = type == TaskDefinition.OutputType.BBQ ? "label" : "";
        }
        Optional<String> docToChoice = Optional.empty();
        List<String> fixedChoices = List.of();
        JsonNode choice = root.get("doc_to_choice");
        if (choice != null && choice.isArray()) {
            List<String> list = new ArrayList<>();
            choice.forEach(c -> list.add(c.asText()));
            if (list.size() < 2) {
                throw refuse("doc_to_choice", "lists fewer than two choices");
            }
            fixedChoices = List.copyOf(list);
        } else if (choice != null) {
            docToChoice = Optional.of(text(root, "doc_to_choice", true));
        }
        if (docToChoice.isEmpty() && fixedChoices.isEmpty() && bias) {
            // The published layouts: BBQ's three answers, CrowS-Pairs' two sentences (the stereotypical one first).
            docToChoice = Optional.of(type == TaskDefinition.OutputType.BBQ ? "{{ [ans0, ans1, ans2] }}"
                    : "{{ [sent_more, sent_less] }}");
        }
        if (type == TaskDefinition.OutputType.MULTIPLE_CHOICE && docToChoice.isEmpty() && fixedChoices.isEmpty()) {
            throw refuse("doc_to_choice", "is missing: a multiple_choice task names its choices");
        }
        List<String> until = new ArrayList<>();
        int maxGenToks = 256;
        JsonNode generation = root.path("generation_kwargs");
        if (!generation.isMissingNode()) {
            generation.fieldNames().forEachRemaining(key -> {
                if (!GENERATION_KEYS.contains(key)) {
                    throw refuse("generation_kwargs." + key, "is not supported; Stoa reads until, max_gen_toks,"
                            + " do_sample and temperature (greedy decoding)");
                }
            });
            JsonNode u = generation.path("until");
            if (u.isTextual()) {
                until.add(u.asText());
            } else if (u.isArray()) {
                u.forEach(s -> until.add(s.asText()));
            }
            maxGenToks = integer(generation, "max_gen_toks", maxGenToks, 1, MAX_TOKENS);
            if (generation.path("do_sample").asBoolean(false) || generation.path("temperature").asDouble(0) != 0) {
                throw refuse("generation_kwargs", "asks for sampling; Stoa's evaluations decode greedily so that a"
                        + " run can be repeated (do_sample: false, temperature: 0)");
            }
        }
        List<TaskDefinition.Filter> filters = filters(root.path("filter_list"));
        List<String> metrics = metrics(root.path("metric_list"), type);
        return new TaskDefinition(text(root, "task", true), text(root, "dataset_path", true),
                Optional.ofNullable(text(root, "dataset_name", false)), testSplit, Optional.ofNullable(fewshotSplit),
                type, docToText == null ? "" : docToText, docToTarget, docToChoice, fixedChoices, numFewshot,
                fewshotSeed, stringOr(root, "target_delimiter", " "), stringOr(root, "fewshot_delimiter", "\n\n"),
                stringOr(root, "description", ""), List.copyOf(until), maxGenToks, filters, metrics, sampler,
                new TaskDefinition.BiasFields(Optional.ofNullable(text(root, "doc_to_category", false)),
                        Optional.ofNullable(text(root, "doc_to_condition", false)),
                        Optional.ofNullable(text(root, "doc_to_unknown", false)),
                        Optional.ofNullable(text(root, "doc_to_biased", false))));
    }

    private static List<TaskDefinition.Filter> filters(JsonNode list) {
        List<TaskDefinition.Filter> out = new ArrayList<>();
        if (list.isMissingNode()) {
            return out;
        }
        if (!list.isArray() || list.size() != 1) {
            throw refuse("filter_list", "holds one named filter pipeline in Stoa (several pipelines per task are not"
                    + " supported)");
        }
        for (JsonNode step : list.get(0).path("filter")) {
            String function = step.path("function").asText("");
            switch (function) {
                case "regex" -> {
                    String pattern = step.path("regex_pattern").asText(null);
                    if (pattern == null) {
                        throw refuse("filter_list", "a regex step needs regex_pattern");
                    }
                    try {
                        Pattern.compile(pattern);
                    } catch (PatternSyntaxException e) {
                        throw refuse("filter_list", "regex_pattern '" + pattern + "' is not a regular expression: "
                                + e.getDescription());
                    }
                    out.add(new TaskDefinition.Filter("regex", Optional.of(pattern), step.path("group_select").asInt(0),
                            step.path("fallback").asText("[invalid]")));
                }
                case "take_first" -> out.add(new TaskDefinition.Filter("take_first", Optional.empty(), 0, ""));
                default -> throw refuse("filter_list", "function '" + function + "' is not supported; Stoa applies"
                        + " regex and take_first");
            }
        }
        return List.copyOf(out);
    }

    private static List<String> metrics(JsonNode list, TaskDefinition.OutputType type) {
        if (list.isMissingNode()) {
            return TaskDefinition.defaultMetrics(type);
        }
        if (!list.isArray() || list.isEmpty()) {
            throw refuse("metric_list", "is a list of {metric: name}");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode m : list) {
            m.fieldNames().forEachRemaining(key -> {
                if (!METRIC_KEYS.contains(key)) {
                    throw refuse("metric_list." + key, "is not supported; a metric has metric, aggregation and"
                            + " higher_is_better");
                }
            });
            String metric = m.path("metric").asText("");
            if (!TaskDefinition.SUPPORTED_METRICS.get(type).contains(metric)) {
                throw refuse("metric_list", "metric '" + metric + "' is not computed for " + type.yaml()
                        + " tasks; Stoa computes " + String.join(", ", TaskDefinition.SUPPORTED_METRICS.get(type)));
            }
            String aggregation = m.path("aggregation").asText(Metrics.defaultAggregation(metric));
            if (!aggregation.equals(Metrics.defaultAggregation(metric))) {
                throw refuse("metric_list", "metric '" + metric + "' is aggregated as "
                        + Metrics.defaultAggregation(metric) + " in Stoa, not " + aggregation);
            }
            out.add(metric);
        }
        return List.copyOf(out);
    }

    private static ApiException refuse(String key, String why) {
        return ApiException.invalidField(key, "The task file's '" + key + "' " + why + ".");
    }

    /** A single value as text (templates, field names, and a fixed answer index alike). */
    private static String text(JsonNode root, String key, boolean required) {
        JsonNode value = root.get(key);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            if (required) {
                throw refuse(key, "is missing");
            }
            return null;
        }
        if (!value.isValueNode()) {
            throw refuse(key, "must be a single value");
        }
        return value.asText();
    }

    private static String stringOr(JsonNode root, String key, String fallback) {
        JsonNode value = root.get(key);
        return value == null || value.isNull() ? fallback : value.asText();
    }

    private static int integer(JsonNode root, String key, int fallback, int min, int max) {
        JsonNode value = root.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < min || value.asInt() > max) {
            throw refuse(key, "must be a whole number from " + min + " to " + max);
        }
        return value.asInt();
    }

    private static String firstOf(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
