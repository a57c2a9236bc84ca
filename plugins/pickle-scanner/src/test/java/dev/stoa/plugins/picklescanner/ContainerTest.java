package dev.stoa.plugins.picklescanner;

import dev.stoa.spi.CheckResult;
import dev.stoa.spi.Verdict;
import dev.stoa.spi.testkit.InMemoryRevision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.stoa.plugins.picklescanner.PickleScanning.count;
import static dev.stoa.plugins.picklescanner.PickleScanning.findings;
import static dev.stoa.plugins.picklescanner.PickleScanning.scan;
import static dev.stoa.plugins.picklescanner.PickleScanning.scanFile;
import static org.assertj.core.api.Assertions.assertThat;

/** Pickles inside PyTorch zips, tar checkpoints, legacy multi-pickle files, gzip and numpy files. */
class ContainerTest {

    private static final byte[] TENSOR = new byte[4 << 20];

    @ParameterizedTest(name = "protocol {0}")
    @ValueSource(ints = {2, 3, 4, 5})
    void benignTorchZipPassesWithoutReadingTensors(int protocol) {
        InMemoryRevision revision = InMemoryRevision.builder()
                .file("pytorch_model.bin", Archives.torchZip(PickleBytes.torchStateDict(protocol), TENSOR)).build();

        CheckResult result = scan(revision);

        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.findings()).isEmpty();
        assertThat(count(result, "pickle.files.scanned")).isEqualTo(1);
        assertThat(count(result, "pickle.imports.found")).isEqualTo(3);
        assertThat(count(result, "pickle.imports.flagged")).isZero();
        assertThat(revision.totalBytesRead()).isLessThan(16 * 1024);
        assertThat(count(result, "pickle.bytes.read")).isEqualTo(revision.totalBytesRead());
        assertThat(revision.openStreams()).isZero();
        assertThat(result.summary()).contains("`pytorch_model.bin`", "PyTorch zip");
    }

    @Test
    void maliciousTorchZipNamesTheEntry() {
        CheckResult result = scanFile("model.pt",
                Archives.torchZip(PickleBytes.callWithStackGlobal(4, "os", "system"), TENSOR));

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(findings(result, "pickle.import.dangerous")).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("model.pt");
            assertThat(f.message()).contains("archive/data.pkl", "os.system");
        });
        assertThat(result.summary()).contains("`os.system` (critical)");
    }

    @Test
    void deflatedZipEntryIsInflatedAndScanned() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("model/data.pkl", PickleBytes.callWithGlobal(2, "subprocess", "Popen"));
        CheckResult result = scanFile("checkpoint.ckpt", Archives.deflatedZip(entries));

        assertThat(findings(result, "pickle.import.dangerous")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("model/data.pkl", "subprocess.Popen"));
    }

    @Test
    void tensorEntriesAreNotScanned() {
        // tensor bytes that happen to look like a malicious protocol-0 pickle are data, not a pickle torch loads
        CheckResult result = scanFile("model.pt",
                Archives.torchZip(PickleBytes.torchStateDict(2), PickleBytes.callWithGlobal(0, "os", "system")));

        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void legacyTarCheckpointIsScannedMemberByMember() {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("sys_info", PickleBytes.proto(2).op(0x7d).stop().bytes());
        members.put("pickle", PickleBytes.callWithGlobal(2, "builtins", "exec"));
        members.put("storages", PickleBytes.proto(2).int1(0).stop().bytes());
        CheckResult result = scanFile("old_model.tar", Archives.tar(members));

        assertThat(findings(result, "pickle.import.dangerous")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("In archive entry pickle", "builtins.exec"));
    }

    @Test
    void benignTarCheckpointPasses() {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("sys_info", PickleBytes.proto(2).op(0x7d).stop().bytes());
        members.put("pickle", PickleBytes.torchStateDict(2));
        CheckResult result = scanFile("old_model.tar", Archives.tar(members));

        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(count(result, "pickle.streams.scanned")).isEqualTo(2);
    }

    @Test
    void legacyTorchFileWithConsecutivePicklesAndRawDataIsScannedToTheLastPickle() {
        byte[] magic = PickleBytes.proto(2).op(0x8a, 10).raw(new byte[]{0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9,
                0x20, 0x6a, (byte) 0xa8, 0x50, 0x19}).stop().bytes();
        byte[] version = PickleBytes.proto(2).op('M').le(1001, 2).stop().bytes();
        byte[] sysInfo = PickleBytes.proto(2).op(0x7d).stop().bytes();
        byte[] keys = PickleBytes.proto(2).op(']').stop().bytes();
        byte[] rawStorage = new byte[4096];
        rawStorage[0] = (byte) 0xfe;

        byte[] benign = concat(magic, version, sysInfo, PickleBytes.torchStateDict(2), keys, rawStorage);
        byte[] malicious = concat(magic, version, sysInfo, PickleBytes.callWithGlobal(2, "posix", "system"), keys, rawStorage);

        CheckResult ok = scanFile("pytorch_model.bin", benign);
        CheckResult bad = scanFile("pytorch_model.bin", malicious);

        assertThat(ok.verdict()).isEqualTo(Verdict.PASS);
        assertThat(count(ok, "pickle.streams.scanned")).isEqualTo(5);
        assertThat(findings(bad, "pickle.import.dangerous")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("posix.system"));
    }

    @Test
    void zipInsideTarIsScanned() {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("inner/model.pt", Archives.torchZip(PickleBytes.callWithGlobal(3, "runpy", "_run_code"), new byte[16]));
        CheckResult result = scanFile("bundle.tar", Archives.tar(members));

        assertThat(findings(result, "pickle.import.dangerous")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("inner/model.pt!/archive/data.pkl", "runpy._run_code"));
    }

    @Test
    void nestingDeeperThanTheLimitIsReported() {
        byte[] inner = Archives.storedZip(Map.of("data.pkl", PickleBytes.callWithGlobal(2, "os", "system")));
        byte[] middle = Archives.storedZip(Map.of("inner.zip", inner));
        byte[] outer = Archives.storedZip(Map.of("middle.zip", middle));

        CheckResult limited = scan(InMemoryRevision.builder().file("x.zip", outer).build(), Map.of("max-nesting", "2"));
        CheckResult deep = scan(InMemoryRevision.builder().file("x.zip", outer).build());

        assertThat(findings(limited, "pickle.limit")).hasSize(1);
        assertThat(findings(limited, "pickle.import.dangerous")).isEmpty();
        assertThat(findings(deep, "pickle.import.dangerous")).hasSize(1);
    }

    @Test
    void gzippedPickleIsScanned() {
        CheckResult result = scanFile("model.pkl.gz", Archives.gzip(PickleBytes.callWithGlobal(2, "os", "system")));

        assertThat(findings(result, "pickle.import.dangerous")).hasSize(1);
    }

    @Test
    void numpyObjectArrayPayloadIsAPickle() {
        byte[] npy = Archives.npy("|O", PickleBytes.callWithStackGlobal(4, "builtins", "eval"));

        CheckResult result = scanFile("features.npy", npy);

        assertThat(findings(result, "pickle.import.dangerous")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("builtins.eval"));
    }

    @Test
    void numericNumpyArrayIsNotAPickle() {
        byte[] payload = PickleBytes.callWithGlobal(0, "os", "system"); // raw float bytes, whatever they look like
        CheckResult result = scanFile("features.npy", Archives.npy("<f4", payload));

        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(count(result, "pickle.files.scanned")).isZero();
    }

    @Test
    void joblibWithNumpyWrapperAndBenignContentPasses() {
        byte[] pickle = PickleBytes.proto(4).unicode("joblib.numpy_pickle").memoize().unicode("NumpyArrayWrapper")
                .memoize().stackGlobal().memoize().emptyTuple().op(0x81).op(0x7d).build().stop().bytes();

        assertThat(scanFile("model.joblib", pickle).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void joblibArrayBytesInsideTheStreamAreAPartialScanNotMalformed() {
        byte[] pickle = PickleBytes.proto(4).unicode("joblib.numpy_pickle").memoize().unicode("NumpyArrayWrapper")
                .memoize().stackGlobal().memoize().emptyTuple().op(0x81).op(0x7d).build()
                .raw(new byte[]{(byte) 0xff, (byte) 0xfe, 0x01}).stop().bytes();

        CheckResult result = scanFile("model.joblib", pickle);

        assertThat(findings(result, "pickle.partial")).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(dev.stoa.spi.Severity.LOW));
        assertThat(findings(result, "pickle.malformed")).isEmpty();
        assertThat(result.verdict()).isEqualTo(Verdict.WARN);
    }

    @Test
    void unsupportedCompressionIsReportedAsUnscanned() {
        byte[] bz2 = {'B', 'Z', 'h', '9', 0x31, 0x41, 0x59, 0x26};

        CheckResult result = scanFile("model.joblib", bz2);

        assertThat(findings(result, "pickle.unscanned")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("bzip2"));
        assertThat(result.verdict()).isEqualTo(Verdict.WARN);
    }

    @Test
    void damagedZipIsReportedNotThrown() {
        byte[] zip = Archives.torchZip(PickleBytes.torchStateDict(2), new byte[1000]);
        byte[] cut = java.util.Arrays.copyOf(zip, zip.length - 30);

        CheckResult result = scanFile("model.pt", cut);

        assertThat(findings(result, "pickle.archive.malformed")).hasSize(1);
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
