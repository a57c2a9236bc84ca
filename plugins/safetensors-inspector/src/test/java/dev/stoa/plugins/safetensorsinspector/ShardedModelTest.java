package dev.stoa.plugins.safetensorsinspector;

import dev.stoa.spi.CheckContext;
import dev.stoa.spi.CheckResult;
import dev.stoa.spi.Evaluator;
import dev.stoa.spi.Severity;
import dev.stoa.spi.Verdict;
import dev.stoa.spi.testkit.CheckResultAssert;
import dev.stoa.spi.testkit.InMemoryRevision;
import dev.stoa.spi.testkit.PluginTestKit;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ShardedModelTest {

    private static final String SHARD_1 = "model-00001-of-00002.safetensors";
    private static final String SHARD_2 = "model-00002-of-00002.safetensors";
    private static final String INDEX = "model.safetensors.index.json";

    private final Evaluator format = PluginTestKit.load().evaluator("format");

    private static final byte[] FIRST = SafetensorsBytes.builder()
            .tensor("model.embed_tokens.weight", "BF16", 64, 8)
            .tensor("model.layers.0.self_attn.q_proj.weight", "BF16", 8, 8).build();
    private static final byte[] SECOND = SafetensorsBytes.builder()
            .tensor("model.layers.0.mlp.up_proj.weight", "BF16", 16, 8)
            .tensor("model.norm.weight", "F32", 8).build();

    private static String index(Map<String, String> weightMap, long totalSize) {
        return "{\"metadata\":{\"total_size\":" + totalSize + "},\"weight_map\":{" + weightMap.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"").collect(Collectors.joining(",")) + "}}";
    }

    private static Map<String, String> weightMap() {
        var map = new java.util.LinkedHashMap<String, String>();
        map.put("model.embed_tokens.weight", SHARD_1);
        map.put("model.layers.0.self_attn.q_proj.weight", SHARD_1);
        map.put("model.layers.0.mlp.up_proj.weight", SHARD_2);
        map.put("model.norm.weight", SHARD_2);
        return map;
    }

    private static final long TOTAL = (64 * 8 + 8 * 8 + 16 * 8) * 2 + 8 * 4;

    private CheckResult evaluate(InMemoryRevision revision) throws IOException {
        CheckResult result = format.evaluate(revision, CheckContext.NONE);
        assertThat(revision.openStreams()).isZero();
        return result;
    }

    @Test
    void consistentShardedModelPassesAndCountsEachTensorOnce() throws IOException {
        InMemoryRevision revision = InMemoryRevision.builder()
                .file(INDEX, index(weightMap(), TOTAL)).lfsFile(SHARD_1, FIRST).lfsFile(SHARD_2, SECOND).build();

        CheckResult result = evaluate(revision);

        CheckResultAssert.assertThat(result).hasVerdict(Verdict.PASS).hasNoFindings()
                .hasMetric("params.total", 64 * 8 + 8 * 8 + 16 * 8 + 8)
                .hasMetric("params.bf16", 64 * 8 + 8 * 8 + 16 * 8)
                .hasMetric("safetensors.sharded", true)
                .hasMetric("safetensors.files", 2);
        assertThat(revision.bytesRead(SHARD_1)).isEqualTo(SafetensorsBytes.headerBytes(FIRST));
        assertThat(revision.bytesRead(SHARD_2)).isEqualTo(SafetensorsBytes.headerBytes(SECOND));
    }

    @Test
    void shardNamedByTheIndexButMissingIsReported() throws IOException {
        Map<String, String> map = weightMap();
        map.put("lm_head.weight", "model-00003-of-00003.safetensors");
        InMemoryRevision revision = InMemoryRevision.builder()
                .file(INDEX, index(map, TOTAL)).lfsFile(SHARD_1, FIRST).lfsFile(SHARD_2, SECOND).build();

        CheckResult result = evaluate(revision);

        CheckResultAssert.assertThat(result).hasVerdict(Verdict.FAIL)
                .hasFinding(Severity.HIGH, FormatEvaluator.MISSING_SHARD, INDEX);
        assertThat(CheckResultAssert.assertThat(result).finding(FormatEvaluator.MISSING_SHARD).message())
                .contains("model-00003-of-00003.safetensors");
    }

    @Test
    void tensorInAnotherShardThanTheIndexSaysIsReported() throws IOException {
        Map<String, String> map = weightMap();
        map.put("model.norm.weight", SHARD_1);
        InMemoryRevision revision = InMemoryRevision.builder()
                .file(INDEX, index(map, TOTAL)).lfsFile(SHARD_1, FIRST).lfsFile(SHARD_2, SECOND).build();

        CheckResult result = evaluate(revision);

        CheckResultAssert.assertThat(result).hasVerdict(Verdict.FAIL)
                .hasFinding(Severity.HIGH, FormatEvaluator.WRONG_SHARD, INDEX).hasNoFinding(FormatEvaluator.UNINDEXED_TENSOR);
        assertThat(CheckResultAssert.assertThat(result).finding(FormatEvaluator.WRONG_SHARD).message())
                .contains("'model.norm.weight'").contains(SHARD_2);
    }

    @Test
    void tensorInNoShardAndTensorMissingFromTheIndexAreReported() throws IOException {
        Map<String, String> map = weightMap();
        map.put("lm_head.weight", SHARD_2);
        map.remove("model.norm.weight");
        InMemoryRevision revision = InMemoryRevision.builder()
                .file(INDEX, index(map, TOTAL)).lfsFile(SHARD_1, FIRST).lfsFile(SHARD_2, SECOND).build();

        CheckResultAssert.assertThat(evaluate(revision)).hasVerdict(Verdict.FAIL)
                .hasFinding(Severity.HIGH, FormatEvaluator.TENSOR_MISSING, INDEX)
                .hasFinding(Severity.MEDIUM, FormatEvaluator.UNINDEXED_TENSOR, SHARD_2);
    }

    @Test
    void tensorInTwoShardsIsCountedOnce() throws IOException {
        byte[] second = SafetensorsBytes.builder()
                .tensor("model.layers.0.mlp.up_proj.weight", "BF16", 16, 8)
                .tensor("model.norm.weight", "F32", 8)
                .tensor("model.embed_tokens.weight", "BF16", 64, 8).build();
        InMemoryRevision revision = InMemoryRevision.builder()
                .file(INDEX, index(weightMap(), TOTAL)).lfsFile(SHARD_1, FIRST).lfsFile(SHARD_2, second).build();

        CheckResultAssert.assertThat(evaluate(revision)).hasVerdict(Verdict.WARN)
                .hasFinding(Severity.MEDIUM, FormatEvaluator.DUPLICATE_TENSOR)
                .hasMetric("params.total", 64 * 8 + 8 * 8 + 16 * 8 + 8);
    }

    @Test
    void totalSizeThatDisagreesWithTheShardsIsAWarning() throws IOException {
        InMemoryRevision revision = InMemoryRevision.builder()
                .file(INDEX, index(weightMap(), TOTAL + 1)).lfsFile(SHARD_1, FIRST).lfsFile(SHARD_2, SECOND).build();

        CheckResultAssert.assertThat(evaluate(revision)).hasVerdict(Verdict.WARN)
                .hasFinding(Severity.LOW, FormatEvaluator.TOTAL_SIZE_MISMATCH, INDEX);
    }

    @Test
    void indexThatIsNotValidOrEscapesItsFolderIsReported() throws IOException {
        Map<String, String> map = weightMap();
        map.put("model.norm.weight", "../other/" + SHARD_2);
        InMemoryRevision escaping = InMemoryRevision.builder()
                .file(INDEX, index(map, TOTAL)).lfsFile(SHARD_1, FIRST).lfsFile(SHARD_2, SECOND).build();
        CheckResultAssert.assertThat(evaluate(escaping)).hasFinding(Severity.HIGH, ShardIndex.INVALID_PATH, INDEX);

        InMemoryRevision duplicate = InMemoryRevision.builder()
                .file(INDEX, "{\"weight_map\":{\"a\":\"" + SHARD_1 + "\",\"a\":\"" + SHARD_2 + "\"}}")
                .lfsFile(SHARD_1, FIRST).lfsFile(SHARD_2, SECOND).build();
        CheckResultAssert.assertThat(evaluate(duplicate)).hasFinding(Severity.HIGH, HeaderReader.DUPLICATE_KEY, INDEX);

        InMemoryRevision noMap = InMemoryRevision.builder().file(INDEX, "{\"metadata\":{}}").lfsFile(SHARD_1, FIRST).build();
        CheckResultAssert.assertThat(evaluate(noMap)).hasFinding(Severity.HIGH, ShardIndex.INVALID, INDEX);
    }

    @Test
    void shardsInASubfolderAreResolvedAgainstTheIndexFolder() throws IOException {
        InMemoryRevision revision = InMemoryRevision.builder()
                .file("text_encoder/" + INDEX, index(weightMap(), TOTAL))
                .lfsFile("text_encoder/" + SHARD_1, FIRST).lfsFile("text_encoder/" + SHARD_2, SECOND).build();

        CheckResultAssert.assertThat(evaluate(revision)).hasVerdict(Verdict.PASS).hasNoFindings()
                .hasMetric("params.total", 64 * 8 + 8 * 8 + 16 * 8 + 8);
    }
}
