package dev.stoa.spi.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A tiny decoder-only transformer with random weights, written as a Hugging Face model folder: {@code config.json},
 * {@code model.safetensors}, a small {@code tokenizer.json} (SentencePiece-style BPE with byte fallback, as Llama 2
 * and Mistral ship) and {@code tokenizer_config.json} with a chat template. For testing runners and evaluators
 * without downloading a model: the same seed always gives the same files.
 *
 * <p>{@link #tensors()} holds every weight as the file stores it (rounded to the dtype), so a test can compute an
 * independent reference from the same numbers.
 */
public final class TinyModel {

    /** Vocabulary: three special tokens, 256 byte tokens, the word boundary, printable ASCII, a few merges. */
    private static final String[] MERGES = {"▁ t", "h e", "▁t he", "i n", "▁ a", "e r", "o n", "▁ s", "▁a n", "▁an d"};

    private final String family;
    private final int hidden;
    private final int layers;
    private final int heads;
    private final int kvHeads;
    private final int intermediate;
    private final String dtype;
    private final boolean tiedEmbeddings;
    private final List<String> vocab;
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();

    private TinyModel(String family, int hidden, int layers, int heads, int kvHeads, int intermediate, String dtype,
            boolean tiedEmbeddings, long seed) {
        this.family = family;
        this.hidden = hidden;
        this.layers = layers;
        this.heads = heads;
        this.kvHeads = kvHeads;
        this.intermediate = intermediate;
        this.dtype = dtype;
        this.tiedEmbeddings = tiedEmbeddings;
        this.vocab = buildVocabulary();
        Random random = new Random(seed);
        int headDim = hidden / heads;
        int v = vocab.size();
        put("model.embed_tokens.weight", random, 0.5, v, hidden);
        for (int i = 0; i < layers; i++) {
            String p = "model.layers." + i + ".";
            put(p + "input_layernorm.weight", random, -1, hidden);
            put(p + "self_attn.q_proj.weight", random, 0.3, heads * headDim, hidden);
            put(p + "self_attn.k_proj.weight", random, 0.3, kvHeads * headDim, hidden);
            put(p + "self_attn.v_proj.weight", random, 0.3, kvHeads * headDim, hidden);
            if (family.equals("qwen2")) {
                put(p + "self_attn.q_proj.bias", random, 0.1, heads * headDim);
                put(p + "self_attn.k_proj.bias", random, 0.1, kvHeads * headDim);
                put(p + "self_attn.v_proj.bias", random, 0.1, kvHeads * headDim);
            }
            put(p + "self_attn.o_proj.weight", random, 0.3, hidden, heads * headDim);
            put(p + "post_attention_layernorm.weight", random, -1, hidden);
            put(p + "mlp.gate_proj.weight", random, 0.3, intermediate, hidden);
            put(p + "mlp.up_proj.weight", random, 0.3, intermediate, hidden);
            put(p + "mlp.down_proj.weight", random, 0.3, hidden, intermediate);
        }
        put("model.norm.weight", random, -1, hidden);
        if (!tiedEmbeddings) {
            put("lm_head.weight", random, 0.5, v, hidden);
        }
    }

    /** A Llama-layout model: 2 layers, hidden size 64, 4 heads of 16 (2 key/value heads), F32. */
    public static TinyModel llama(long seed) {
        return of("llama", "F32", seed);
    }

    /**
     * A model of a family ({@code llama}, {@code mistral}, {@code qwen2}) and dtype ({@code F32}, {@code F16},
     * {@code BF16}) at the tiny default size.
     */
    public static TinyModel of(String family, String dtype, long seed) {
        return new TinyModel(family, 64, 2, 4, 2, 128, dtype, family.equals("qwen2"), seed);
    }

    /** A model of a family and dtype with the given sizes (a ~100M-parameter one for benchmarks, say). */
    public static TinyModel sized(String family, String dtype, int hidden, int layers, int heads, int kvHeads,
            int intermediate, long seed) {
        return new TinyModel(family, hidden, layers, heads, kvHeads, intermediate, dtype, false, seed);
    }

    /** Every weight by its safetensors name, as stored. */
    public Map<String, Tensor> tensors() {
        return tensors;
    }

    /** The vocabulary, by token id. */
    public List<String> vocabulary() {
        return vocab;
    }

    private static List<String> buildVocabulary() {
        List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        for (int b = 0; b < 256; b++) {
            tokens.add(String.format("<0x%02X>", b));
        }
        tokens.add("▁");
        for (char c = '!'; c <= '~'; c++) {
            tokens.add(String.valueOf(c));
        }
        for (String merge : MERGES) {
            tokens.add(merge.replace(" ", ""));
        }
        return List.copyOf(tokens);
    }

    /**
     * The token ids of {@code text} as the model's tokenizer encodes it, computed here from its definition rather than
     * by a tokenizer library, so tests can check a runner's tokens and scores independently: the text is prefixed with
     * the word boundary {@code ▁} (which also replaces every space), split into characters (those outside printable
     * ASCII as their UTF-8 bytes), and merged by the merges in their order of priority. No special tokens are added.
     */
    public List<Integer> encode(String text) {
        String normalized = "▁" + text.replace(' ', '▁');
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < normalized.length(); i = normalized.offsetByCodePoints(i, 1)) {
            String c = new String(Character.toChars(normalized.codePointAt(i)));
            if (vocab.indexOf(c) > 2) {
                pieces.add(c);
            } else {
                for (byte b : c.getBytes(StandardCharsets.UTF_8)) {
                    pieces.add(String.format("<0x%02X>", b & 0xff));
                }
            }
        }
        while (true) {
            int best = -1;
            int rank = MERGES.length;
            for (int i = 0; i + 1 < pieces.size(); i++) {
                int r = java.util.Arrays.asList(MERGES).indexOf(pieces.get(i) + " " + pieces.get(i + 1));
                if (r >= 0 && r < rank) {
                    rank = r;
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            pieces.set(best, pieces.get(best) + pieces.remove(best + 1));
        }
        return pieces.stream().map(vocab::indexOf).toList();
    }

    /** The text of token ids (special tokens dropped, byte tokens joined into UTF-8, {@code ▁} as a space). */
    public String decode(List<Integer> ids) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int id : ids) {
            String piece = vocab.get(id);
            if (id <= 2) {
                continue;
            }
            if (piece.matches("<0x[0-9A-F]{2}>")) {
                bytes.write(Integer.parseInt(piece.substring(3, 5), 16));
            } else {
                bytes.writeBytes(piece.replace('▁', ' ').getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The id of the beginning-of-sequence token. */
    public int bosId() {
        return 1;
    }

    /** The id of the end-of-sequence token. */
    public int eosId() {
        return 2;
    }

    /** The model's {@code config.json} values that a forward pass needs. */
    public int hiddenSize() {
        return hidden;
    }

    /** Transformer blocks. */
    public int layers() {
        return layers;
    }

    /** Attention heads. */
    public int heads() {
        return heads;
    }

    /** Key/value heads (grouped-query attention when fewer than {@link #heads()}). */
    public int kvHeads() {
        return kvHeads;
    }

    /** Whether the output layer reuses the input embeddings. */
    public boolean tiedEmbeddings() {
        return tiedEmbeddings;
    }

    /** {@code rms_norm_eps}. */
    public double rmsNormEps() {
        return 1e-5;
    }

    /** {@code rope_theta}. */
    public double ropeTheta() {
        return 10000.0;
    }

    /** The number of parameters. */
    public long parameters() {
        return tensors.values().stream().mapToLong(t -> t.values().length).sum();
    }

    /** Writes the model folder into {@code dir} (created if needed) and returns it. */
    public Path writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), configJson());
        writeSafetensors(dir.resolve("model.safetensors"), tensors, dtype);
        Files.writeString(dir.resolve("tokenizer.json"), tokenizerJson());
        Files.writeString(dir.resolve("tokenizer_config.json"), """
                {"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "add_bos_token": true,
                 "add_eos_token": false, "model_max_length": 128, "tokenizer_class": "LlamaTokenizerFast",
                 "chat_template": "{{ bos_token }}{% for m in messages %}{{ '<|' + m['role'] + '|>' + m['content'] + '</s>' }}{% endfor %}{% if add_generation_prompt %}{{ '<|assistant|>' }}{% endif %}"}
                """);
        return dir;
    }

    /**
     * A LoRA adapter for this model, as PEFT writes one ({@code adapter_config.json}, {@code
     * adapter_model.safetensors}).
     *
     * @param seed    the random seed of its factors
     * @param rank    {@code r}
     * @param alpha   {@code lora_alpha}
     * @param zeroB   whether {@code B} is all zeros (as right after initialisation: the adapter changes nothing)
     * @param targets the projections it adapts ({@code q_proj}, {@code v_proj}, ...)
     */
    public Adapter lora(long seed, int rank, double alpha, boolean zeroB, String... targets) {
        Random random = new Random(seed);
        Map<String, Tensor> factors = new LinkedHashMap<>();
        for (int i = 0; i < layers; i++) {
            for (String target : targets) {
                String module = (target.endsWith("_proj") && List.of("gate_proj", "up_proj", "down_proj").contains(target)
                        ? "mlp." : "self_attn.") + target;
                int[] shape = tensors.get("model.layers." + i + "." + module + ".weight").shape();
                String p = "base_model.model.model.layers." + i + "." + module;
                factors.put(p + ".lora_A.weight", Tensor.random(random, 0.3, "F32", rank, shape[1]));
                factors.put(p + ".lora_B.weight", zeroB ? Tensor.zeros(shape[0], rank)
                        : Tensor.random(random, 0.3, "F32", shape[0], rank));
            }
        }
        return new Adapter(rank, alpha, List.of(targets), factors);
    }

    private String configJson() {
        String architecture = switch (family) {
            case "mistral" -> "MistralForCausalLM";
            case "qwen2" -> "Qwen2ForCausalLM";
            default -> "LlamaForCausalLM";
        };
        String torchDtype = switch (dtype) {
            case "F16" -> "float16";
            case "BF16" -> "bfloat16";
            default -> "float32";
        };
        return "{\"architectures\": [\"" + architecture + "\"], \"model_type\": \"" + family + "\", \"hidden_size\": "
                + hidden + ", \"intermediate_size\": " + intermediate + ", \"num_hidden_layers\": " + layers
                + ", \"num_attention_heads\": " + heads + ", \"num_key_value_heads\": " + kvHeads
                + ", \"vocab_size\": " + vocab.size() + ", \"max_position_embeddings\": 128, \"rms_norm_eps\": "
                + rmsNormEps() + ", \"rope_theta\": " + ropeTheta() + ", \"hidden_act\": \"silu\", \"bos_token_id\": "
                + bosId() + ", \"eos_token_id\": " + eosId() + ", \"tie_word_embeddings\": " + tiedEmbeddings
                + ", \"torch_dtype\": \"" + torchDtype + "\"" + (family.equals("mistral") ? ", \"sliding_window\": 4096" : "")
                + "}";
    }

    private String tokenizerJson() {
        StringBuilder v = new StringBuilder();
        for (int i = 0; i < vocab.size(); i++) {
            v.append(i == 0 ? "" : ", ").append(Json.quote(vocab.get(i))).append(": ").append(i);
        }
        StringBuilder m = new StringBuilder();
        for (int i = 0; i < MERGES.length; i++) {
            m.append(i == 0 ? "" : ", ").append(Json.quote(MERGES[i]));
        }
        return """
                {"version": "1.0", "truncation": null, "padding": null,
                 "added_tokens": [
                  {"id": 0, "content": "<unk>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
                  {"id": 1, "content": "<s>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
                  {"id": 2, "content": "</s>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}],
                 "normalizer": {"type": "Sequence", "normalizers": [{"type": "Prepend", "prepend": "▁"},
                   {"type": "Replace", "pattern": {"String": " "}, "content": "▁"}]},
                 "pre_tokenizer": null,
                 "post_processor": {"type": "TemplateProcessing",
                   "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
                   "pair": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                            {"SpecialToken": {"id": "<s>", "type_id": 1}}, {"Sequence": {"id": "B", "type_id": 1}}],
                   "special_tokens": {"<s>": {"id": "<s>", "ids": [1], "tokens": ["<s>"]}}},
                 "decoder": {"type": "Sequence", "decoders": [{"type": "Replace", "pattern": {"String": "▁"}, "content": " "},
                   {"type": "ByteFallback"}, {"type": "Fuse"}, {"type": "Strip", "content": " ", "start": 1, "stop": 0}]},
                 "model": {"type": "BPE", "dropout": null, "unk_token": "<unk>", "continuing_subword_prefix": null,
                   "end_of_word_suffix": null, "fuse_unk": true, "byte_fallback": true, "ignore_merges": false,
                   "vocab": {%s},
                   "merges": [%s]}}
                """.formatted(v, m);
    }

    private void put(String name, Random random, double scale, int... shape) {
        tensors.put(name, scale < 0 ? Tensor.norm(random, dtype, shape[0]) : Tensor.random(random, scale, dtype, shape));
    }

    /** Writes tensors as one safetensors file in {@code dtype}. */
    static void writeSafetensors(Path file, Map<String, Tensor> tensors, String dtype) throws IOException {
        int width = dtype.equals("F32") ? 4 : 2;
        StringBuilder header = new StringBuilder("{\"__metadata__\": {\"format\": \"pt\"}");
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            long size = (long) e.getValue().values().length * width;
            header.append(", ").append(Json.quote(e.getKey())).append(": {\"dtype\": \"").append(dtype)
                    .append("\", \"shape\": ").append(java.util.Arrays.toString(e.getValue().shape()))
                    .append(", \"data_offsets\": [").append(offset).append(", ").append(offset + size).append("]}");
            offset += size;
        }
        header.append('}');
        while ((header.length() + 8) % 8 != 0) {
            header.append(' ');
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length);
            out.write(length.array());
            out.write(json);
            for (Tensor t : tensors.values()) {
                ByteBuffer data = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
                for (float x : t.values()) {
                    if (data.remaining() < 4) {
                        out.write(data.array(), 0, data.position());
                        data.clear();
                    }
                    switch (dtype) {
                        case "F32" -> data.putFloat(x);
                        case "F16" -> data.putShort(Float.floatToFloat16(x));
                        default -> data.putShort((short) (Float.floatToRawIntBits(x) >>> 16));
                    }
                }
                out.write(data.array(), 0, data.position());
            }
        }
    }

    /**
     * One weight.
     *
     * @param shape  its shape, outermost first (a linear layer's is {@code [out, in]})
     * @param values its values in row-major order, exactly as stored (floats: every stored dtype fits one)
     */
    public record Tensor(int[] shape, float[] values) {

        static Tensor random(Random random, double scale, String dtype, int... shape) {
            int n = 1;
            for (int d : shape) {
                n *= d;
            }
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = round(random.nextGaussian() * scale, dtype);
            }
            return new Tensor(shape, values);
        }

        static Tensor norm(Random random, String dtype, int size) {
            float[] values = new float[size];
            for (int i = 0; i < size; i++) {
                values[i] = round(1 + 0.2 * random.nextGaussian(), dtype);
            }
            return new Tensor(new int[] {size}, values);
        }

        static Tensor zeros(int... shape) {
            int n = 1;
            for (int d : shape) {
                n *= d;
            }
            return new Tensor(shape, new float[n]);
        }

        /** The value at row {@code r}, column {@code c} of a 2-D tensor. */
        public double at(int r, int c) {
            return values[r * shape[1] + c];
        }

        private static float round(double x, String dtype) {
            return switch (dtype) {
                case "F16" -> Float.float16ToFloat(Float.floatToFloat16((float) x));
                // Truncating to the upper 16 bits is what the writer stores; good enough for random weights.
                case "BF16" -> Float.intBitsToFloat(Float.floatToRawIntBits((float) x) & 0xFFFF0000);
                default -> (float) x;
            };
        }
    }

    /**
     * A LoRA adapter of a {@link TinyModel}.
     *
     * @param rank    {@code r}
     * @param alpha   {@code lora_alpha}
     * @param targets the adapted projections
     * @param factors {@code lora_A} ({@code [r, in]}) and {@code lora_B} ({@code [out, r]}) by their PEFT names
     */
    public record Adapter(int rank, double alpha, List<String> targets, Map<String, Tensor> factors) {

        /** Writes the adapter folder, naming {@code baseModel} as its base, into {@code dir} and returns it. */
        public Path writeTo(Path dir, String baseModel) throws IOException {
            Files.createDirectories(dir);
            StringBuilder t = new StringBuilder();
            for (String target : targets) {
                t.append(t.isEmpty() ? "" : ", ").append(Json.quote(target));
            }
            Files.writeString(dir.resolve("adapter_config.json"), "{\"peft_type\": \"LORA\", \"task_type\": \"CAUSAL_LM\","
                    + " \"base_model_name_or_path\": " + Json.quote(baseModel) + ", \"r\": " + rank + ", \"lora_alpha\": "
                    + alpha + ", \"lora_dropout\": 0.0, \"bias\": \"none\", \"fan_in_fan_out\": false,"
                    + " \"target_modules\": [" + t + "], \"modules_to_save\": null}");
            writeSafetensors(dir.resolve("adapter_model.safetensors"), factors, "F32");
            return dir;
        }
    }

    private static final class Json {

        static String quote(String s) {
            StringBuilder b = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            return b.append('"').toString();
        }
    }
}
