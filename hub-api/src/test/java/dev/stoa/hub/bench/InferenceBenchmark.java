package dev.stoa.hub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoa.hub.repo.TestRepos;
import dev.stoa.hub.testing.StoaProcess;
import dev.stoa.spi.inference.CompletionRequest;
import dev.stoa.spi.inference.LocalEngine;
import dev.stoa.spi.testkit.TinyModel;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The CPU runner through the OpenAI-compatible gateway beside the same engine called directly in one JVM (the
 * built-in plugin jar loaded here, on the same files): greedy tokens per second and time to the first streamed
 * token, on the test kit's tiny model and on a ~100M-parameter random Llama. Then downloads of an LFS file while two
 * clients keep the runner busy, beside the same downloads with the runner idle. Run with
 * {@code ./mvnw -B verify -Pbench -Dit.test=InferenceBenchmark}; options {@code -Dbench.inference.tokens} (tokens per
 * completion) and {@code -Dbench.inference.runs} (completions per figure).
 */
public class InferenceBenchmark {

    static final int TOKENS = Integer.getInteger("bench.inference.tokens", 64);
    static final int RUNS = Integer.getInteger("bench.inference.runs", 5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROMPT = "the cat and";

    /** Tokens per second of whole completions, and milliseconds to the first streamed text, medians. */
    record Figures(double tokensPerSecond, double firstTokenMillis) {
    }

    @Test
    void cpuRunnerThroughTheGatewayBesideTheEngineCalledDirectly() throws Exception {
        Map<String, TinyModel> models = new java.util.LinkedHashMap<>();
        models.put("tiny", TinyModel.llama(1));
        models.put("~100M", TinyModel.sized("llama", "F32", 768, 12, 12, 12, 3072, 2));
        Map<String, Path> folders = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, TinyModel> m : models.entrySet()) {
            folders.put(m.getKey(), m.getValue().writeTo(TransferBenchmark.fresh("inference-" + m.getKey().replace("~", ""))));
            System.out.printf("model %s: %,d parameters%n", m.getKey(), m.getValue().parameters());
        }
        models.clear(); // the weights are on disk; free the heap before Stoa and the engine load them

        Map<String, Figures> gateway = new java.util.LinkedHashMap<>();
        double[] overhead;
        double idle;
        double busy;
        try (StoaProcess stoa = StoaProcess.start(TransferBenchmark.fresh("inference-stoa"), env()).awaitReady()) {
            BenchClient client = new BenchClient(stoa.baseUri(), TransferBenchmark.ADMIN_TOKEN);
            Map<String, String> repos = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, Path> f : folders.entrySet()) {
                repos.put(f.getKey(), client.publishFolder("model-" + f.getKey().replace("~", ""), f.getValue()));
            }
            String tinyRepo = repos.get("tiny");
            completeThroughGateway(client, tinyRepo, false); // loads the model
            overhead = new double[] {median(repeat(() -> timedGet(client, "/v1/models"))),
                    median(repeat(() -> timedGet(client, "/api/models/" + tinyRepo))),
                    median(repeat(() -> completeThroughGateway(client, tinyRepo, false, 1)[2]))};
            for (Map.Entry<String, String> r : repos.entrySet()) {
                completeThroughGateway(client, r.getValue(), false); // loads the model
                gateway.put(r.getKey(), measure(() -> completeThroughGateway(client, r.getValue(), false),
                        () -> completeThroughGateway(client, r.getValue(), true)));
            }
            String files = client.createRepo("downloads");
            BenchFiles.BenchFile file = BenchFiles.random(TransferBenchmark.fresh("inference-file").resolve("blob.bin"),
                    64L << 20);
            client.lfsUpload(files, file.path(), file.size(), file.sha256());
            client.commit(files, TestRepos.ndjson("weights").lfsFile("blob.bin", file.sha256(), file.size()).toString());
            idle = downloads(client, files, file.size());
            busy = whileBusy(client, repos.get("~100M"), () -> downloads(client, files, file.size()));
            stoa.stop();
        }

