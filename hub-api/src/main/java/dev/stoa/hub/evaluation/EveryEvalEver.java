package dev.stoa.hub.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A run in the Every Eval Ever schema (EvalEval Coalition, {@code eval.schema.json} version 0.2.1): the model, where
 * and how it ran, and one result per metric with its standard error and how that was computed, the settings, and a
 * pointer to the per-document records.
 */
final class EveryEvalEver {

    static final String SCHEMA_VERSION = "0.2.1";
    private static final Set<String> BOOTSTRAPPED = Set.of("perplexity", "word_perplexity", "byte_perplexity",
            "bits_per_byte", "f1", "bias_score_ambig", "bias_score_disambig");

    private EveryEvalEver() {
    }

    /**
     * @param site         this Stoa's name, as the source organisation
     * @param firstParty   whether the person who ran it belongs to the model's owner
     */
    static ObjectNode record(EvaluationRow run, String site, boolean firstParty) {
        JsonNode model = run.record().path("model");
        JsonNode task = run.record().path("task");
        JsonNode settings = run.record().path("settings");
        JsonNode runner = run.record().path("runner");
        Instant finished = run.finishedAt().orElse(run.createdAt());
        ObjectNode out = EvaluationRuns.JSON.createObjectNode().put("schema_version", SCHEMA_VERSION)
                .put("evaluation_id", run.task() + "/" + run.model() + "/" + finished.getEpochSecond())
                .put("evaluation_timestamp", finished.toString())
                .put("retrieved_timestamp", String.valueOf(Instant.now().getEpochSecond()));
        ObjectNode source = out.putObject("source_metadata").put("source_name", site)
                .put("source_type", "evaluation_run").put("source_organization_name", site)
                .put("evaluator_relationship", firstParty ? "first_party" : "third_party");
        source.putObject("additional_details").put("run", "/api/v1/evaluations/" + run.id())
                .put("started_by", run.ownerName());
        ObjectNode library = out.putObject("eval_library").put("name", "stoa").put("version", "1");
        library.putObject("additional_details").put("task_format", "lm-evaluation-harness task YAML")
                .put("task_file", run.taskFile()).put("task_sha256", run.taskSha256());
        ObjectNode info = out.putObject("model_info").put("name", run.model())
                .put("id", model.path("repo").asText(run.model()))
                .put("developer", run.model().substring(0, run.model().indexOf('/')))
                .put("inference_platform", site);
        info.putObject("inference_engine").put("name", runner.path("runner").asText("unknown"))
                .put("version", runner.path("runner_version").asText("unknown"));
        ObjectNode modelDetails = info.putObject("additional_details");
        run.modelCommit().ifPresent(c -> modelDetails.put("commit", c));
        if (model.has("base")) {
            modelDetails.put("base_model", model.path("base").path("repo").asText())
                    .put("base_commit", model.path("base").path("commit").asText());
        }
        runner.fields().forEachRemaining(f -> modelDetails.put("runner_" + f.getKey(), f.getValue().asText()));
        var results = out.putArray("evaluation_results");
        for (Iterator<Map.Entry<String, JsonNode>> it = run.metrics().orElseThrow().fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> metric = it.next();
            String base = metric.getKey().contains("/") ? metric.getKey().substring(0, metric.getKey().indexOf('/'))
                    : metric.getKey();
            ObjectNode result = results.addObject().put("evaluation_name", run.taskName() + " " + metric.getKey())
                    .put("evaluation_timestamp", finished.toString());
            ObjectNode data = result.putObject("source_data").put("dataset_name", task.path("data").path("dataset")
                    .asText(run.datasetId())).put("source_type", "hf_dataset")
                    .put("hf_repo", task.path("data").path("dataset").asText(run.datasetId()))
                    .put("hf_split", task.path("data").path("split").asText("test"))
                    .put("samples_number", run.done());
            data.putObject("additional_details").put("revision", task.path("data").path("commit").asText())
                    .put("config", task.path("data").path("config").asText("default"));
            ObjectNode config = result.putObject("metric_config").put("evaluation_description", metric.getKey())
                    .put("lower_is_better", Metrics.lowerIsBetter(base));
            bounds(base).ifPresent(b -> config.put("score_type", "continuous").put("min_score", b[0])
                    .put("max_score", b[1]));
            ObjectNode score = result.putObject("score_details").put("score", metric.getValue().path("value").asDouble());
            ObjectNode uncertainty = score.putObject("uncertainty");
            boolean bootstrapped = BOOTSTRAPPED.contains(base);
            uncertainty.putObject("standard_error").put("value", metric.getValue().path("stderr").asDouble())
                    .put("method", bootstrapped ? "bootstrap" : "analytic");
            uncertainty.put("num_samples", run.done());
            if (bootstrapped) {
                uncertainty.put("num_bootstrap_samples", settings.path("bootstrap_iterations").asInt());
            }
            ObjectNode generation = result.putObject("generation_config");
            ObjectNode args = generation.putObject("generation_args").put("temperature", 0);
            if (task.path("output_type").asText().equals("generate_until")) {
                args.put("max_tokens", settings.path("max_gen_toks").asInt(256));
            }
            generation.putObject("additional_details").put("num_fewshot", String.valueOf(run.numFewshot()))
                    .put("fewshot_sampler", settings.path("fewshot_sampler").asText())
                    .put("seed", String.valueOf(run.seed())).put("output_type", task.path("output_type").asText());
        }
        run.samplesKey().ifPresent(key -> out.putObject("detailed_evaluation_results").put("format", "jsonl")
                .put("file_path", "/api/v1/evaluations/" + run.id() + "/samples").put("total_rows", run.done()));
        return out;
    }

    /** The range of a bounded metric. */
    private static java.util.Optional<double[]> bounds(String metric) {
        return switch (metric) {
            case "acc", "acc_norm", "exact_match", "f1", "acc_ambig", "acc_disambig", "pct_stereotype" ->
                    java.util.Optional.of(new double[] {0, 1});
            case "bias_score_ambig", "bias_score_disambig" -> java.util.Optional.of(new double[] {-1, 1});
            default -> java.util.Optional.empty();
        };
    }
}
