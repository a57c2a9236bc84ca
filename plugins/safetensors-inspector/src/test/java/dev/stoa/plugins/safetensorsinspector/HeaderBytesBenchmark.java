package dev.stoa.plugins.safetensorsinspector;

import dev.stoa.spi.CheckContext;
import dev.stoa.spi.CheckResult;
import dev.stoa.spi.Evaluator;
import dev.stoa.spi.RepoKind;
import dev.stoa.spi.Verdict;
import dev.stoa.spi.testkit.InMemoryRevision;
import dev.stoa.spi.testkit.PluginTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue item 6: the bytes the inspector reads on a large sharded model. Four sparse shards of about 1 GiB
 * with ~300 tensors each (a Llama-like layout), checked by {@code format}, then an adapter on all layers
 * checked by {@code adapter-fit} against that base. Runs only with {@code -Dbench}.
 */
@EnabledIfSystemProperty(named = "bench", matches = ".*")
class HeaderBytesBenchmark {

    private static final int SHARDS = 4;
    private static final int LAYERS_PER_SHARD = 33;
    private static final long HIDDEN = 1152;
    private static final long INTERMEDIATE = 3072;
    private static final int RUNS = 20;

    @TempDir
    Path dir;

    @Test
    void formatReadsOnlyHeadersOfAShardedModel() throws IOException {
        InMemoryRevision.Builder builder = InMemoryRevision.builder().model("bench", "big-model");
        StringBuilder weightMap = new StringBuilder();
        List<String> shards = new ArrayList<>();
        long headers = 0;
        int tensorCount = 0;
        for (int shard = 1; shard <= SHARDS; shard++) {
            String name = String.format(Locale.ROOT, "model-%05d-of-%05d.safetensors", shard, SHARDS);
            SafetensorsBytes tensors = SafetensorsBytes.builder().metadata("format", "pt");
            if (shard == 1) {
                tensors.tensor("model.embed_tokens.weight", "BF16", 32000, HIDDEN);
            }
            for (int l = (shard - 1) * LAYERS_PER_SHARD; l < shard * LAYERS_PER_SHARD; l++) {
                String p = "model.layers." + l + ".";
                for (String proj : new String[]{"q_proj", "k_proj", "v_proj", "o_proj"}) {
                    tensors.tensor(p + "self_attn." + proj + ".weight", "BF16", HIDDEN, HIDDEN);
                }
                tensors.tensor(p + "mlp.gate_proj.weight", "BF16", INTERMEDIATE, HIDDEN);
                tensors.tensor(p + "mlp.up_proj.weight", "BF16", INTERMEDIATE, HIDDEN);
                tensors.tensor(p + "mlp.down_proj.weight", "BF16", HIDDEN, INTERMEDIATE);
                tensors.tensor(p + "input_layernorm.weight", "BF16", HIDDEN);
                tensors.tensor(p + "post_attention_layernorm.weight", "BF16", HIDDEN);
            }
            if (shard == SHARDS) {
                tensors.tensor("model.norm.weight", "BF16", HIDDEN);
                tensors.tensor("lm_head.weight", "BF16", 32000, HIDDEN);
            }
            tensorCount += tensorNames(tensors.headerJson()).size();
            for (String tensor : tensorNames(tensors.headerJson())) {
                weightMap.append(weightMap.isEmpty() ? "" : ",").append('"').append(tensor).append("\":\"").append(name).append('"');
            }
            Path file = dir.resolve(name);
            headers += writeSparse(file, tensors);
            builder.lfsFile(name, file);
            shards.add(name);
        }
        builder.file("model.safetensors.index.json", "{\"metadata\":{},\"weight_map\":{" + weightMap + "}}");
        InMemoryRevision base = builder.build();
        Evaluator format = PluginTestKit.load().evaluator("format");

        long[] nanos = new long[RUNS];
        CheckResult result = null;
        for (int run = 0; run < RUNS; run++) {
            base.resetCounters();
            long start = System.nanoTime();
            result = format.evaluate(base, CheckContext.NONE);
            nanos[run] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(nanos);

        System.out.printf(Locale.ROOT, "%n== safetensors-inspector/format on %d shards (%d tensors, %s) ==%n", SHARDS,
                tensorCount, summary(result));
        for (String shard : shards) {
            long size = base.file(shard).orElseThrow().size();
            System.out.printf(Locale.ROOT, "%s: %,d bytes (%.2f GiB), read %,d bytes (%.4f%%), opens %d%n", shard, size,
                    size / (double) (1L << 30), base.bytesRead(shard), 100.0 * base.bytesRead(shard) / size, base.opens(shard));
            assertThat(base.bytesRead(shard)).isLessThan(1_000_000);
        }
        System.out.printf(Locale.ROOT, "index: read %,d bytes; total read %,d bytes (headers %,d)%n",
                base.bytesRead("model.safetensors.index.json"), base.totalBytesRead(), headers);
        System.out.printf(Locale.ROOT, "time per check: median %.2f ms, min %.2f ms, max %.2f ms (%d runs, first included)%n",
                nanos[RUNS / 2] / 1e6, nanos[0] / 1e6, nanos[RUNS - 1] / 1e6, RUNS);
        assertThat(result.verdict()).isEqualTo(Verdict.PASS);

        // An adapter on q_proj and v_proj of every layer, checked against this base.
        SafetensorsBytes lora = SafetensorsBytes.builder();
        for (int l = 0; l < SHARDS * LAYERS_PER_SHARD; l++) {
            for (String proj : new String[]{"q_proj", "v_proj"}) {
                String module = "base_model.model.model.layers." + l + ".self_attn." + proj;
                lora.tensor(module + ".lora_A.weight", "BF16", 16, HIDDEN);
                lora.tensor(module + ".lora_B.weight", "BF16", HIDDEN, 16);
            }
        }
        Path adapterFile = dir.resolve("adapter_model.safetensors");
        writeSparse(adapterFile, lora);
        InMemoryRevision adapter = InMemoryRevision.builder().model("bench", "big-model-lora").kind(RepoKind.ADAPTER)
                .file("adapter_config.json", "{\"peft_type\":\"LORA\",\"r\":16,\"lora_alpha\":32,\"target_modules\":[\"q_proj\",\"v_proj\"]}")
                .lfsFile("adapter_model.safetensors", adapterFile).baseModel(base).build();
        base.resetCounters();
        long start = System.nanoTime();
        CheckResult fit = PluginTestKit.load().evaluator("adapter-fit").evaluate(adapter, CheckContext.NONE);
        long elapsed = System.nanoTime() - start;
        System.out.printf(Locale.ROOT, "%n== safetensors-inspector/adapter-fit: %s; %,d modules checked ==%n", fit.verdict(),
                ((dev.stoa.spi.Metric.Count) fit.metrics().stream().filter(m -> m.name().equals("adapter.modules-checked")).findFirst().orElseThrow()).value());
        System.out.printf(Locale.ROOT, "adapter: read %,d of %,d bytes; base: read %,d bytes over %d shards + index; %.2f ms (one cold run)%n%n",
                adapter.bytesRead("adapter_model.safetensors"), adapter.file("adapter_model.safetensors").orElseThrow().size(),
                base.totalBytesRead(), SHARDS, elapsed / 1e6);
        assertThat(fit.verdict()).isEqualTo(Verdict.PASS);
    }

    /** Writes the header and makes the file as long as its data section without writing it (a sparse file). */
    private static long writeSparse(Path file, SafetensorsBytes tensors) throws IOException {
        byte[] header = tensors.headerJson().getBytes(StandardCharsets.UTF_8);
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.write(SafetensorsBytes.length(header.length));
            out.write(header);
            out.setLength(8 + header.length + tensors.dataSize());
        }
        return 8 + header.length;
    }

    private static List<String> tensorNames(String json) {
        List<String> names = new ArrayList<>();
        var matcher = java.util.regex.Pattern.compile("\"([^\"]+)\":\\{\"dtype\"").matcher(json);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static String summary(CheckResult result) {
        return result.metrics().stream().filter(m -> m.name().equals("params.total")).findFirst().map(Object::toString).orElse("");
    }
}
