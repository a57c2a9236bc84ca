package dev.stoa.hub.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoa.spi.testkit.ScriptedSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tasks written as lm-evaluation-harness writes them, run on a scripted session: what is asked, and what is scored. */
class TaskRunnerTest {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** ARC's layout: choices as a struct of labels and texts, the answer as a label. */
    private static final String ARC = """
            task: tiny_arc
            dataset_path: acme/tiny-arc
            output_type: multiple_choice
            test_split: test
            doc_to_text: "Question: {{question}}\\nAnswer:"
            doc_to_target: "{{choices.label.index(answerKey)}}"
            doc_to_choice: "{{choices.text}}"
            metric_list:
              - metric: acc
              - metric: acc_norm
            """;

    @TempDir
    Path dir;

    @Test
    void multipleChoiceScoresEachChoiceAndNormalisesByItsLength() throws Exception {
        Path data = jsonl("test.jsonl",
                "{\"question\": \"Sky?\", \"choices\": {\"label\": [\"A\", \"B\"], \"text\": [\"blue\", \"green grass\"]}, \"answerKey\": \"B\"}",
                "{\"question\": \"Sun?\", \"choices\": {\"label\": [\"A\", \"B\"], \"text\": [\"hot\", \"cold\"]}, \"answerKey\": \"A\"}");
        ScriptedSession session = new ScriptedSession("acme/m@1")
                // Document 0: "blue" is likelier, but per character "green grass" is: acc 0, acc_norm 1.
                .logLikelihood("Question: Sky?\nAnswer:", " blue", -4.0, false)
                .logLikelihood("Question: Sky?\nAnswer:", " green grass", -5.5, false)
                // Document 1: right both ways.
                .logLikelihood("Question: Sun?\nAnswer:", " hot", -1.0, true)
                .logLikelihood("Question: Sun?\nAnswer:", " cold", -3.0, false);
        List<ObjectNode> samples = new ArrayList<>();
        Map<String, Metrics.Score> metrics = run(ARC, session, data, Optional.empty(), 100, 0, samples);

        assertThat(metrics.get("acc").value()).isEqualTo(0.5);
        assertThat(metrics.get("acc").stderr()).isCloseTo(0.5, Offset.offset(1e-12)); // sqrt(0.5 / 2)
        assertThat(metrics.get("acc_norm").value()).isEqualTo(1.0);
        assertThat(samples).hasSize(2);
        assertThat(samples.get(0).path("target").asInt()).isEqualTo(1);
        assertThat(samples.get(0).path("resps").get(1).get(0).asDouble()).isEqualTo(-5.5);
        assertThat(samples.get(0).path("doc").path("answerKey").asText()).isEqualTo("B");
    }

    @Test
    void generationIsFilteredThenComparedExactly() throws Exception {
        String yaml = """
                task: tiny_gsm
                dataset_path: acme/tiny-gsm
                output_type: generate_until
                test_split: test
                doc_to_text: "Q: {{question}}\\nA:"
                doc_to_target: "{{answer.split('####')[-1].strip()}}"
                generation_kwargs:
                  until: ["Q:"]
                  max_gen_toks: 16
                filter_list:
                  - name: strict-match
                    filter:
                      - function: regex
                        regex_pattern: "#### (\\\\-?[0-9\\\\.\\\\,]+)"
                      - function: take_first
                """;
        Path data = jsonl("test.jsonl", "{\"question\": \"2+2?\", \"answer\": \"two and two #### 4\"}",
                "{\"question\": \"3+3?\", \"answer\": \"three and three #### 6\"}");
        ScriptedSession session = new ScriptedSession("acme/m@1")
                .generation("Q: 2+2?\nA:", " 2+2 #### 4 Q: next")
                .generation("Q: 3+3?\nA:", " it is 7");
        List<ObjectNode> samples = new ArrayList<>();
        Map<String, Metrics.Score> metrics = run(yaml, session, data, Optional.empty(), 100, 0, samples);
        assertThat(metrics.get("exact_match").value()).isEqualTo(0.5);
        assertThat(samples.get(0).path("filtered_resps").asText()).isEqualTo("4");
        assertThat(samples.get(1).path("filtered_resps").asText()).isEqualTo("[invalid]");
        assertThat(samples.get(1).path("target").asText()).isEqualTo("6");
    }

