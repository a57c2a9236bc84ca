package dev.stoa.plugins.picklescanner;

import dev.stoa.spi.CheckResult;
import dev.stoa.spi.Severity;
import dev.stoa.spi.Verdict;
import dev.stoa.spi.testkit.InMemoryRevision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.Map;

import static dev.stoa.plugins.picklescanner.PickleScanning.count;
import static dev.stoa.plugins.picklescanner.PickleScanning.findings;
import static dev.stoa.plugins.picklescanner.PickleScanning.scan;
import static dev.stoa.plugins.picklescanner.PickleScanning.scanFile;
import static org.assertj.core.api.Assertions.assertThat;

/** The opcode walk: protocol variants, memo tracking, malformed input, limits and configuration. */
class StreamTest {

    @ParameterizedTest(name = "protocol {0}")
    @ValueSource(ints = {0, 1, 2, 3})
    void benignGlobalPicklesPass(int protocol) {
        CheckResult result = scanFile("data.pkl", PickleBytes.callWithGlobal(protocol, "collections", "OrderedDict"));

        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(count(result, "pickle.imports.found")).isEqualTo(1);
    }

    @ParameterizedTest(name = "protocol {0}")
    @ValueSource(ints = {2, 3, 4, 5})
    void torchStateDictPasses(int protocol) {
        assertThat(scanFile("weights.pth", PickleBytes.torchStateDict(protocol)).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void stackGlobalResolvesStringsThroughEveryMemoOpcode() {
        // module and name are memoized, dropped, and fetched again with BINGET, LONG_BINGET and GET
        byte[] pickle = PickleBytes.proto(4)
                .unicode("subprocess").binput(7).op('0')
                .unicode("check_call").longBinput(300).op('0')
                .unicode8("padding").put(12).op('0')
                .binget(7).longBinget(300).stackGlobal()
                .get(12).tuple1().reduce().stop().bytes();

        CheckResult result = scanFile("x.pkl", pickle);

        assertThat(findings(result, "pickle.import.dangerous")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("subprocess.check_call"));
    }

    @Test
    void protocol0StringEscapesAreDecoded() {
        // 'o\x73' is "os", 'sy\163tem' is "system": Python decodes them before importing
        byte[] pickle = PickleBytes.protocol0().string("'o\\x73'").string("'sy\\163tem'").op(0x93).stop().bytes();

        CheckResult result = scanFile("x.pkl", pickle);

        assertThat(findings(result, "pickle.import.dangerous")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("os.system"));
    }

    @Test
    void protocol0UnicodeEscapesAreDecoded() {
        byte[] pickle = PickleBytes.protocol0().unicode0("\\u0062uiltins").unicode0("ev\\u0061l").op(0x93).stop().bytes();

        assertThat(findings(scanFile("x.pkl", pickle), "pickle.import.dangerous")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("builtins.eval"));
    }

    @Test
    void binStringsAreStringsToo() {
        byte[] pickle = PickleBytes.proto(2).binString("nt").shortBinString("system").stackGlobal().stop().bytes();

        assertThat(findings(scanFile("x.pkl", pickle), "pickle.import.dangerous")).hasSize(1);
    }

    @Test
    void computedImportIsUnresolvedAndHigh() {
        // the module name is the result of a call, which the scanner cannot know
        byte[] pickle = PickleBytes.proto(4).global("collections", "OrderedDict").emptyTuple().reduce()
                .unicode("system").stackGlobal().stop().bytes();

        CheckResult result = scanFile("x.pkl", pickle);

        assertThat(findings(result, "pickle.import.unresolved")).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void extensionRegistryImportIsHigh() {
        byte[] pickle = PickleBytes.proto(2).op(0x82, 42).emptyTuple().reduce().stop().bytes();

        assertThat(findings(scanFile("x.pkl", pickle), "pickle.import.extension")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("code 42"));
    }

    @Test
    void unknownImportIsMediumAndConfigurable() {
        byte[] pickle = PickleBytes.callWithStackGlobal(4, "sklearn.linear_model", "LogisticRegression");
        InMemoryRevision revision = InMemoryRevision.builder().file("model.joblib", pickle).build();

        CheckResult byDefault = scan(revision);
        CheckResult high = scan(revision, Map.of("unknown-import-severity", "high"));
        CheckResult allowed = scan(revision, Map.of("safe-imports", "sklearn.linear_model.LogisticRegression"));
        CheckResult denied = scan(revision, Map.of("dangerous-imports", "sklearn"));

        assertThat(findings(byDefault, "pickle.import.unknown")).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.MEDIUM));
        assertThat(byDefault.verdict()).isEqualTo(Verdict.WARN);
        assertThat(high.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(allowed.verdict()).isEqualTo(Verdict.PASS);
        assertThat(findings(denied, "pickle.import.dangerous")).hasSize(1);
    }

    @Test
    void repeatedImportsAreOneFindingWithACount() {
        PickleBytes p = PickleBytes.proto(2);
        for (int i = 0; i < 3; i++) {
            p.global("os", "system").op('0');
        }
        CheckResult result = scanFile("x.pkl", p.op('N').stop().bytes());

        assertThat(findings(result, "pickle.import.dangerous")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("3 times"));
    }

    @Test
    void truncatedStreamIsMalformedAndImportsBeforeTheCutStillCount() {
        byte[] full = PickleBytes.callWithGlobal(2, "os", "system");
        byte[] cut = Arrays.copyOf(full, full.length - 3);

        CheckResult result = scanFile("x.bin", cut);

        assertThat(findings(result, "pickle.malformed")).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("Truncated"));
        assertThat(findings(result, "pickle.import.dangerous")).hasSize(1);
    }

    @Test
    void garbageAfterProtoIsMalformedNotACrash() {
        byte[] garbage = PickleBytes.proto(3).op(0xff, 0x00, 0x13).bytes();

        CheckResult result = scanFile("model.pt", garbage);

        assertThat(findings(result, "pickle.malformed")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("unknown opcode 0xff"));
        assertThat(result.verdict()).isEqualTo(Verdict.WARN);
    }

    @Test
    void absurdLengthsAreReportedWithoutAllocating() {
        byte[] huge8 = PickleBytes.proto(4).op(0x8e).le(1L << 62, 8).stop().bytes();
        byte[] huge4 = PickleBytes.proto(2).op('X').le(0xfffffff0L, 4).stop().bytes();
        byte[] negative = PickleBytes.proto(2).op('T').le(0xffffffffL, 4).stop().bytes();
        byte[] negative8 = PickleBytes.proto(4).op(0x8d).le(-1L, 8).stop().bytes();

        for (byte[] pickle : new byte[][]{huge8, huge4, negative, negative8}) {
            assertThat(findings(scanFile("x.pkl", pickle), "pickle.malformed")).hasSize(1);
        }
    }

    @Test
    void stackMisuseAndMissingMemoAreMalformed() {
        byte[] emptyReduce = PickleBytes.proto(2).reduce().stop().bytes();
        byte[] missingMemo = PickleBytes.proto(2).binget(9).stop().bytes();
        byte[] noMark = PickleBytes.proto(2).op('N').tuple().stop().bytes();

        for (byte[] pickle : new byte[][]{emptyReduce, missingMemo, noMark}) {
            assertThat(findings(scanFile("x.pkl", pickle), "pickle.malformed")).hasSize(1);
        }
    }

    @Test
    void garbageInAFileNamedPklIsReported() {
        CheckResult result = scanFile("model.pkl", "{\"not\": \"a pickle\"}".getBytes());

        assertThat(findings(result, "pickle.malformed")).hasSize(1);
    }

    @Test
    void binFileThatIsNotAPickleIsNotFlagged() {
        byte[] safetensorsLike = new byte[256];
        safetensorsLike[0] = 0x40;
        byte[] text = "config = model settings\nlayers 12\n".getBytes(); // starts with 'c' (GLOBAL) but is text

        CheckResult result = scan(InMemoryRevision.builder().file("model.bin", safetensorsLike).file("notes.bin", text)
                .file("README.md", "---\nlicense: mit\n---\n# Model\n".getBytes()).build());

        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.findings()).isEmpty();
        assertThat(count(result, "pickle.files.scanned")).isZero();
        assertThat(count(result, "pickle.files.examined")).isEqualTo(3);
    }

