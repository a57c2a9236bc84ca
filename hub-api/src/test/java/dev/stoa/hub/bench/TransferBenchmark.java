package dev.stoa.hub.bench;

import dev.stoa.hub.bench.BenchFiles.BenchFile;
import dev.stoa.hub.storage.LocalObjectStore;
import dev.stoa.hub.storage.ObjectStore;
import dev.stoa.hub.storage.S3ObjectStore;
import dev.stoa.hub.storage.TestS3Settings;
import dev.stoa.hub.testing.S3ProxyProcess;
import dev.stoa.hub.testing.StoaProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upload and download of a 2 GiB LFS file through Stoa, beside put/get of the same bytes directly on the same
 * object store, and beside nginx serving the file from disk. Run with {@code ./mvnw -B verify -Pbench}.
 */
class TransferBenchmark {

    static final long SIZE = Long.getLong("bench.transfer.bytes", 2L << 30);
    static final int RUNS = Integer.getInteger("bench.runs", 2);
    static final String ADMIN_TOKEN = "stoa_BenchAdminToken000000000000000000000";
    static final Path WORK = Path.of("target", "bench");

    @Test
    void transfers() throws IOException {
        // Stoa stores a blob once and skips uploads of content it holds, so each timed upload needs its own file.
        java.util.List<BenchFile> files = new java.util.ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            files.add(BenchFiles.random(WORK.resolve("files").resolve("transfer-" + i + ".bin"), SIZE + i));
        }
        BenchFile file = files.get(0);
        BenchTable table = new BenchTable("Transfer of a " + mib(SIZE) + " MiB LFS file (best of " + RUNS + ")", "MiB/s", true);
        Map<String, String> env = stoaEnv();
        try (StoaProcess stoa = StoaProcess.start(fresh("stoa-local"), env).awaitReady();
             LocalObjectStore raw = new LocalObjectStore(fresh("raw-local").resolve("objects"))) {
            measure(table, "local store", new BenchClient(stoa.baseUri(), ADMIN_TOKEN), raw, files);
        }
        try (S3ProxyProcess s3 = S3ProxyProcess.start(fresh("s3proxy"))) {
            Map<String, String> s3env = new HashMap<>(env);
            s3env.putAll(s3.stoaSettings("stoa-bench"));
            try (StoaProcess stoa = StoaProcess.start(fresh("stoa-s3"), s3env).awaitReady();
                 S3ObjectStore raw = new S3ObjectStore(TestS3Settings.of(s3.endpoint(), s3.accessKey(), s3.secretKey(), "raw-bench"))) {
                raw.checkReady();
                measure(table, "S3 (S3Proxy)", new BenchClient(stoa.baseUri(), ADMIN_TOKEN), raw, files);
            }
        }
        try (Nginx nginx = Nginx.serve(file.path().getParent(), fresh("nginx"))) {
            BenchClient client = new BenchClient(nginx.uri(""), "none");
            double nginxGet = best(() -> timed(SIZE, () -> client.download(nginx.uri(file.path().getFileName().toString()).toString())));
            table.row("nginx GET (static file server)", nginxGet, "raw disk read", best(() -> timed(SIZE, () -> readFile(file.path()))));
            lastDownload.forEach((store, value) -> table.row("Stoa download, " + store + " vs nginx", value, "nginx GET", nginxGet));
        }
        System.out.println(table.render());
    }

    private final Map<String, Double> lastDownload = new java.util.LinkedHashMap<>();

    private void measure(BenchTable table, String store, BenchClient stoa, ObjectStore raw, java.util.List<BenchFile> files) {
        BenchFile file = files.get(0);
        double put = best(() -> timed(SIZE, () -> {
            String key = "bench/" + UUID.randomUUID();
            try (InputStream in = Files.newInputStream(file.path())) {
                raw.put(key, in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            raw.delete(key);
        }));
        String key = "bench/read";
        try (InputStream in = Files.newInputStream(file.path())) {
            raw.put(key, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double get = best(() -> timed(SIZE, () -> {
            try (InputStream in = raw.get(key)) {
                BenchFiles.drain(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
        raw.delete(key);
        String repo = stoa.createRepo("bench-" + UUID.randomUUID().toString().substring(0, 8));
        java.util.Iterator<BenchFile> uploads = files.iterator();
        double upload = best(() -> timed(SIZE, () -> {
            BenchFile next = uploads.next();
            stoa.lfsUpload(repo, next.path(), next.size(), next.sha256());
        }));
        stoa.commit(repo, "{\"key\":\"header\",\"value\":{\"summary\":\"weights\"}}\n"
                + "{\"key\":\"lfsFile\",\"value\":{\"path\":\"model.safetensors\",\"algo\":\"sha256\",\"oid\":\""
                + file.sha256() + "\",\"size\":" + file.size() + "}}\n");
        double download = best(() -> timed(SIZE, () -> {
            long bytes = stoa.download("/" + repo + "/resolve/main/model.safetensors");
            assertThat(bytes).isEqualTo(SIZE);
        }));
        table.row("upload incl. verification, " + store, upload, "direct put on the store", put);
        table.row("download (resolve), " + store, download, "direct get on the store", get);
        lastDownload.put(store, download);
    }

    private static long readFile(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return BenchFiles.drain(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> stoaEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("STOA_ADMIN_TOKEN", ADMIN_TOKEN);
        env.put("STOA_ADMIN_PASSWORD", "bench-password-" + UUID.randomUUID());
        env.put("JAVA_TOOL_OPTIONS", "-Xmx512m");
        return env;
    }

    static Path fresh(String name) {
        try {
            Path dir = WORK.resolve(name);
            if (Files.exists(dir)) {
                try (var walk = Files.walk(dir)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** MiB/s of one run of {@code action} that moves {@code bytes}. */
    static double timed(long bytes, Runnable action) {
        long start = System.nanoTime();
        action.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        return bytes / (1024.0 * 1024.0) / seconds;
    }

    static double best(Supplier<Double> run) {
        double best = 0;
        for (int i = 0; i < RUNS; i++) {
            best = Math.max(best, run.get());
        }
        return best;
    }

    static long mib(long bytes) {
        return bytes >> 20;
    }
}