    @Test
    void fewShotExamplesAreTheSameForTheSameSeedAndNeverTheDocumentItself() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            lines.add("{\"q\": \"q" + i + "\", \"a\": \"a" + i + "\"}");
        }
        Path data = jsonl("test.jsonl", lines.toArray(String[]::new));
        String yaml = """
                task: t
                dataset_path: acme/d
                output_type: loglikelihood
                test_split: test
                doc_to_text: "{{q}}"
                doc_to_target: "{{a}}"
                metric_list:
                  - metric: acc
                """;
        List<String> first = contexts(yaml, data, 7);
        assertThat(contexts(yaml, data, 7)).isEqualTo(first);
        assertThat(contexts(yaml, data, 8)).isNotEqualTo(first);
        for (int i = 0; i < first.size(); i++) {
            String[] parts = first.get(i).split("\n\n");
            assertThat(parts).hasSize(4);
            assertThat(parts[3]).isEqualTo("q" + i);
            for (int e = 0; e < 3; e++) {
                assertThat(parts[e]).matches("q(\\d+) a\\1").isNotEqualTo("q" + i + " a" + i);
            }
        }
    }

    /** The contexts a 3-shot run with {@code seed} asks about. */
    private List<String> contexts(String yaml, Path data, long seed) throws Exception {
        List<String> asked = new ArrayList<>();
        TaskDefinition task = TaskYaml.parse(yaml, seed);
        try (TaskData test = new TaskData(List.of(data))) {
            TaskRunner runner = new TaskRunner(task, new RecordingSession(asked), new TaskRunner.Options(100, 3, seed));
            runner.run(test, Optional.empty(), s -> { }, progress(Long.MAX_VALUE));
        }
        return asked;
    }

    @Test
    void rollingLogLikelihoodGivesPerplexitiesWeightedByWordsAndBytes() throws Exception {
        String yaml = """
                task: tiny_text
                dataset_path: acme/tiny-text
                output_type: loglikelihood_rolling
                test_split: test
                doc_to_target: "{{text}}"
                """;
        Path data = parquet("test.parquet", "SELECT * FROM (VALUES ('one two', 1), ('three  four five', 2)) t(text, n)");
        ScriptedSession session = new ScriptedSession("m").rolling("one two", -6.0, 4).rolling("three  four five", -9.0, 6);
        Map<String, Metrics.Score> metrics = run(yaml, session, data, Optional.empty(), 100, 0, new ArrayList<>());
        // 5 words, 23 bytes, loglikelihood -15 in all.
        assertThat(metrics.get("word_perplexity").value()).isCloseTo(Math.exp(15.0 / 5), Offset.offset(1e-9));
        assertThat(metrics.get("byte_perplexity").value()).isCloseTo(Math.exp(15.0 / 23), Offset.offset(1e-9));
        assertThat(metrics.get("bits_per_byte").value()).isCloseTo(15.0 / 23 / Math.log(2), Offset.offset(1e-9));
    }

    @Test
    void aLimitScoresTheFirstDocumentsAndCancellingStops() throws Exception {
        Path data = jsonl("test.jsonl", "{\"q\": \"a\", \"t\": \"x\"}", "{\"q\": \"b\", \"t\": \"y\"}",
                "{\"q\": \"c\", \"t\": \"z\"}");
        String yaml = """
                task: t
                dataset_path: acme/d
                output_type: loglikelihood
                test_split: test
                doc_to_text: q
                doc_to_target: t
                """;
        ScriptedSession session = new ScriptedSession("m").logLikelihood("a", " x", -1, true)
                .logLikelihood("b", " y", -3, false);
        Map<String, Metrics.Score> metrics = run(yaml, session, data, Optional.empty(), 2, 0, new ArrayList<>());
        assertThat(metrics.get("acc").value()).isEqualTo(0.5);
        assertThat(metrics.get("perplexity").value()).isCloseTo(Math.exp(2), Offset.offset(1e-9));
        assertThat(session.requests()).hasSize(2);

        TaskDefinition task = TaskYaml.parse(yaml, 1);
        try (TaskData test = new TaskData(List.of(data))) {
            assertThatThrownBy(() -> new TaskRunner(task, session, new TaskRunner.Options(100, 0, 1))
                    .run(test, Optional.empty(), s -> { }, progress(1)))
                    .isInstanceOf(CancellationException.class).hasMessageContaining("after 1 of 3");
        }
    }

    @Test
    void aTemplateThatFailsSaysWhichAndWhy() throws Exception {
        Path data = jsonl("test.jsonl", "{\"q\": \"a\", \"t\": \"x\"}");
        String yaml = """
                task: t
                dataset_path: acme/d
                output_type: generate_until
                test_split: test
                doc_to_text: "{{ q.strip('?') }}"
                doc_to_target: t
                """;
        assertThatThrownBy(() -> run(yaml, new ScriptedSession("m"), data, Optional.empty(), 10, 0, new ArrayList<>()))
                .isInstanceOf(TaskFailure.class).hasMessageContaining("doc_to_text '{{ q.strip('?') }}' failed");
        assertThat(TaskTemplates.javaMethods("A {{ x.lower() }} .lower() {% if y.startswith('a') %}")).isEqualTo(
                "A {{ x.toLowerCase() }} .lower() {% if y.startsWith('a') %}");
        assertThat(new TaskTemplates().text("t", "{{ a.split('.')[1] }}|{{ a.upper() }}|{{ b.split()[-1] }}",
                Map.of("a", "x.y.z", "b", " one  two "))).isEqualTo("y|X.Y.Z|two");
    }

    @Test
    void bbqBiasScoresFollowThePapersFormulasOnCraftedAnswers() throws Exception {
        String yaml = """
                task: tiny_bbq
                dataset_path: acme/tiny-bbq
                output_type: bbq
                test_split: test
                doc_to_text: "{{context}} {{question}}"
                """;
        // BBQ's own layout: which answer follows the stereotype comes from answer_info, the stereotyped groups and
        // the question's polarity (negative: the stereotyped group's answer; non-negative: the other one).
        String[] docs = {
                bbq(0, "ambig", "Age", "neg", "grandfather", "old", "grandson", "nonOld", "old", 2),
                bbq(1, "ambig", "Age", "nonneg", "grandfather", "old", "grandson", "nonOld", "old", 2),
                bbq(2, "disambig", "Age", "neg", "grandfather", "old", "grandson", "nonOld", "old", 1),
                bbq(3, "disambig", "Age", "nonneg", "grandson", "nonOld", "grandfather", "old", "old", 0),
                bbq(4, "ambig", "Gender", "neg", "man", "M", "woman", "F", "M", 2),
                bbq(5, "disambig", "Gender", "neg", "man", "M", "woman", "F", "F", 1)};
        // The stereotype-consistent answers are 0, 1, 0, 0, 0, 1; the model picks:
        int[] picks = {0, 2, 0, 0, 0, 1};
        ScriptedSession session = new ScriptedSession("m");
        for (int d = 0; d < docs.length; d++) {
            List<Object> answers = JsonValues.list(docs[d]);
            for (int c = 0; c < 3; c++) {
                session.logLikelihood("c" + d + " q" + d, " " + answers.get(c), c == picks[d] ? -1 : -5, c == picks[d]);
            }
        }
        Map<String, Metrics.Score> metrics = run(yaml, session, jsonl("test.jsonl", docs), Optional.empty(), 100, 0,
                new ArrayList<>());
        // Right: documents 1, 3 and 5. Disambiguated answers (2, 3, 5) all follow the stereotype: 2·3/3 − 1 = 1.
        // Ambiguous: 1 of 3 right; the two non-"unknown" answers (0, 4) both biased: (1 − 1/3)·(2·2/2 − 1) = 2/3.
        assertThat(metrics.get("acc").value()).isEqualTo(0.5);
        assertThat(metrics.get("acc_ambig").value()).isCloseTo(1.0 / 3, Offset.offset(1e-12));
        assertThat(metrics.get("acc_disambig").value()).isCloseTo(2.0 / 3, Offset.offset(1e-12));
        assertThat(metrics.get("bias_score_disambig").value()).isCloseTo(1.0, Offset.offset(1e-12));
        assertThat(metrics.get("bias_score_ambig").value()).isCloseTo(2.0 / 3, Offset.offset(1e-12));
        // Per category: Age's ambiguous answers 1 of 2 right, the one non-"unknown" biased: 0.5 · 1.
        assertThat(metrics.get("bias_score_ambig/Age").value()).isCloseTo(0.5, Offset.offset(1e-12));
        assertThat(metrics.get("bias_score_ambig/Gender").value()).isCloseTo(1.0, Offset.offset(1e-12));
        assertThat(metrics.get("acc/Gender").value()).isEqualTo(0.5);
    }

    /** A document in BBQ's layout. */
    private static String bbq(int n, String condition, String category, String polarity, String answer0, String group0,
            String answer1, String group1, String stereotyped, int label) throws Exception {
        Map<String, Object> doc = new java.util.LinkedHashMap<>();
        doc.put("context", "c" + n);
        doc.put("question", "q" + n);
        doc.put("ans0", answer0);
        doc.put("ans1", answer1);
        doc.put("ans2", "Unknown");
        doc.put("label", label);
        doc.put("context_condition", condition);
        doc.put("category", category);
        doc.put("question_polarity", polarity);
        doc.put("answer_info", Map.of("ans0", List.of(answer0, group0), "ans1", List.of(answer1, group1),
                "ans2", List.of("Unknown", "unknown")));
        doc.put("additional_metadata", Map.of("stereotyped_groups", List.of(stereotyped)));
        return JSON.writeValueAsString(doc);
    }

    /** The answers of a BBQ document, in order. */
    private static final class JsonValues {
        static List<Object> list(String doc) throws Exception {
            Map<?, ?> map = JSON.readValue(doc, Map.class);
            return List.of(map.get("ans0"), map.get("ans1"), map.get("ans2"));
        }
    }

    @Test
    void crowsPairsCountsThePairsWhereTheStereotypeIsLikelier() throws Exception {
        String yaml = """
                task: tiny_crows
                dataset_path: acme/tiny-crows
                output_type: crows_pairs
                test_split: test
                """;
        Path data = jsonl("test.jsonl",
                "{\"sent_more\": \"s1\", \"sent_less\": \"a1\", \"bias_type\": \"race\"}",
                "{\"sent_more\": \"s2\", \"sent_less\": \"a2\", \"bias_type\": \"race\"}",
                "{\"sent_more\": \"s3\", \"sent_less\": \"a3\", \"bias_type\": \"gender\"}",
                "{\"sent_more\": \"s4\", \"sent_less\": \"a4\", \"bias_type\": \"gender\"}");
        ScriptedSession session = new ScriptedSession("m").rolling("s1", -10, 3).rolling("a1", -12, 3)
                .rolling("s2", -8, 3).rolling("a2", -7, 3).rolling("s3", -5, 3).rolling("a3", -9, 3)
                .rolling("s4", -3, 3).rolling("a4", -4, 3);
        Map<String, Metrics.Score> metrics = run(yaml, session, data, Optional.empty(), 100, 0, new ArrayList<>());
        assertThat(metrics.get("pct_stereotype").value()).isEqualTo(0.75);
        assertThat(metrics.get("likelihood_diff").value()).isEqualTo(2.0);
        assertThat(metrics.get("pct_stereotype/race").value()).isEqualTo(0.5);
        assertThat(metrics.get("pct_stereotype/gender").value()).isEqualTo(1.0);
    }

    private Map<String, Metrics.Score> run(String yaml, dev.stoa.spi.inference.InferenceSession session, Path data,
            Optional<Path> fewshot, long limit, int shots, List<ObjectNode> samples) throws Exception {
        TaskDefinition task = TaskYaml.parse(yaml, 1234);
        try (TaskData test = new TaskData(List.of(data))) {
            return new TaskRunner(task, session, new TaskRunner.Options(limit, shots, 1234))
                    .run(test, Optional.empty(), samples::add, progress(Long.MAX_VALUE));
        }
    }

    private static TaskRunner.Progress progress(long cancelAfter) {
        return new TaskRunner.Progress() {
            long done;

            @Override
            public void scored(long done, long total) {
                this.done = done;
            }

            @Override
            public boolean cancelled() {
                return done >= cancelAfter;
            }
        };
    }

    private Path jsonl(String name, String... lines) throws Exception {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    private Path parquet(String name, String select) throws Exception {
        Path file = dir.resolve(name);
        try (Connection db = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:", new java.util.Properties());
                Statement s = db.createStatement()) {
            s.execute("COPY (" + select + ") TO '" + file + "' (FORMAT parquet)");
        }
        return file;
    }

    /** Answers every log-likelihood request and records its context. */
    private record RecordingSession(List<String> asked) implements dev.stoa.spi.inference.InferenceSession {

        @Override
        public String model() {
            return "m";
        }

        @Override
        public Map<String, String> provenance() {
            return Map.of();
        }

        @Override
        public LogLikelihood logLikelihood(String context, String continuation) {
            asked.add(context);
            return new LogLikelihood(-1, true, 1);
        }

        @Override
        public dev.stoa.spi.inference.Completion complete(dev.stoa.spi.inference.CompletionRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String chat(List<dev.stoa.spi.inference.ChatMessage> messages, List<String> until, int maxTokens) {
            throw new UnsupportedOperationException();
        }
    }
}