    @Test
    void pickleWithAnInnocentNameIsFoundByItsBytes() {
        InMemoryRevision revision = InMemoryRevision.builder().file("notes.txt", PickleBytes.callWithGlobal(2, "os", "system")).build();

        CheckResult sniffed = scan(revision);
        CheckResult byName = scan(revision, Map.of("scan-all-files", "false"));

        assertThat(findings(sniffed, "pickle.import.dangerous")).hasSize(1);
        assertThat(byName.findings()).isEmpty();
    }

    @Test
    void perFileLimitStopsTheWalkWithAFinding() {
        PickleBytes p = PickleBytes.proto(4);
        p.binBytes(8192).op('0');
        byte[] pickle = p.global("os", "system").stop().bytes();

        CheckResult limited = scan(InMemoryRevision.builder().file("x.pkl", pickle).build(), Map.of("max-bytes-per-file", "4096"));

        assertThat(findings(limited, "pickle.limit")).hasSize(1);
        assertThat(limited.verdict()).isEqualTo(Verdict.WARN);
    }

    @Test
    void largeInlinePayloadsAreSkippedNotRead() {
        byte[] pickle = PickleBytes.proto(4).binBytes(8 << 20).op('0').global("os", "system").stop().bytes();
        InMemoryRevision revision = InMemoryRevision.builder().file("x.pkl", pickle).build();

        CheckResult result = scan(revision);

        assertThat(findings(result, "pickle.import.dangerous")).hasSize(1);
        assertThat(revision.totalBytesRead()).isLessThan(1 << 20);
    }

    @Test
    void summaryListsTheDangerousImportsPerFile() {
        CheckResult result = scan(InMemoryRevision.builder()
                .file("a.pkl", PickleBytes.callWithGlobal(2, "os", "system"))
                .file("b.pt", Archives.torchZip(PickleBytes.torchStateDict(2), new byte[8])).build());

        assertThat(result.summary())
                .contains("| `a.pkl` | pickle (protocol 2) | 1 | `os.system` (critical) |")
                .contains("| `b.pt` | PyTorch zip, pickle (protocol 2) | 3 | — |");
        assertThat(count(result, "pickle.files.flagged")).isEqualTo(1);
        assertThat(count(result, "pickle.imports.dangerous")).isEqualTo(1);
    }
}
