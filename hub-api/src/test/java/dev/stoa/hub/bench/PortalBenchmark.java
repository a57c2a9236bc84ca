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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * How fast the portal's pages are rendered: the home page, a search, a repository's card page and a folder of
 * 100 files in a repository of 2,000, each asked for by 1 and by 10 clients at a time, beside nginx serving the
 * very same HTML (saved from Stoa in this run) as static files. Run with {@code ./mvnw -B verify -Pbench}.
 */
class PortalBenchmark {

    static final Duration DURATION = Duration.ofSeconds(Long.getLong("bench.portal.seconds", 10));
    static final Duration WARM_UP = Duration.ofSeconds(3);

    @Test
    void pages() throws IOException, InterruptedException {
        BenchTable table = new BenchTable("Portal pages, " + DURATION.toSeconds() + " s each", "ms", false);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        Path saved = TransferBenchmark.fresh("portal-static");
        Map<String, LatencyBenchmark.Run> stoaRuns = new LinkedHashMap<>();
        Map<String, String> files = new LinkedHashMap<>();
        try (StoaProcess stoa = StoaProcess.start(TransferBenchmark.fresh("stoa-portal"), TransferBenchmark.stoaEnv()).awaitReady()) {
            BenchClient client = new BenchClient(stoa.baseUri(), TransferBenchmark.ADMIN_TOKEN);
            String repo = client.createRepo("portal-" + java.util.UUID.randomUUID().toString().substring(0, 8));
            client.commit(repo, LatencyBenchmark.manyFiles());
            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("home page", "/");
            pages.put("search", "/models?search=portal");
            pages.put("repository card", "/" + repo);
            pages.put("folder of 100 files", "/" + repo + "/tree/main/shard-1");
            int n = 0;
            for (Map.Entry<String, String> page : pages.entrySet()) {
                URI uri = client.uri(page.getValue());
                HttpResponse<String> html = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (html.statusCode() != 200) {
                    throw new IllegalStateException(page.getValue() + " answered " + html.statusCode());
                }
                String file = "page-" + (n++) + ".html";
                Files.writeString(saved.resolve(file), html.body());
                files.put(page.getKey(), file);
                LatencyBenchmark.load(http, i -> get(uri), WARM_UP, 10);
                stoaRuns.put(page.getKey() + ", 1 client", LatencyBenchmark.load(http, i -> get(uri), DURATION, 1));
                stoaRuns.put(page.getKey() + ", 10 clients", LatencyBenchmark.load(http, i -> get(uri), DURATION, 10));
            }
        }
        try (Nginx nginx = Nginx.serve(saved, TransferBenchmark.fresh("nginx-portal"))) {
            for (Map.Entry<String, String> page : files.entrySet()) {
                URI uri = nginx.uri(page.getValue());
                LatencyBenchmark.load(http, i -> get(uri), WARM_UP, 10);
                for (int clients : new int[] {1, 10}) {
                    String what = page.getKey() + ", " + clients + (clients == 1 ? " client" : " clients");
                    LatencyBenchmark.Run baseline = LatencyBenchmark.load(http, i -> get(uri), DURATION, clients);
                    LatencyBenchmark.Run stoa = stoaRuns.get(what);
                    table.row(what + " p50", stoa.percentile(0.50), "nginx, same HTML, p50", baseline.percentile(0.50));
                    table.row(what + " p99", stoa.percentile(0.99), "nginx, same HTML, p99", baseline.percentile(0.99));
                }
            }
        }
        System.out.println(table.render());
    }

    private static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).GET().timeout(Duration.ofSeconds(10)).build();
    }
}