        BenchTable rate = new BenchTable("CPU runner, greedy completions of " + TOKENS + " tokens: through the gateway"
                + " (baseline: the engine called directly in one JVM)", "tokens/s", true);
        BenchTable first = new BenchTable("Time to the first streamed token", "ms", false);
        for (Map.Entry<String, Path> f : folders.entrySet()) {
            Figures direct = direct(f.getValue());
            rate.row(f.getKey() + " model", gateway.get(f.getKey()).tokensPerSecond(), "engine", direct.tokensPerSecond());
            first.row(f.getKey() + " model", gateway.get(f.getKey()).firstTokenMillis(), "engine", direct.firstTokenMillis());
        }
        BenchTable downloads = new BenchTable("Downloads of a 64 MiB LFS file while two clients keep the CPU runner busy"
                + " (baseline: the runner idle)", "MiB/s", true);
        downloads.row("busy runner", busy, "idle runner", idle);
        BenchTable requests = new BenchTable("One request's time on the tiny model: a one-token completion (baseline:"
                + " model_info of the same repository; GET /v1/models took " + String.format("%.2f", overhead[0]) + " ms)",
                "ms", false);
        requests.row("completion, max_tokens 1", overhead[2], "model_info", overhead[1]);
        System.out.println(rate.render() + first.render() + downloads.render() + requests.render());
    }

    /**
     * Streamed completions of a ~100M-parameter model through the gateway, forwarded to a second Stoa serving it with
     * the CPU runner (an external model), beside the same requests sent to that upstream directly, alternating.
     */
    @Test
    void streamingThroughTheGatewayBesideTheUpstreamDirectly() throws Exception {
        Path folder = TinyModel.sized("llama", "F32", 768, 12, 12, 12, 3072, 2)
                .writeTo(TransferBenchmark.fresh("inference-upstream-model"));
        Map<String, String> gatewayEnv = new java.util.HashMap<>(env());
        gatewayEnv.put("JAVA_TOOL_OPTIONS", "-Xmx512m");
        try (StoaProcess upstream = StoaProcess.start(TransferBenchmark.fresh("inference-upstream"), env()).awaitReady();
             StoaProcess gateway = StoaProcess.start(TransferBenchmark.fresh("inference-gateway"), gatewayEnv).awaitReady()) {
            BenchClient direct = new BenchClient(upstream.baseUri(), TransferBenchmark.ADMIN_TOKEN);
            BenchClient through = new BenchClient(gateway.baseUri(), TransferBenchmark.ADMIN_TOKEN);
            String model = direct.publishFolder("upstream-100m", folder);
            String registration = JSON.createObjectNode().put("provider", "Upstream Stoa")
                    .put("baseUrl", upstream.baseUri().resolve("/v1").toString()).put("model", model)
                    .put("apiKey", TransferBenchmark.ADMIN_TOKEN).toString();
            HttpResponse<String> put = through.http().send(through.request("/api/v1/external-models/upstream")
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(registration))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (put.statusCode() / 100 != 2) {
                throw new IllegalStateException("registering the external model answered " + put.statusCode());
            }
            completeThroughGateway(direct, model, true); // loads the model upstream
            completeThroughGateway(through, "external/upstream", true); // the gateway checks the upstream once
            double[] directRates = new double[RUNS];
            double[] throughRates = new double[RUNS];
            double[] directFirst = new double[RUNS];
            double[] throughFirst = new double[RUNS];
            for (int i = 0; i < RUNS; i++) {
                double[] d = completeThroughGateway(direct, model, true);
                double[] t = completeThroughGateway(through, "external/upstream", true);
                directRates[i] = d[0] / (d[2] / 1000);
                throughRates[i] = t[0] / (t[2] / 1000);
                directFirst[i] = d[1];
                throughFirst[i] = t[1];
            }
            BenchTable rate = new BenchTable("Streamed greedy completions of " + TOKENS + " tokens, ~100M model on a"
                    + " second Stoa: through the gateway as an external model (baseline: that upstream called directly)",
                    "tokens/s", true);
            rate.row("through the gateway", median(throughRates), "upstream directly", median(directRates));
            BenchTable first = new BenchTable("Time to the first streamed token, same requests", "ms", false);
            first.row("through the gateway", median(throughFirst), "upstream directly", median(directFirst));
            System.out.println(rate.render() + first.render());
        }
    }

    private static Map<String, String> env() {
        Map<String, String> env = new java.util.HashMap<>(TransferBenchmark.stoaEnv());
        env.put("JAVA_TOOL_OPTIONS", "-Xmx1g");
        env.put("STOA_INFERENCE_QUEUE_TIMEOUT", "PT5M");
        return env;
    }

    private interface Timed {
        /** Runs one completion; returns {tokens generated, milliseconds to the first text (streaming), total ms}. */
        double[] run() throws Exception;
    }

    private static Figures measure(Timed whole, Timed streamed) throws Exception {
        double[] rates = new double[RUNS];
        double[] firsts = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            double[] w = whole.run();
            rates[i] = w[0] / (w[2] / 1000);
            firsts[i] = streamed.run()[1];
        }
        return new Figures(median(rates), median(firsts));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double[] repeat(Measurement measurement) throws Exception {
        double[] values = new double[21];
        for (int i = 0; i < values.length; i++) {
            values[i] = measurement.run();
        }
        return values;
    }

    private static double timedGet(BenchClient client, String path) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = client.http().send(client.request(path).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode());
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static double[] completeThroughGateway(BenchClient client, String model, boolean stream) throws Exception {
        return completeThroughGateway(client, model, stream, TOKENS);
    }

    private static double[] completeThroughGateway(BenchClient client, String model, boolean stream, int maxTokens)
            throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode completion = JSON.createObjectNode().put("model", model)
                .put("prompt", PROMPT).put("max_tokens", maxTokens).put("temperature", 0).put("stream", stream);
        if (stream) {
            completion.putObject("stream_options").put("include_usage", true);
        }
        String body = completion.toString();
        HttpRequest request = client.request("/v1/completions").timeout(Duration.ofMinutes(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        HttpResponse<InputStream> response = client.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the gateway answered " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        double firstMillis = -1;
        int tokens = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            if (!stream) {
                tokens = JSON.readTree(lines).path("usage").path("completion_tokens").asInt();
            } else {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("data: {")) {
                        JsonNode chunk = JSON.readTree(line.substring(6));
                        if (firstMillis < 0 && !chunk.path("choices").path(0).path("text").asText().isEmpty()) {
                            firstMillis = (System.nanoTime() - start) / 1e6;
                        }
                        tokens = Math.max(tokens, chunk.path("usage").path("completion_tokens").asInt(0));
                    }
                }
            }
        }
        return new double[] {tokens, firstMillis, (System.nanoTime() - start) / 1e6};
    }

    /** The same completions on the built-in plugin jar loaded in this JVM, deployed on the same folder. */
    private static Figures direct(Path folder) throws Exception {
        return BuiltInCpuRunner.withEngine(folder, "inference-direct-work", engine -> {
            CompletionRequest request = CompletionRequest.greedy(PROMPT, TOKENS);
            engine.complete(request, LocalEngine.TextListener.NONE);
            return measure(() -> {
                long start = System.nanoTime();
                dev.stoa.spi.inference.Completion c = engine.complete(request, LocalEngine.TextListener.NONE);
                return new double[] {c.tokens().size(), -1, (System.nanoTime() - start) / 1e6};
            }, () -> {
                long start = System.nanoTime();
                double[] first = {-1};
                engine.complete(request, text -> {
                    if (first[0] < 0) {
                        first[0] = (System.nanoTime() - start) / 1e6;
                    }
                });
                return new double[] {0, first[0], (System.nanoTime() - start) / 1e6};
            });
        });
    }

    private static double downloads(BenchClient client, String repo, long size) {
        int count = 5;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            client.download("/" + repo + "/resolve/main/blob.bin");
        }
        return count * size / (1024.0 * 1024.0) / ((System.nanoTime() - start) / 1e9);
    }

    private interface Measurement {
        double run() throws Exception;
    }

    /** Runs {@code measurement} while two clients stream completions from {@code model} without pause. */
    private static double whileBusy(BenchClient client, String model, Measurement measurement) throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        List<Future<Integer>> load = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(2)) {
            for (int c = 0; c < 2; c++) {
                load.add(clients.submit(() -> {
                    int completions = 0;
                    while (!done.get()) {
                        completeThroughGateway(client, model, true);
                        completions++;
                    }
                    return completions;
                }));
            }
            Thread.sleep(1000);
            try {
                return measurement.run();
            } finally {
                done.set(true);
                for (Future<Integer> f : load) {
                    System.out.println("completions during the downloads: " + f.get());
                }
            }
        }
    }
}
