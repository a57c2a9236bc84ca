package dev.stoa.hub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoa.hub.repo.TestRepos;
import dev.stoa.hub.testing.StoaProcess;
import dev.stoa.spi.inference.EngineSession;
import dev.stoa.spi.inference.InferenceSession;
import dev.stoa.spi.testkit.TinyModel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Evaluation throughput: a multiple-choice task run as a Stoa evaluation (queued, read from the dataset with DuckDB,
 * scored through the CPU runner, records written and stored) beside the same log-likelihood requests sent straight to
 * the same engine in this JVM (the built-in plugin jar loaded here, on the same files). Documents per second, each
 * from the run's own start and end. Run with {@code ./mvnw -B verify -Pbench -Dit.test=EvaluationBenchmark}; option
 * {@code -Dbench.evaluation.documents}.
 */
public class EvaluationBenchmark {

    private static final int DOCUMENTS = Integer.getInteger("bench.evaluation.documents", 300);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] CHOICES = {"seven", "eight", "nine", "ten"};

    @Test
    void anEvaluationBesideTheSameRequestsSentToTheEngine() throws Exception {
        Path folder = TinyModel.sized("llama", "F32", 256, 4, 4, 4, 1024, 5).writeTo(TransferBenchmark.fresh("eval-model"));
        StringBuilder docs = new StringBuilder();
        for (int i = 0; i < DOCUMENTS; i++) {
            docs.append(JSON.writeValueAsString(Map.of("question", "What is " + i + " plus " + (i % 7) + "?",
                    "choices", List.of(CHOICES), "label", i % 4))).append('\n');
        }
        String task = """
                task: bench_mc
                dataset_path: admin/bench-task
                output_type: multiple_choice
                test_split: test
                doc_to_text: "Question: {{question}}\\nAnswer:"
                doc_to_target: "{{label}}"
                doc_to_choice: "{{choices}}"
                """;
        double stoaRate;
        Map<String, String> env = new java.util.HashMap<>(TransferBenchmark.stoaEnv());
        env.put("JAVA_TOOL_OPTIONS", "-Xmx1g");
        try (StoaProcess stoa = StoaProcess.start(TransferBenchmark.fresh("eval-stoa"), env).awaitReady()) {
            BenchClient client = new BenchClient(stoa.baseUri(), TransferBenchmark.ADMIN_TOKEN);
            String model = client.publishFolder("bench-model", folder);
            String dataset = client.createRepo("bench-task", "dataset");
            client.commitDataset(dataset, TestRepos.ndjson("task").file("test.jsonl", docs.toString())
                    .file("task.yaml", task).toString());
            run(client, model, dataset, 8); // loads the model
            stoaRate = run(client, model, dataset, DOCUMENTS);
            stoa.stop();
        }
        double directRate = direct(folder, docs.toString());
        BenchTable table = new BenchTable("Multiple-choice evaluation of " + DOCUMENTS + " documents x " + CHOICES.length
                + " choices on a random Llama (hidden 256, 4 layers), CPU runner: a Stoa evaluation run (baseline: the same"
                + " log-likelihood requests sent to the engine directly)", "documents/s", true);
        table.row("Stoa evaluation", stoaRate, "engine directly", directRate);
        System.out.println(table.render());
    }

    /** Runs the task on {@code limit} documents and returns documents per second between the run's start and end. */
    private static double run(BenchClient client, String model, String dataset, int limit) throws InterruptedException {
        String id = client.postJson("/api/v1/evaluations", JSON.createObjectNode().put("model", model)
                .put("task", dataset + "/bench_mc").put("limit", limit).toString(), 202).path("id").asText();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
        while (Instant.now().isBefore(deadline)) {
            JsonNode run = client.getJson("/api/v1/evaluations/" + id);
            if (run.path("status").asText().equals("succeeded")) {
                double seconds = Duration.between(Instant.parse(run.path("startedAt").asText()),
                        Instant.parse(run.path("finishedAt").asText())).toNanos() / 1e9;
                return run.path("progress").path("done").asLong() / seconds;
            }
            if (List.of("failed", "cancelled").contains(run.path("status").asText())) {
                throw new IllegalStateException("the evaluation " + run.path("status").asText() + ": " + run.path("error"));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the evaluation did not finish");
    }

    /** The same requests on the built-in plugin jar loaded in this JVM, deployed on the same folder. */
    private static double direct(Path folder, String docs) throws Exception {
        List<String> questions = new java.util.ArrayList<>();
        for (String line : docs.lines().toList()) {
            questions.add(JSON.readTree(line).path("question").asText());
        }
        return BuiltInCpuRunner.withEngine(folder, "eval-direct-work", engine -> {
            InferenceSession session = new EngineSession(engine, "bench/model", "", Map.of());
            session.logLikelihood("Question: warm\nAnswer:", " up");
            long start = System.nanoTime();
            for (String question : questions) {
                for (String choice : CHOICES) {
                    session.logLikelihood("Question: " + question + "\nAnswer:", " " + choice);
                }
            }
            return questions.size() / ((System.nanoTime() - start) / 1e9);
        });
    }
}
