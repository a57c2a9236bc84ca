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
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormatEvaluatorTest {

    private static final String FILE = "model.safetensors";
    private final Evaluator format = PluginTestKit.load().evaluator("format");

    private static CheckResultAssert check(CheckResult result) {
        return CheckResultAssert.assertThat(result);
    }

    private static InMemoryRevision revisionWith(byte[] file) {
        return InMemoryRevision.builder().lfsFile(FILE, file).build();
    }

    private CheckResult evaluate(InMemoryRevision revision) throws IOException {
        CheckResult result = format.evaluate(revision, CheckContext.NONE);
        assertThat(revision.openStreams()).as("streams left open").isZero();
        return result;
    }

    /** A file whose header is {@code header} and whose data section has {@code dataSize} bytes. */
    private CheckResult evaluateHeader(String header, long dataSize) throws IOException {
        return evaluate(revisionWith(SafetensorsBytes.file(header, dataSize)));
    }

    @Test
    void validFileReadsOnlyItsHeaderAndCountsParameters() throws IOException {
        byte[] file = SafetensorsBytes.builder()
                .metadata("format", "pt")
                .tensor("model.embed_tokens.weight", "BF16", 32, 16)
                .tensor("model.norm.weight", "F32", 16)
                .tensor("lm_head.weight", "BF16", 32, 16)
                .build();
        InMemoryRevision revision = revisionWith(file);

        CheckResult result = evaluate(revision);

        check(result).hasVerdict(Verdict.PASS).hasNoFindings()
                .hasMetric("params.total", 32 * 16 * 2 + 16)
                .hasMetric("params.bf16", 32 * 16 * 2)
                .hasMetric("params.f32", 16)
                .hasMetric("safetensors.files", 1)
                .hasMetric("safetensors.sharded", false)
                .summaryContains("1,040 parameters");
        assertThat(revision.bytesRead(FILE)).isEqualTo(SafetensorsBytes.headerBytes(file)).isLessThan(file.length);
        assertThat(revision.opens(FILE)).isEqualTo(2);
    }

    @Test
    void everyDtypeOfTheFormatIsKnownAndSubByteDtypesFillWholeBytes() throws IOException {
        SafetensorsBytes builder = SafetensorsBytes.builder();
        for (Dtype dtype : Dtype.values()) {
            builder.tensor("t." + dtype, dtype.name(), 4, 2);
        }
        check(evaluate(revisionWith(builder.build()))).hasVerdict(Verdict.PASS).hasMetric("params.total", 8L * Dtype.values().length)
                .hasMetric("params.f8_e8m0", 8).hasMetric("params.f4", 8);

        check(evaluateHeader("{\"t\":{\"dtype\":\"F4\",\"shape\":[3],\"data_offsets\":[0,1]}}", 1))
                .hasFinding(Severity.HIGH, HeaderReader.SHAPE_MISALIGNED, FILE);
    }

    @Test
    void emptyHeaderWithoutDataIsValid() throws IOException {
        check(evaluateHeader("{}", 0)).hasVerdict(Verdict.PASS).hasMetric("params.total", 0);
    }

    @Test
    void fileShorterThanTheLengthFieldIsTruncated() throws IOException {
        check(evaluate(revisionWith(new byte[]{1, 2, 3}))).hasVerdict(Verdict.FAIL)
                .hasFinding(Severity.HIGH, HeaderReader.TRUNCATED, FILE);
    }

    @Test
    void headerLongerThanTheCapIsRefusedAfterReadingEightBytes() throws IOException {
        InMemoryRevision huge = revisionWith(SafetensorsBytes.file(-1L, new byte[64], 0));
        check(evaluate(huge)).hasVerdict(Verdict.FAIL).hasFinding(Severity.HIGH, HeaderReader.TOO_LARGE, FILE);
        assertThat(huge.bytesRead(FILE)).isEqualTo(8);
        assertThat(format.evaluate(huge, CheckContext.NONE).findings().getFirst().message()).contains("18446744073709551615");

        Evaluator capped = PluginTestKit.load().evaluator("format", Map.of("max-header-bytes", "64"));
        byte[] file = SafetensorsBytes.builder().tensor("a_tensor_with_a_rather_long_name.weight", "F32", 2)
                .tensor("another_tensor_with_a_long_name.weight", "F32", 2).build();
        check(capped.evaluate(revisionWith(file), CheckContext.NONE)).hasFinding(HeaderReader.TOO_LARGE, FILE);
        check(format.evaluate(revisionWith(file), CheckContext.NONE)).hasVerdict(Verdict.PASS);
    }

    @Test
    void headerLongerThanTheFileIsInvalid() throws IOException {
        byte[] header = "{}".getBytes(StandardCharsets.UTF_8);
        check(evaluate(revisionWith(SafetensorsBytes.file(100, header, 0)))).hasVerdict(Verdict.FAIL)
                .hasFinding(Severity.HIGH, HeaderReader.LENGTH_INVALID, FILE);
    }

    @Test
    void headerThatIsNotUtf8IsInvalid() throws IOException {
        byte[] header = "{\"__metadata__\":{\"k\":\"\u00ff\u00fe\"}}".getBytes(StandardCharsets.ISO_8859_1);
        check(evaluate(revisionWith(SafetensorsBytes.file(header.length, header, 0))))
                .hasVerdict(Verdict.FAIL).hasFinding(Severity.HIGH, HeaderReader.INVALID_UTF8, FILE);
    }

    @Test
    void headerThatIsNotJsonOrHasContentAfterTheObjectIsInvalid() throws IOException {
        check(evaluateHeader("{\"a\": ", 0)).hasFinding(Severity.HIGH, HeaderReader.INVALID_JSON, FILE);
        check(evaluateHeader("{} {}", 0)).hasFinding(Severity.HIGH, HeaderReader.INVALID_JSON, FILE);
        check(evaluateHeader("{/* c */}", 0)).hasFinding(Severity.HIGH, HeaderReader.INVALID_JSON, FILE);
        byte[] nulPadded = "{}\0\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII);
        check(evaluate(revisionWith(SafetensorsBytes.file(nulPadded.length, nulPadded, 0))))
                .hasFinding(Severity.HIGH, HeaderReader.INVALID_JSON, FILE);
    }

    @Test
    void headerThatIsNotAnObjectIsInvalid() throws IOException {
        check(evaluateHeader("[1, 2]", 0)).hasVerdict(Verdict.FAIL).hasFinding(Severity.HIGH, HeaderReader.NOT_OBJECT, FILE);
    }

    @Test
    void duplicateKeysAreRefusedAtEveryLevel() throws IOException {
        String tensor = "{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]}";
        CheckResult topLevel = evaluateHeader("{\"w\":" + tensor + ",\"w\":" + tensor + "}", 1);
        check(topLevel).hasVerdict(Verdict.FAIL).hasFinding(Severity.HIGH, HeaderReader.DUPLICATE_KEY, FILE);
        assertThat(topLevel.findings().getFirst().message()).contains("'w'");

        check(evaluateHeader("{\"w\":{\"dtype\":\"U8\",\"dtype\":\"I8\",\"shape\":[1],\"data_offsets\":[0,1]}}", 1))
                .hasFinding(Severity.HIGH, HeaderReader.DUPLICATE_KEY, FILE);
        check(evaluateHeader("{\"__metadata__\":{\"a\":\"1\",\"a\":\"2\"}}", 0))
                .hasFinding(Severity.HIGH, HeaderReader.DUPLICATE_KEY, FILE);
    }

    @Test
    void metadataMustMapStringsToStrings() throws IOException {
        check(evaluateHeader("{\"__metadata__\":{\"format\":\"pt\",\"epochs\":3}}", 0))
                .hasVerdict(Verdict.FAIL).hasFinding(Severity.HIGH, HeaderReader.METADATA_INVALID, FILE);
        check(evaluateHeader("{\"__metadata__\":[\"pt\"]}", 0)).hasFinding(Severity.HIGH, HeaderReader.METADATA_INVALID, FILE);
    }

    @Test
    void unknownDtypeIsReportedWithTheTensorName() throws IOException {
        CheckResult result = evaluateHeader("{\"w\":{\"dtype\":\"bf16\",\"shape\":[1],\"data_offsets\":[0,2]}}", 2);
        check(result).hasVerdict(Verdict.FAIL).hasFinding(Severity.HIGH, HeaderReader.DTYPE_UNKNOWN, FILE);
        assertThat(result.findings().getFirst().message()).contains("'w'").contains("bf16");
        check(evaluateHeader("{\"w\":{\"dtype\":7,\"shape\":[1],\"data_offsets\":[0,1]}}", 1))
                .hasFinding(HeaderReader.DTYPE_UNKNOWN, FILE);
    }

    @Test
    void shapeMustBeAListOfNonNegativeIntegers() throws IOException {
        for (String shape : new String[]{"[-1]", "[1.5]", "\"2x2\"", "[99999999999999999999999]", "[[1]]"}) {
            check(evaluateHeader("{\"w\":{\"dtype\":\"U8\",\"shape\":" + shape + ",\"data_offsets\":[0,1]}}", 1))
                    .hasVerdict(Verdict.FAIL).hasFinding(Severity.HIGH, HeaderReader.SHAPE_INVALID, FILE);
        }
    }

    @Test
    void missingFieldsAndEntriesThatAreNotObjectsAreInvalid() throws IOException {
        CheckResult missing = evaluateHeader("{\"w\":{\"dtype\":\"U8\",\"shape\":[1]}}", 1);
        check(missing).hasVerdict(Verdict.FAIL).hasFinding(Severity.HIGH, HeaderReader.MISSING_FIELD, FILE)
                .hasNoFinding(LayoutValidator.TRAILING_BYTES);
        assertThat(missing.findings().getFirst().message()).contains("'w'").contains("data_offsets");
        check(evaluateHeader("{\"w\":[0,1]}", 1)).hasFinding(Severity.HIGH, HeaderReader.TENSOR_INVALID, FILE);
    }

    @Test
    void unknownFieldsAreAWarning() throws IOException {
        check(evaluateHeader("{\"w\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1],\"device\":\"cuda\"}}", 1))
                .hasVerdict(Verdict.WARN).hasFinding(Severity.LOW, HeaderReader.UNKNOWN_FIELD, FILE);
    }

    @Test
    void dataOffsetsMustBeAnOrderedPair() throws IOException {
        for (String offsets : new String[]{"[1,0]", "[0]", "[0,1,2]", "[-1,0]", "{\"begin\":0}"}) {
            check(evaluateHeader("{\"w\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":" + offsets + "}}", 1))
                    .hasVerdict(Verdict.FAIL).hasFinding(Severity.HIGH, HeaderReader.OFFSETS_INVALID, FILE);
        }
    }

    @Test
    void byteRangeMustMatchShapeTimesDtypeSize() throws IOException {
        CheckResult result = evaluateHeader("{\"layers.0.w\":{\"dtype\":\"F16\",\"shape\":[2,3],\"data_offsets\":[0,6]}}", 6);
        check(result).hasVerdict(Verdict.FAIL).hasFinding(Severity.HIGH, HeaderReader.SHAPE_MISMATCH, FILE);
        assertThat(result.findings().getFirst().message()).contains("'layers.0.w'").contains("needs 12 bytes").contains("span 6");
    }

    @Test
    void shapeWhoseSizeOverflowsIsReportedNotThrown() throws IOException {
        String shape = "[4294967296,4294967296,4]";
        check(evaluateHeader("{\"w\":{\"dtype\":\"F32\",\"shape\":" + shape + ",\"data_offsets\":[0,4]}}", 4))
                .hasVerdict(Verdict.FAIL).hasFinding(Severity.HIGH, HeaderReader.SHAPE_OVERFLOW, FILE);
    }

    @Test
    void overlappingTensorsAreReported() throws IOException {
        CheckResult result = evaluateHeader("{\"a\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[2,6]}}", 6);
        check(result).hasVerdict(Verdict.FAIL).hasFinding(Severity.HIGH, LayoutValidator.OVERLAP, FILE);
        assertThat(result.findings().getFirst().message()).contains("'b'").contains("'a'");
    }

    @Test
    void bytesBetweenTensorsAreAHole() throws IOException {
        check(evaluateHeader("{\"a\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[8,12]}}", 12))
                .hasVerdict(Verdict.FAIL).hasFinding(Severity.HIGH, LayoutValidator.HOLE, FILE).hasFindingCount(1);
        check(evaluateHeader("{\"a\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[4,8]}}", 8))
                .hasFinding(Severity.HIGH, LayoutValidator.HOLE, FILE);
    }

    @Test
    void bytesAfterTheLastTensorAreTrailing() throws IOException {
        check(evaluateHeader("{\"a\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]}}", 4 + 100))
                .hasVerdict(Verdict.FAIL).hasFinding(Severity.HIGH, LayoutValidator.TRAILING_BYTES, FILE).hasFindingCount(1);
    }

    @Test
    void tensorEndingPastTheFileIsOutOfBounds() throws IOException {
        check(evaluateHeader("{\"a\":{\"dtype\":\"U8\",\"shape\":[8],\"data_offsets\":[0,8]}}", 4))
                .hasVerdict(Verdict.FAIL).hasFinding(Severity.HIGH, LayoutValidator.OUT_OF_BOUNDS, FILE);
    }

    @Test
    void tensorsInAnyHeaderOrderAreCheckedByOffset() throws IOException {
        check(evaluateHeader("{\"b\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[4,8]},"
                + "\"empty\":{\"dtype\":\"F32\",\"shape\":[0,3],\"data_offsets\":[8,8]},"
                + "\"a\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]}}", 8))
                .hasVerdict(Verdict.PASS).hasNoFindings();
    }

    @Test
    void findingsPerFileAreCapped() throws IOException {
        StringBuilder header = new StringBuilder("{");
        for (int i = 0; i < 80; i++) {
            header.append(i == 0 ? "" : ",").append("\"t").append(i).append("\":{\"dtype\":\"X\",\"shape\":[1],\"data_offsets\":[")
                    .append(i).append(',').append(i + 1).append("]}");
        }
        CheckResult result = evaluateHeader(header.append('}').toString(), 80);
        check(result).hasFinding(Severity.INFO, FindingSink.TRUNCATED, FILE);
        assertThat(result.findings()).hasSize(InspectorSettings.DEFAULT_MAX_FINDINGS_PER_FILE + 1);
    }

    @Test
    void revisionWithoutSafetensorsIsNotChecked() {
        InMemoryRevision revision = InMemoryRevision.builder().file("config.json", "{}").lfsFile("pytorch_model.bin", new byte[16]).build();
        assertThat(format.appliesTo(revision)).isFalse();
        assertThat(format.appliesTo(revisionWith(SafetensorsBytes.builder().build()))).isTrue();
    }

    @Test
    void badConfigurationIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> PluginTestKit.load().evaluator("format", Map.of("max-header-bytes", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-header-bytes");
    }
}
