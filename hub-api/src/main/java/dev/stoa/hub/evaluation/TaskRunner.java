package dev.stoa.hub.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoa.spi.inference.InferenceSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one task on a model: each document of the scored split (up to a limit) becomes the requests its output type
 * asks for, sent through an {@link InferenceSession}; each document's record — its fields, the requests, the model's
 * answers, the filtered answer and its scores — goes to a {@link Samples} sink as it is scored; the metrics come last,
 * each with its standard error.
 */
final class TaskRunner {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** Where each document's record goes, in document order. */
    @FunctionalInterface
    interface Samples {
        void write(ObjectNode sample) throws IOException;
    }

    /** Reports progress and says when to stop. */
    interface Progress {
        void scored(long done, long total);

        boolean cancelled();
    }

    /**
     * How a run differs from the task file.
     *
     * @param limit      documents scored at most
     * @param numFewshot examples per prompt
     * @param seed       the few-shot sampler's and the bootstrap's seed
     */
    record Options(long limit, int numFewshot, long seed) {
    }

    private final TaskDefinition task;
    private final TaskPrompts prompts;
    private final BiasTasks bias;
    private final Map<String, Pattern> patterns = new java.util.HashMap<>();
    private final InferenceSession session;
    private final Options options;

    TaskRunner(TaskDefinition task, InferenceSession session, Options options) {
        this.task = task;
        this.prompts = new TaskPrompts(task);
        this.bias = new BiasTasks(task);
        this.session = session;
        this.options = options;
    }

