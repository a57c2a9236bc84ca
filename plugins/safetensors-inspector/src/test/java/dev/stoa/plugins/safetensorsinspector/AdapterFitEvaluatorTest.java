package dev.stoa.plugins.safetensorsinspector;

import dev.stoa.spi.CheckContext;
import dev.stoa.spi.CheckResult;
import dev.stoa.spi.Evaluator;
import dev.stoa.spi.RepoKind;
import dev.stoa.spi.Severity;
import dev.stoa.spi.Verdict;
import dev.stoa.spi.testkit.CheckResultAssert;
import dev.stoa.spi.testkit.InMemoryRevision;
import dev.stoa.spi.testkit.PluginTestKit;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class AdapterFitEvaluatorTest {

    private static final String PREFIX = "base_model.model.";
    private static final String WEIGHTS = "adapter_model.safetensors";
    private static final String CONFIG = "adapter_config.json";
    private static final int HIDDEN = 64;
    private static final int INTERMEDIATE = 128;

    private final Evaluator adapterFit = PluginTestKit.load().evaluator("adapter-fit");

    /** A two-layer Llama-like base, sharded: attention in the first shard, MLP in the second. */
    private static InMemoryRevision base() {
        SafetensorsBytes first = SafetensorsBytes.builder().tensor("model.embed_tokens.weight", "BF16", 1000, HIDDEN);
        SafetensorsBytes second = SafetensorsBytes.builder();
        StringBuilder map = new StringBuilder("\"model.embed_tokens.weight\":\"model-00001-of-00002.safetensors\"");
        for (int layer = 0; layer < 2; layer++) {
            String p = "model.layers." + layer + ".";
            for (String proj : new String[]{"q_proj", "k_proj", "v_proj", "o_proj"}) {
                first.tensor(p + "self_attn." + proj + ".weight", "BF16", HIDDEN, HIDDEN);
                map.append(",\"").append(p).append("self_attn.").append(proj).append(".weight\":\"model-00001-of-00002.safetensors\"");
            }
            second.tensor(p + "mlp.up_proj.weight", "BF16", INTERMEDIATE, HIDDEN);
            second.tensor(p + "mlp.down_proj.weight", "BF16", HIDDEN, INTERMEDIATE);
            second.tensor(p + "input_layernorm.weight", "BF16", HIDDEN);
            map.append(",\"").append(p).append("mlp.up_proj.weight\":\"model-00002-of-00002.safetensors\"");
            map.append(",\"").append(p).append("mlp.down_proj.weight\":\"model-00002-of-00002.safetensors\"");
            map.append(",\"").append(p).append("input_layernorm.weight\":\"model-00002-of-00002.safetensors\"");
        }
        return InMemoryRevision.builder().model("acme", "base-7b")
                .file("model.safetensors.index.json", "{\"weight_map\":{" + map + "}}")
                .lfsFile("model-00001-of-00002.safetensors", first.build())
                .lfsFile("model-00002-of-00002.safetensors", second.build())
                .build();
    }

    private static String config(String extra) {
        return "{\"peft_type\":\"LORA\",\"base_model_name_or_path\":\"acme/base-7b\",\"r\":8,\"lora_alpha\":16,"
                + "\"target_modules\":[\"q_proj\",\"v_proj\"]" + extra + "}";
    }

    /** LoRA pairs for q_proj and v_proj of both layers with rank 8. */
    private static SafetensorsBytes fittingWeights() {
        SafetensorsBytes weights = SafetensorsBytes.builder();
        for (int layer = 0; layer < 2; layer++) {
            for (String proj : new String[]{"q_proj", "v_proj"}) {
                String module = PREFIX + "model.layers." + layer + ".self_attn." + proj;
                weights.tensor(module + ".lora_A.weight", "F32", 8, HIDDEN);
                weights.tensor(module + ".lora_B.weight", "F32", HIDDEN, 8);
            }
        }
        return weights;
    }

    private static InMemoryRevision adapter(String config, byte[] weights, InMemoryRevision base) {
        InMemoryRevision.Builder builder = InMemoryRevision.builder().model("acme", "base-7b-lora").kind(RepoKind.ADAPTER)
                .file(CONFIG, config).lfsFile(WEIGHTS, weights);
        if (base != null) {
            builder.baseModel(base);
        } else {
            builder.baseModelName("acme/base-7b");
        }
        return builder.build();
    }

    private CheckResult evaluate(InMemoryRevision revision) throws IOException {
        CheckResult result = adapterFit.evaluate(revision, CheckContext.NONE);
        assertThat(revision.openStreams()).isZero();
        return result;
    }

    @Test
    void fittingAdapterPassesReadingOnlyHeadersOfTheBase() throws IOException {
        InMemoryRevision base = base();
        byte[] weights = fittingWeights().build();
        InMemoryRevision adapter = adapter(config(""), weights, base);

        CheckResult result = evaluate(adapter);

        CheckResultAssert.assertThat(result).hasVerdict(Verdict.PASS).hasNoFindings()
                .hasMetric("adapter.rank", 8).hasMetric("adapter.alpha", 16.0)
                .hasMetric("adapter.modules", 4).hasMetric("adapter.modules-checked", 4)
                .summaryContains("acme/base-7b");
        assertThat(adapter.bytesRead(WEIGHTS)).isEqualTo(SafetensorsBytes.headerBytes(weights));
        for (var shard : base.files()) {
            if (shard.path().endsWith(".safetensors")) {
                assertThat(base.bytesRead(shard.path())).as(shard.path()).isLessThan(4096).isLessThan(shard.size());
            }
        }
        assertThat(base.openStreams()).isZero();
    }

    @Test
    void adapterWhoseInputOrOutputSizeDiffersFromTheBaseFails() throws IOException {
        SafetensorsBytes wrongIn = SafetensorsBytes.builder()
                .tensor(PREFIX + "model.layers.0.self_attn.q_proj.lora_A.weight", "F32", 8, HIDDEN + 1)
                .tensor(PREFIX + "model.layers.0.self_attn.q_proj.lora_B.weight", "F32", HIDDEN, 8);
        CheckResult result = evaluate(adapter(config(""), wrongIn.build(), base()));
        CheckResultAssert.assertThat(result).hasVerdict(Verdict.FAIL).hasFinding(Severity.HIGH, AdapterFitEvaluator.SHAPE_MISMATCH, WEIGHTS);
        assertThat(CheckResultAssert.assertThat(result).finding(AdapterFitEvaluator.SHAPE_MISMATCH).message())
                .contains("model.layers.0.self_attn.q_proj").contains("65 inputs").contains("takes 64");

        SafetensorsBytes wrongOut = SafetensorsBytes.builder()
                .tensor(PREFIX + "model.layers.0.mlp.up_proj.lora_A.weight", "F32", 8, HIDDEN)
                .tensor(PREFIX + "model.layers.0.mlp.up_proj.lora_B.weight", "F32", HIDDEN, 8);
        CheckResult out = evaluate(adapter(config(""), wrongOut.build(), base()));
        CheckResultAssert.assertThat(out).hasVerdict(Verdict.FAIL).hasFinding(Severity.HIGH, AdapterFitEvaluator.SHAPE_MISMATCH, WEIGHTS);
        assertThat(CheckResultAssert.assertThat(out).finding(AdapterFitEvaluator.SHAPE_MISMATCH).message()).contains("gives 128");
    }

    @Test
    void rankThatDisagreesWithTheConfigFails() throws IOException {
        CheckResult result = evaluate(adapter(config("").replace("\"r\":8", "\"r\":16"), fittingWeights().build(), base()));
        CheckResultAssert.assertThat(result).hasVerdict(Verdict.FAIL)
                .hasFinding(Severity.HIGH, AdapterFitEvaluator.RANK_MISMATCH, WEIGHTS).hasNoFinding(AdapterFitEvaluator.SHAPE_MISMATCH);
    }

    @Test
    void rankPatternGivesModulesTheirOwnRank() throws IOException {
        SafetensorsBytes weights = SafetensorsBytes.builder()
                .tensor(PREFIX + "model.layers.0.self_attn.q_proj.lora_A.weight", "F32", 4, HIDDEN)
                .tensor(PREFIX + "model.layers.0.self_attn.q_proj.lora_B.weight", "F32", HIDDEN, 4)
                .tensor(PREFIX + "model.layers.0.self_attn.v_proj.lora_A.weight", "F32", 8, HIDDEN)
                .tensor(PREFIX + "model.layers.0.self_attn.v_proj.lora_B.weight", "F32", HIDDEN, 8);
        String config = config(",\"rank_pattern\":{\"q_proj\":4},\"alpha_pattern\":{\"gate_proj\":8}");

        CheckResultAssert.assertThat(evaluate(adapter(config, weights.build(), base()))).hasVerdict(Verdict.WARN)
                .hasNoFinding(AdapterFitEvaluator.RANK_MISMATCH)
                .hasFinding(Severity.LOW, AdapterFitEvaluator.PATTERN_UNUSED, CONFIG);
    }

    @Test
    void loraAWithoutLoraBFails() throws IOException {
        SafetensorsBytes weights = SafetensorsBytes.builder()
                .tensor(PREFIX + "model.layers.0.self_attn.q_proj.lora_A.weight", "F32", 8, HIDDEN);
        CheckResult result = evaluate(adapter(config(""), weights.build(), base()));
        CheckResultAssert.assertThat(result).hasVerdict(Verdict.FAIL).hasFinding(Severity.HIGH, AdapterFitEvaluator.MISSING_PAIR, WEIGHTS);
        assertThat(CheckResultAssert.assertThat(result).finding(AdapterFitEvaluator.MISSING_PAIR).message()).contains("no lora_B");
    }

    @Test
    void loraAAndLoraBOfDifferentRanksFail() throws IOException {
        SafetensorsBytes weights = SafetensorsBytes.builder()
                .tensor(PREFIX + "model.layers.0.self_attn.q_proj.lora_A.weight", "F32", 8, HIDDEN)
                .tensor(PREFIX + "model.layers.0.self_attn.q_proj.lora_B.weight", "F32", HIDDEN, 4);
        CheckResultAssert.assertThat(evaluate(adapter(config(""), weights.build(), null))).hasVerdict(Verdict.FAIL)
                .hasFinding(Severity.HIGH, AdapterFitEvaluator.SHAPE_MISMATCH, WEIGHTS);
    }

    @Test
    void targetModuleThatTheBaseLacksFails() throws IOException {
        String config = config("").replace("[\"q_proj\",\"v_proj\"]", "[\"q_proj\",\"v_proj\",\"gate_proj\"]");
        CheckResult result = evaluate(adapter(config, fittingWeights().build(), base()));
        CheckResultAssert.assertThat(result).hasVerdict(Verdict.FAIL)
                .hasFinding(Severity.HIGH, AdapterFitEvaluator.TARGET_MODULE_MISSING, CONFIG);
        assertThat(CheckResultAssert.assertThat(result).finding(AdapterFitEvaluator.TARGET_MODULE_MISSING).message()).contains("'gate_proj'");
    }

    @Test
    void targetModulesAsARegularExpressionMustMatchABaseModule() throws IOException {
        String matching = config("").replace("[\"q_proj\",\"v_proj\"]", "\".*\\\\.(q_proj|v_proj)\"");
        CheckResultAssert.assertThat(evaluate(adapter(matching, fittingWeights().build(), base()))).hasVerdict(Verdict.PASS);

        String missing = config("").replace("[\"q_proj\",\"v_proj\"]", "\".*\\\\.gate_proj\"");
        CheckResultAssert.assertThat(evaluate(adapter(missing, fittingWeights().build(), base())))
                .hasFinding(Severity.HIGH, AdapterFitEvaluator.TARGET_MODULE_MISSING, CONFIG);
    }

    @Test
    void catastrophicallyBacktrackingPatternIsReportedNotRun() {
        String config = config("").replace("[\"q_proj\",\"v_proj\"]", "\"(.*a){20}b\"");
        InMemoryRevision adapter = adapter(config, fittingWeights().build(), longNamedBase());
        CheckResult result = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> adapterFit.evaluate(adapter, CheckContext.NONE));
        CheckResultAssert.assertThat(result).hasFinding(Severity.MEDIUM, AdapterFitEvaluator.CONFIG_INVALID, CONFIG);
    }

    private static InMemoryRevision longNamedBase() {
        return InMemoryRevision.builder().model("acme", "base-7b")
                .lfsFile("model.safetensors", SafetensorsBytes.builder().tensor("a".repeat(60) + ".weight", "F32", 2, 2).build()).build();
    }

    @Test
    void moduleWithoutAWeightInTheBaseFails() throws IOException {
        SafetensorsBytes weights = SafetensorsBytes.builder()
                .tensor(PREFIX + "model.layers.7.self_attn.q_proj.lora_A.weight", "F32", 8, HIDDEN)
                .tensor(PREFIX + "model.layers.7.self_attn.q_proj.lora_B.weight", "F32", HIDDEN, 8);
        CheckResultAssert.assertThat(evaluate(adapter(config(""), weights.build(), base()))).hasVerdict(Verdict.FAIL)
                .hasFinding(Severity.HIGH, AdapterFitEvaluator.BASE_WEIGHT_MISSING, WEIGHTS);
    }

    @Test
    void baseNotOnThisHubIsNotedAndTheAdapterCheckedAgainstItsConfig() throws IOException {
        CheckResult result = evaluate(adapter(config(""), fittingWeights().build(), null));
        CheckResultAssert.assertThat(result).hasVerdict(Verdict.PASS)
                .hasFinding(Severity.INFO, AdapterFitEvaluator.BASE_UNAVAILABLE, CONFIG)
                .hasMetric("adapter.modules-checked", 0);
        assertThat(CheckResultAssert.assertThat(result).finding(AdapterFitEvaluator.BASE_UNAVAILABLE).message()).contains("acme/base-7b");

        CheckResultAssert.assertThat(evaluate(adapter(config("").replace("\"r\":8", "\"r\":4"), fittingWeights().build(), null)))
                .hasFinding(Severity.HIGH, AdapterFitEvaluator.RANK_MISMATCH);
    }

    @Test
    void baseWithDifferentModuleNamePrefixIsMatchedBySuffix() throws IOException {
        InMemoryRevision base = InMemoryRevision.builder().model("acme", "base-7b")
                .lfsFile("model.safetensors", SafetensorsBytes.builder()
                        .tensor("language_model.model.layers.0.self_attn.q_proj.weight", "BF16", HIDDEN, HIDDEN)
                        .tensor("language_model.model.layers.0.self_attn.v_proj.weight", "BF16", HIDDEN, HIDDEN)
                        .tensor("language_model.model.layers.1.self_attn.q_proj.weight", "BF16", HIDDEN, HIDDEN)
                        .tensor("language_model.model.layers.1.self_attn.v_proj.weight", "BF16", HIDDEN, HIDDEN).build()).build();
        CheckResultAssert.assertThat(evaluate(adapter(config(""), fittingWeights().build(), base)))
                .hasVerdict(Verdict.PASS).hasMetric("adapter.modules-checked", 4);
    }

    @Test
    void conv1dBaseWithFanInFanOutAndEmbeddingAdaptersFit() throws IOException {
        InMemoryRevision base = InMemoryRevision.builder().model("acme", "base-7b")
                .lfsFile("model.safetensors", SafetensorsBytes.builder()
                        .tensor("transformer.wte.weight", "F32", 500, HIDDEN)
                        .tensor("transformer.h.0.attn.c_attn.weight", "F32", HIDDEN, 3 * HIDDEN).build()).build();
        SafetensorsBytes weights = SafetensorsBytes.builder()
                .tensor(PREFIX + "transformer.h.0.attn.c_attn.lora_A.weight", "F32", 8, HIDDEN)
                .tensor(PREFIX + "transformer.h.0.attn.c_attn.lora_B.weight", "F32", 3 * HIDDEN, 8)
                .tensor(PREFIX + "transformer.wte.lora_embedding_A", "F32", 8, 500)
                .tensor(PREFIX + "transformer.wte.lora_embedding_B", "F32", HIDDEN, 8);
        String config = "{\"peft_type\":\"LORA\",\"r\":8,\"lora_alpha\":8,\"fan_in_fan_out\":true,\"target_modules\":[\"c_attn\",\"wte\"]}";

        CheckResultAssert.assertThat(evaluate(adapter(config, weights.build(), base)))
                .hasVerdict(Verdict.PASS).hasNoFindings().hasMetric("adapter.modules-checked", 2);

        String notTransposed = config.replace("\"fan_in_fan_out\":true", "\"fan_in_fan_out\":false");
        CheckResultAssert.assertThat(evaluate(adapter(notTransposed, weights.build(), base)))
                .hasFinding(Severity.HIGH, AdapterFitEvaluator.SHAPE_MISMATCH);
    }

    @Test
    void brokenConfigOrMissingWeightsAreReported() throws IOException {
        CheckResultAssert.assertThat(evaluate(adapter("{\"r\":8,\"r\":4}", fittingWeights().build(), base())))
                .hasVerdict(Verdict.FAIL).hasFinding(Severity.HIGH, AdapterFitEvaluator.CONFIG_INVALID, CONFIG);
        CheckResultAssert.assertThat(evaluate(adapter("{\"r\":0,\"lora_alpha\":\"x\"}", fittingWeights().build(), base())))
                .hasFinding(Severity.HIGH, AdapterFitEvaluator.CONFIG_INVALID, CONFIG);

        InMemoryRevision noWeights = InMemoryRevision.builder().kind(RepoKind.ADAPTER).file(CONFIG, config("")).build();
        CheckResultAssert.assertThat(evaluate(noWeights)).hasFinding(Severity.HIGH, AdapterFitEvaluator.WEIGHTS_MISSING, CONFIG);

        InMemoryRevision pickled = InMemoryRevision.builder().kind(RepoKind.ADAPTER).file(CONFIG, config(""))
                .lfsFile("adapter_model.bin", new byte[32]).build();
        CheckResultAssert.assertThat(evaluate(pickled)).hasVerdict(Verdict.PASS)
                .hasFinding(Severity.INFO, AdapterFitEvaluator.NOT_SAFETENSORS, "adapter_model.bin");

        InMemoryRevision broken = adapter(config(""), new byte[]{1, 2}, base());
        CheckResultAssert.assertThat(evaluate(broken)).hasFinding(Severity.HIGH, AdapterFitEvaluator.WEIGHTS_UNREADABLE, WEIGHTS);
    }

    @Test
    void appliesToAdaptersOnly() {
        assertThat(adapterFit.appliesTo(base())).isFalse();
        assertThat(adapterFit.appliesTo(adapter(config(""), fittingWeights().build(), null))).isTrue();
        assertThat(adapterFit.appliesTo(InMemoryRevision.builder().file("sub/" + CONFIG, "{}").build())).isTrue();
    }
}
