package dev.stoa.plugins.cpurunner;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Applies a PEFT LoRA adapter to a copy of its base model's weights: {@code W' = W + s·B·A} with {@code s =
 * lora_alpha / r} ({@code lora_alpha / √r} with {@code use_rslora}), for every adapted linear layer, tensor by
 * tensor, so only one weight matrix is in memory at a time.
 */
final class LoraMerge {

    private static final String PEFT_PREFIX = "base_model.model.";

    private LoraMerge() {
    }

    static Path merge(Path base, Path adapter, Path out) throws IOException {
        JsonNode config = Safetensors.JSON.readTree(adapter.resolve("adapter_config.json").toFile());
        int rank = config.path("r").asInt(0);
        if (rank <= 0) {
            throw new IOException("adapter_config.json has no rank r");
        }
        double alpha = config.path("lora_alpha").asDouble(rank);
        double scale = config.path("use_rslora").asBoolean(false) ? alpha / Math.sqrt(rank) : alpha / rank;
        Path weights = adapter.resolve("adapter_model.safetensors");
        if (!Files.exists(weights)) {
            throw new IOException("the adapter has no adapter_model.safetensors");
        }
        Files.createDirectories(out);
        try (FileChannel factors = Safetensors.open(weights); Stream<Path> files = Files.list(base)) {
            Map<String, Safetensors.Entry> loras = Safetensors.entries(factors);
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".safetensors")) {
                    mergeFile(file, out.resolve(name), factors, loras, (float) scale);
                } else {
                    Files.copy(file, out.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return out;
    }

    private static void mergeFile(Path source, Path target, FileChannel factors, Map<String, Safetensors.Entry> loras,
            float scale) throws IOException {
        try (FileChannel in = Safetensors.open(source);
                FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            Map<String, Safetensors.Entry> entries = Safetensors.entries(in);
            long dataStart = entries.values().stream().mapToLong(Safetensors.Entry::begin).min().orElse(in.size());
            // The header is unchanged: merging keeps every tensor's dtype, shape and offsets.
            in.transferTo(0, dataStart, out);
            for (Map.Entry<String, Safetensors.Entry> e : entries.entrySet()) {
                Safetensors.Entry entry = e.getValue();
                String module = e.getKey().endsWith(".weight")
                        ? e.getKey().substring(0, e.getKey().length() - ".weight".length()) : e.getKey();
                Safetensors.Entry a = loras.get(PEFT_PREFIX + module + ".lora_A.weight");
                Safetensors.Entry b = loras.get(PEFT_PREFIX + module + ".lora_B.weight");
                if (a == null || b == null) {
                    in.transferTo(entry.begin(), entry.end() - entry.begin(), out.position(entry.begin()));
                    continue;
                }
                float[] w = Safetensors.read(in, entry);
                addProduct(w, entry.shape(), Safetensors.read(factors, b), b.shape(), Safetensors.read(factors, a),
                        a.shape(), scale);
                ByteBuffer merged = Safetensors.encode(w, entry.dtype());
                out.write(merged, entry.begin());
            }
        }
    }

    /** {@code w += scale · b · a}, with {@code w} [out, in], {@code b} [out, r], {@code a} [r, in]. */
    private static void addProduct(float[] w, int[] wShape, float[] b, int[] bShape, float[] a, int[] aShape, float scale)
            throws IOException {
        int rows = wShape[0];
        int cols = wShape[1];
        int rank = aShape[0];
        if (bShape[0] != rows || bShape[1] != rank || aShape[1] != cols) {
            throw new IOException("LoRA factors of shapes " + java.util.Arrays.toString(bShape) + " and "
                    + java.util.Arrays.toString(aShape) + " do not fit a weight of shape " + java.util.Arrays.toString(wShape));
        }
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < rank; k++) {
                float coefficient = scale * b[r * rank + k];
                if (coefficient == 0) {
                    continue;
                }
                int aRow = k * cols;
                int wRow = r * cols;
                for (int c = 0; c < cols; c++) {
                    w[wRow + c] += coefficient * a[aRow + c];
                }
            }
        }
    }
}