    /**
     * Scores the documents of {@code test}, with examples from {@code fewshot} ({@code test} itself when empty).
     *
     * @return each of the task's metrics with its standard error, in the task's order
     * @throws CancellationException when {@code progress} says the run was cancelled
     */
    Map<String, Metrics.Score> run(TaskData test, Optional<TaskData> fewshot, Samples samples, Progress progress) {
        long total = Math.min(options.limit(), test.size());
        FewShot sampler = options.numFewshot() == 0 ? null
                : new FewShot(fewshot.orElse(test), fewshot.isEmpty(), options.numFewshot(), task.fewshotSampler(),
                        options.seed());
        Scores scores = new Scores();
        long[] done = {0};
        progress.scored(0, total);
        test.forEach(total, doc -> {
            if (progress.cancelled()) {
                throw new CancellationException("cancelled after " + done[0] + " of " + total + " documents");
            }
            long id = done[0];
            ObjectNode sample = JSON.createObjectNode().put("doc_id", id);
            sample.set("doc", JSON.valueToTree(doc));
            List<Map<String, Object>> examples = List.of();
            if (sampler != null) {
                List<Long> picks = sampler.picks(id);
                sample.set("fewshot_ids", JSON.valueToTree(picks));
                examples = sampler.examples(picks);
            }
            try {
                score(doc, prompts.context(doc, examples), sample, scores);
                samples.write(sample);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            done[0]++;
            progress.scored(done[0], total);
        });
        if (done[0] == 0) {
            throw new TaskFailure("The split '" + task.testSplit() + "' has no documents to score.");
        }
        return scores.aggregate();
    }

    private void score(Map<String, Object> doc, String context, ObjectNode sample, Scores scores) throws IOException {
        ArrayNode arguments = sample.putArray("arguments");
        ArrayNode responses = sample.putArray("resps");
        switch (task.outputType()) {
            case MULTIPLE_CHOICE -> {
                List<String> choices = prompts.choices(doc);
                int gold = prompts.gold(doc, choices);
                double[] lls = choiceLikelihoods(context, choices, arguments, responses);
                int[] lengths = new int[choices.size()];
                for (int i = 0; i < choices.size(); i++) {
                    // lm-evaluation-harness normalises by the choice's length in characters.
                    lengths[i] = Math.max(1, choices.get(i).length());
                }
                double[] accuracy = Metrics.multipleChoice(lls, lengths, gold);
                sample.put("target", gold);
                scores.add(sample, "acc", accuracy[0]);
                scores.add(sample, "acc_norm", accuracy[1]);
                scores.choice(gold, argmax(lls));
            }
            case BBQ -> {
                List<String> choices = prompts.choices(doc);
                int gold = prompts.gold(doc, choices);
                int predicted = argmax(choiceLikelihoods(context, choices, arguments, responses));
                int unknown = bias.unknown(doc, choices);
                BiasTasks.BbqAnswer answer = new BiasTasks.BbqAnswer(bias.ambiguous(doc), bias.category(doc), predicted,
                        gold, unknown, bias.biased(doc, choices, unknown));
                sample.put("target", gold).put("predicted", predicted).put("unknown", unknown)
                        .put("biased", answer.biased()).put("condition", answer.ambiguous() ? "ambig" : "disambig")
                        .put("category", answer.category()).put("acc", predicted == gold ? 1.0 : 0.0);
                scores.bbq.add(answer);
            }
            case CROWS_PAIRS -> {
                List<String> pair = prompts.choices(doc);
                if (pair.size() != 2) {
                    throw new TaskFailure("A crows_pairs document has " + pair.size() + " sentences; it needs two,"
                            + " the stereotypical one first.");
                }
                double[] lls = new double[2];
                for (int i = 0; i < 2; i++) {
                    lls[i] = session.rollingLogLikelihood(pair.get(i)).logprob();
                    arguments.addArray().add(pair.get(i));
                    responses.addArray().add(lls[i]);
                }
                String category = bias.category(doc);
                sample.put("category", category);
                scores.add(sample, "pct_stereotype", lls[0] > lls[1] ? 1 : 0);
                scores.add(sample, "likelihood_diff", Math.abs(lls[0] - lls[1]));
                scores.byCategory(category, "pct_stereotype", lls[0] > lls[1] ? 1 : 0);
                scores.byCategory(category, "likelihood_diff", Math.abs(lls[0] - lls[1]));
            }
            case LOGLIKELIHOOD -> {
                String continuation = task.targetDelimiter() + prompts.targetText(doc);
                InferenceSession.LogLikelihood ll = session.logLikelihood(context, continuation);
                arguments.addArray().add(context).add(continuation);
                responses.addArray().add(ll.logprob()).add(ll.greedy());
                sample.put("target", continuation);
                scores.add(sample, "acc", ll.greedy() ? 1 : 0);
                scores.logLikelihood(sample, "perplexity", ll.logprob(), 1);
            }
            case LOGLIKELIHOOD_ROLLING -> {
                String text = prompts.targetText(doc);
                InferenceSession.LogLikelihood ll = session.rollingLogLikelihood(text);
                arguments.addArray().add(text);
                responses.addArray().add(ll.logprob());
                long words = WHITESPACE.split(text).length;
                long bytes = text.getBytes(StandardCharsets.UTF_8).length;
                scores.logLikelihood(sample, "word_perplexity", ll.logprob(), words);
                scores.logLikelihood(sample, "byte_perplexity", ll.logprob(), bytes);
                scores.logLikelihood(sample, "bits_per_byte", ll.logprob(), bytes);
            }
            case GENERATE_UNTIL -> {
                List<String> until = task.until().isEmpty() ? List.of(task.fewshotDelimiter()) : task.until();
                String answer = session.generate(context, until, task.maxGenToks());
                ObjectNode kwargs = JSON.createObjectNode().put("max_gen_toks", task.maxGenToks());
                kwargs.set("until", JSON.valueToTree(until));
                arguments.addArray().add(context).add(kwargs);
                responses.addArray().add(answer);
                String filtered = filter(answer);
                String gold = prompts.targetText(doc);
                sample.put("target", gold);
                sample.put("filtered_resps", filtered);
                scores.add(sample, "exact_match", filtered.equals(gold) ? 1 : 0);
            }
        }
    }

    /** Each choice's log-likelihood after the context, recorded in the document's record. */
    private double[] choiceLikelihoods(String context, List<String> choices, ArrayNode arguments, ArrayNode responses)
            throws IOException {
        double[] lls = new double[choices.size()];
        for (int i = 0; i < choices.size(); i++) {
            String continuation = task.targetDelimiter() + choices.get(i);
            InferenceSession.LogLikelihood ll = session.logLikelihood(context, continuation);
            arguments.addArray().add(context).add(continuation);
            responses.addArray().add(ll.logprob()).add(ll.greedy());
            lls[i] = ll.logprob();
        }
        return lls;
    }

    /** The task's filter steps applied to an answer, as lm-evaluation-harness's regex and take_first filters do. */
    String filter(String answer) {
        String out = answer;
        for (TaskDefinition.Filter step : task.filters()) {
            if (!step.function().equals("regex")) {
                continue; // take_first: one answer per document already
            }
            Matcher m = patterns.computeIfAbsent(step.pattern().orElseThrow(), Pattern::compile).matcher(out);
            List<String> matches = new ArrayList<>();
            while (m.find()) {
                // Python's findall: the group when the pattern has one, else the whole match.
                matches.add(m.groupCount() >= 1 ? firstNonEmptyGroup(m) : m.group());
            }
            int index = step.group() < 0 ? matches.size() + step.group() : step.group();
            out = index >= 0 && index < matches.size() ? matches.get(index).strip() : step.fallback();
        }
        return out;
    }

    private static String firstNonEmptyGroup(Matcher m) {
        for (int g = 1; g <= m.groupCount(); g++) {
            if (m.group(g) != null && !m.group(g).isEmpty()) {
                return m.group(g);
            }
        }
        return "";
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Per-document values of each metric, aggregated at the end. */
    private final class Scores {

        private final Map<String, List<Double>> values = new LinkedHashMap<>();
        private final Map<String, List<Long>> weights = new LinkedHashMap<>();
        private final List<int[]> choices = new ArrayList<>();
        private final List<BiasTasks.BbqAnswer> bbq = new ArrayList<>();
        private final Map<String, Map<String, List<Double>>> categories = new java.util.TreeMap<>();

        void add(ObjectNode sample, String metric, double value) {
            if (task.metrics().contains(metric)) {
                values.computeIfAbsent(metric, m -> new ArrayList<>()).add(value);
                sample.put(metric, value);
            }
        }

        void logLikelihood(ObjectNode sample, String metric, double value, long weight) {
            if (task.metrics().contains(metric)) {
                values.computeIfAbsent(metric, m -> new ArrayList<>()).add(value);
                weights.computeIfAbsent(metric, m -> new ArrayList<>()).add(weight);
                sample.putArray(metric).add(value).add(weight);
            }
        }

        void byCategory(String category, String metric, double value) {
            if (task.metrics().contains(metric)) {
                categories.computeIfAbsent(category, c -> new LinkedHashMap<>())
                        .computeIfAbsent(metric, m -> new ArrayList<>()).add(value);
            }
        }

        void choice(int gold, int predicted) {
            choices.add(new int[] {gold, predicted});
        }

        Map<String, Metrics.Score> aggregate() {
            if (task.outputType() == TaskDefinition.OutputType.BBQ) {
                return BiasTasks.bbq(bbq, task.metrics(), options.seed());
            }
            Map<String, Metrics.Score> out = new LinkedHashMap<>();
            for (String metric : task.metrics()) {
                double[] v = values.getOrDefault(metric, List.of()).stream().mapToDouble(Double::doubleValue).toArray();
                long[] w = weights.getOrDefault(metric, List.of()).stream().mapToLong(Long::longValue).toArray();
                int it = Metrics.BOOTSTRAP_ITERATIONS;
                out.put(metric, switch (metric) {
                    case "perplexity" -> Metrics.perplexity(v, options.seed(), it);
                    case "word_perplexity", "byte_perplexity" -> Metrics.weightedPerplexity(v, w, options.seed(), it);
                    case "bits_per_byte" -> Metrics.bitsPerByte(v, w, options.seed(), it);
                    case "f1" -> Metrics.f1(choices.stream().mapToInt(c -> c[0]).toArray(),
                            choices.stream().mapToInt(c -> c[1]).toArray(), options.seed(), it);
                    default -> Metrics.mean(v);
                });
            }
            if (categories.size() > 1) {
                categories.forEach((category, metrics) -> metrics.forEach((metric, values) -> out.put(
                        metric + "/" + category, Metrics.mean(values.stream().mapToDouble(Double::doubleValue).toArray()))));
            }
            return out;
        }
    }
}
