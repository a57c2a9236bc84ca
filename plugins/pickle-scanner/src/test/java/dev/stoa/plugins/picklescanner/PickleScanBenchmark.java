package dev.stoa.plugins.picklescanner;

import dev.stoa.spi.CheckContext;
import dev.stoa.spi.CheckResult;
import dev.stoa.spi.Evaluator;
import dev.stoa.spi.Metric;
import dev.stoa.spi.Verdict;
import dev.stoa.spi.testkit.InMemoryRevision;
import dev.stoa.spi.testkit.PluginTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scanner throughput versus a raw sequential read of the same file, on checkpoints written to
 * {@code target/pickle-bench}. Runs only with {@code -Dbench} (see the README); sizes scale with
 * {@code -Dbench.mib} (default 1024).
 *
 * <ul>
 *   <li>PyTorch zip: a small {@code data.pkl} and large tensor entries; the scanner reads the pickle only.</li>
 *   <li>Inline-bytes pickle: tensors stored in the pickle stream ({@code BINBYTES8}, as numpy and protocol 5
 *       pickles do); the scanner skips them by ranged reads.</li>
 *   <li>Opcode-dense pickle: millions of small opcodes (ints and strings in lists); the scanner must walk every
 *       byte, so this is its worst case.</li>
 * </ul>
 */
@EnabledIfSystemProperty(named = "bench", matches = ".*")
class PickleScanBenchmark {

    private static final int RUNS = 3;

    @Test
    void scanThroughputVersusRawRead() throws IOException {
        long mib = Long.getLong("bench.mib", 1024);
        Path dir = Path.of("target", "pickle-bench");
        Files.createDirectories(dir);
        Path zip = dir.resolve("pytorch_model.bin");
        Path inline = dir.resolve("inline.pkl");
        Path dense = dir.resolve("dense.pkl");
        writeTorchZip(zip, mib << 20);
        writeInlinePickle(inline, mib << 20);
        writeDensePickle(dense, Math.max(1, mib / 8) << 20);

        Evaluator evaluator = PluginTestKit.load(PickleScannerPlugin.ID)
                .evaluator("pickle-imports", java.util.Map.of("max-bytes-per-file", String.valueOf(Long.MAX_VALUE / 2)));
        List<String> rows = new ArrayList<>();
        rows.add("| File | Size | Raw read | Scan | Scan / raw time | Bytes read by the scan |");
        rows.add("|---|---|---|---|---|---|");
        for (Path file : List.of(zip, inline, dense)) {
            InMemoryRevision revision = InMemoryRevision.builder().lfsFile(file.getFileName().toString(), file).build();
            double raw = Double.MAX_VALUE;
            double scan = Double.MAX_VALUE;
            CheckResult result = null;
            for (int run = 0; run < RUNS; run++) {
                raw = Math.min(raw, timeRawRead(file));
                revision.resetCounters();
                long start = System.nanoTime();
                result = evaluator.evaluate(revision, CheckContext.NONE);
                scan = Math.min(scan, (System.nanoTime() - start) / 1e9);
            }
            assertThat(result.verdict()).isEqualTo(Verdict.PASS);
            long size = Files.size(file);
            long read = result.metrics().stream().filter(m -> m.name().equals("pickle.bytes.read"))
                    .mapToLong(m -> ((Metric.Count) m).value()).sum();
            rows.add(String.format(Locale.ROOT, "| %s | %s | %.3f s (%s/s) | %.3f s (%s/s) | %.3f | %s |",
                    file.getFileName(), human(size), raw, human((long) (size / raw)), scan, human((long) (size / scan)),
                    scan / raw, human(read)));
        }
        String table = String.join("\n", rows);
        System.out.println("\nPickle scanner benchmark (best of " + RUNS + ", page cache warm)\n" + table + "\n");
        Files.writeString(dir.resolve("results.md"), table + "\n");
    }

