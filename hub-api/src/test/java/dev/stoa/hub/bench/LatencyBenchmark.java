package dev.stoa.hub.bench;

import dev.stoa.hub.testing.StoaProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Latency of the calls every client makes before a download — resolve HEAD and model_info — on a repository
 * with 2,000 files under 100 concurrent clients, beside nginx answering HEAD for a static file under the same
 * load. Run with {@code ./mvnw -B verify -Pbench}.
 */
class LatencyBenchmark {

    static final int FILES = Integer.getInteger("bench.latency.files", 2000);
    static final int CLIENTS = Integer.getInteger("bench.latency.clients", 100);
    static final Duration DURATION = Duration.ofSeconds(Long.getLong("bench.latency.seconds", 15));
    static final Duration WARM_UP = Duration.ofSeconds(5);

    /** Latencies of one load run, in microseconds, and how many requests failed. */
    record Run(long[] micros, long errors, double seconds) {
        double percentile(double p) {
            return micros.length == 0 ? Double.NaN : micros[(int) Math.min(micros.length - 1, Math.ceil(p * micros.length) - 1)] / 1000.0;
        }

        double perSecond() {
            return micros.length / seconds;
        }
    }

    @Test
    void resolveHeadAndModelInfo() throws IOException {
        BenchTable table = new BenchTable("Latency, " + FILES + " files, " + CLIENTS + " concurrent clients, "
                + DURATION.toSeconds() + " s each", "ms", false);
        StringBuilder rates = new StringBuilder();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        Path static_ = TransferBenchmark.fresh("static");
        Files.writeString(static_.resolve("config.json"), "{\"model_type\":\"bench\"}");
        Run nginxHead;
        Run nginxAlone;
        try (Nginx nginx = Nginx.serve(static_, TransferBenchmark.fresh("nginx-latency"))) {
            URI uri = nginx.uri("config.json");
            load(http, i -> head(uri, null), WARM_UP);
            nginxHead = load(http, i -> head(uri, null), DURATION);
            nginxAlone = load(http, i -> head(uri, null), DURATION, 1);
        }
        try (StoaProcess stoa = StoaProcess.start(TransferBenchmark.fresh("stoa-latency"), TransferBenchmark.stoaEnv()).awaitReady()) {
            BenchClient client = new BenchClient(stoa.baseUri(), TransferBenchmark.ADMIN_TOKEN);
            String repo = client.createRepo("latency-" + java.util.UUID.randomUUID().toString().substring(0, 8));
            client.commit(repo, manyFiles());
            IntFunction<HttpRequest> resolveHead = i -> head(client.uri("/" + repo + "/resolve/main/" + path(i)), null);
            IntFunction<HttpRequest> modelInfo = i -> HttpRequest.newBuilder(client.uri("/api/models/" + repo)).GET().build();
            load(http, resolveHead, WARM_UP);
            Run head = load(http, resolveHead, DURATION);
            load(http, modelInfo, WARM_UP);
            Run info = load(http, modelInfo, DURATION);
            table.row("resolve HEAD p50", head.percentile(0.50), "nginx HEAD p50", nginxHead.percentile(0.50));
            table.row("resolve HEAD p99", head.percentile(0.99), "nginx HEAD p99", nginxHead.percentile(0.99));
            table.row("model_info p50", info.percentile(0.50), "nginx HEAD p50", nginxHead.percentile(0.50));
            table.row("model_info p99", info.percentile(0.99), "nginx HEAD p99", nginxHead.percentile(0.99));
            // The same calls from one client at a time: the service time, without queueing on 2 shared cores.
            Run headAlone = load(http, resolveHead, DURATION, 1);
            Run infoAlone = load(http, modelInfo, DURATION, 1);
            table.row("resolve HEAD p50, 1 client", headAlone.percentile(0.50), "nginx HEAD p50, 1 client", nginxAlone.percentile(0.50));
            table.row("resolve HEAD p99, 1 client", headAlone.percentile(0.99), "nginx HEAD p99, 1 client", nginxAlone.percentile(0.99));
            table.row("model_info p50, 1 client", infoAlone.percentile(0.50), "nginx HEAD p50, 1 client", nginxAlone.percentile(0.50));
            table.row("model_info p99, 1 client", infoAlone.percentile(0.99), "nginx HEAD p99, 1 client", nginxAlone.percentile(0.99));
            rates.append(String.format("%nrequests/s: resolve HEAD %.0f (%d errors), model_info %.0f (%d errors), nginx HEAD %.0f (%d errors)%n",
                    head.perSecond(), head.errors(), info.perSecond(), info.errors(), nginxHead.perSecond(), nginxHead.errors()));
        }
        System.out.println(table.render() + rates);
    }

    private static String path(int i) {
        return "shard-" + (i % 20) + "/file-" + (i % FILES) + ".json";
    }

    static String manyFiles() {
        StringBuilder body = new StringBuilder("{\"key\":\"header\",\"value\":{\"summary\":\"" + FILES + " files\"}}\n");
        for (int i = 0; i < FILES; i++) {
            String content = Base64.getEncoder().encodeToString(("{\"index\":" + i + "}").getBytes());
            body.append("{\"key\":\"file\",\"value\":{\"path\":\"").append(path(i))
                    .append("\",\"content\":\"").append(content).append("\",\"encoding\":\"base64\"}}\n");
        }
        return body.toString();
    }

    private static HttpRequest head(URI uri, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10));
        return token == null ? request.build() : request.header("Authorization", "Bearer " + token).build();
    }

    /** {@link #CLIENTS} clients, each sending requests one after the other for {@code duration}. */
    private static Run load(HttpClient http, IntFunction<HttpRequest> requests, Duration duration) {
        return load(http, requests, duration, CLIENTS);
    }

    static Run load(HttpClient http, IntFunction<HttpRequest> requests, Duration duration, int clientCount) {
        ConcurrentLinkedQueue<long[]> perClient = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clientCount; c++) {
                clients.submit(() -> {
                    List<Long> latencies = new ArrayList<>();
                    while (System.nanoTime() < end) {
                        HttpRequest request = requests.apply(ThreadLocalRandom.current().nextInt(FILES));
                        long sent = System.nanoTime();
                        try {
                            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                            if (response.statusCode() >= 400) {
                                errors.incrementAndGet();
                            }
                            latencies.add((System.nanoTime() - sent) / 1000);
                        } catch (IOException | InterruptedException e) {
                            errors.incrementAndGet();
                        }
                    }
                    perClient.add(latencies.stream().mapToLong(Long::longValue).toArray());
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = perClient.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Run(all, errors.get(), seconds);
    }
}
