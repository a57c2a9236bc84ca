package dev.stoa.hub.bench;

import dev.stoa.hub.bench.BenchFiles.BenchFile;
import dev.stoa.hub.testing.StoaProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stoa's heap while a 5 GiB LFS file streams through it (local store: Stoa receives the bytes itself), read from
 * its own metrics every 100 ms, beside the heap of the same process at rest. Stoa runs with a 512 MiB heap, so a
 * server that buffered the file could not finish. Run with {@code ./mvnw -B verify -Pbench}.
 */
class HeapBenchmark {

    static final long SIZE = Long.getLong("bench.heap.bytes", 5L << 30);
    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.eE+]+)$", Pattern.MULTILINE);

    @Test
    void heapStaysFlatDuringALargeUpload() throws Exception {
        BenchFile file = BenchFiles.random(TransferBenchmark.WORK.resolve("files").resolve("heap.bin"), SIZE);
        HttpClient http = HttpClient.newHttpClient();
        try (StoaProcess stoa = StoaProcess.start(TransferBenchmark.fresh("stoa-heap"), TransferBenchmark.stoaEnv()).awaitReady()) {
            URI metrics = stoa.baseUri().resolve("/q/metrics");
            BenchClient client = new BenchClient(stoa.baseUri(), TransferBenchmark.ADMIN_TOKEN);
            String repo = client.createRepo("heap-" + java.util.UUID.randomUUID().toString().substring(0, 8));
            long atRest = 0;
            for (int i = 0; i < 20; i++) {
                atRest = Math.max(atRest, heap(http, metrics));
                Thread.sleep(100);
            }
            AtomicBoolean done = new AtomicBoolean();
            AtomicLong peak = new AtomicLong();
            CompletableFuture<Void> sampler = CompletableFuture.runAsync(() -> {
                while (!done.get()) {
                    peak.accumulateAndGet(heap(http, metrics), Math::max);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            long start = System.nanoTime();
            client.lfsUpload(repo, file.path(), file.size(), file.sha256());
            double seconds = (System.nanoTime() - start) / 1e9;
            done.set(true);
            sampler.join();
            System.out.printf("%n## Heap during a %d MiB upload (local store, -Xmx512m)%n%n"
                            + "| measurement | MiB |%n|---|---|%n| heap used at rest (peak of 2 s) | %d |%n"
                            + "| heap used during the upload (peak) | %d |%n| upload throughput (MiB/s) | %.0f |%n"
                            + "%nratio peak-during / peak-at-rest = %.2f%n",
                    SIZE >> 20, atRest >> 20, peak.get() >> 20, (SIZE >> 20) / seconds, (double) peak.get() / atRest);
            assertThat(peak.get()).isPositive();
        }
    }

    /** The sum of the heap pools' used bytes as Stoa's Prometheus endpoint reports them. */
    private static long heap(HttpClient http, URI metrics) {
        try {
            String text = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher matcher = HEAP.matcher(text);
            double total = 0;
            while (matcher.find()) {
                total += Double.parseDouble(matcher.group(1));
            }
            return (long) total;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