    private static double timeRawRead(Path file) throws IOException {
        byte[] buffer = new byte[1 << 20];
        long start = System.nanoTime();
        long total = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
            }
        }
        assertThat(total).isEqualTo(Files.size(file));
        return (System.nanoTime() - start) / 1e9;
    }

    /** A state dict of 256 tensors: data.pkl names them, archive/data/N holds their bytes. */
    private static void writeTorchZip(Path path, long bytes) throws IOException {
        if (Files.exists(path) && Files.size(path) >= bytes) {
            return;
        }
        int tensors = 256;
        int tensorBytes = (int) Math.max(1, bytes / tensors);
        PickleBytes p = PickleBytes.proto(2).global("collections", "OrderedDict").binput(0).emptyTuple().reduce().binput(1)
                .global("torch._utils", "_rebuild_tensor_v2").binput(2).global("torch", "FloatStorage").binput(3)
                .mark();
        for (int i = 0; i < tensors; i++) {
            p.unicode("layer." + i + ".weight").binget(2)
                    .mark().mark().unicode("storage").binget(3).unicode(String.valueOf(i)).unicode("cpu")
                    .op('J').le(tensorBytes / 4, 4).tuple().op('Q')
                    .int1(0).op('J').le(tensorBytes / 4, 4).tuple1().int1(1).tuple1().op(0x89)
                    .binget(0).emptyTuple().reduce().tuple().reduce();
        }
        byte[] pickle = p.op('u').stop().bytes();
        byte[] chunk = new byte[1 << 20];
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(path), 1 << 20))) {
            stored(zip, "archive/data.pkl", pickle);
            stored(zip, "archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < tensors; i++) {
                ZipEntry entry = new ZipEntry("archive/data/" + i);
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(tensorBytes);
                entry.setCompressedSize(tensorBytes);
                CRC32 crc = new CRC32();
                for (long left = tensorBytes; left > 0; left -= chunk.length) {
                    crc.update(chunk, 0, (int) Math.min(chunk.length, left));
                }
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                for (long left = tensorBytes; left > 0; left -= chunk.length) {
                    zip.write(chunk, 0, (int) Math.min(chunk.length, left));
                }
                zip.closeEntry();
            }
        }
    }

    private static void stored(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    /** A protocol 4 dict of 64 numpy-style arrays whose bytes sit inline in BINBYTES8 arguments. */
    private static void writeInlinePickle(Path path, long bytes) throws IOException {
        if (Files.exists(path) && Files.size(path) >= bytes) {
            return;
        }
        int arrays = 64;
        long arrayBytes = bytes / arrays;
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 20)) {
            out.write(PickleBytes.proto(4).op('}').mark().bytes());
            for (int i = 0; i < arrays; i++) {
                out.write(new PickleBytes().unicode("array" + i).unicode("numpy._core.numeric").unicode("_frombuffer")
                        .stackGlobal().op(0x8e).le(arrayBytes, 8).bytes());
                for (long left = arrayBytes; left > 0; left -= chunk.length) {
                    out.write(chunk, 0, (int) Math.min(chunk.length, left));
                }
                out.write(new PickleBytes().unicode("<f4").tuple2().reduce().bytes());
            }
            out.write(new PickleBytes().op('u').stop().bytes());
        }
    }

    /** A protocol 2 list of lists of small ints and short strings: one or two bytes per opcode. */
    private static void writeDensePickle(Path path, long bytes) throws IOException {
        if (Files.exists(path) && Files.size(path) >= bytes) {
            return;
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 20)) {
            out.write(PickleBytes.proto(2).op(']').mark().bytes());
            long written = 0;
            byte[] batch;
            PickleBytes b = new PickleBytes().op(']').mark();
            for (int i = 0; i < 1000; i++) {
                if (i % 4 == 0) {
                    b.shortBinString("tok" + (i % 10));
                } else {
                    b.int1(i & 0xff);
                }
            }
            batch = b.op('e').bytes();
            while (written < bytes) {
                out.write(batch);
                written += batch.length;
            }
            out.write(new PickleBytes().op('e').stop().bytes());
        }
    }

    private static String human(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
}
