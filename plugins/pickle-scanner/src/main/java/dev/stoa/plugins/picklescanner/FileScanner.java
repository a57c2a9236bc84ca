package dev.stoa.plugins.picklescanner;

import dev.stoa.spi.Severity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Scans one repository file: tells its format by its first bytes, walks the pickle streams it holds, and
 * descends into zip and tar archives, compressed files and numpy object arrays, up to a nesting limit.
 * Problems in the file become entries of its {@link FileReport}; only I/O failures of the revision escape.
 */
final class FileScanner {

    /** Consecutive pickles in one file (legacy PyTorch files hold five) before the rest is left unread. */
    private static final int MAX_STREAMS = 64;
    private static final int HEAD = 512;

    private final ImportPolicy policy;
    private final ScanLimits limits;
    private final BooleanSupplier cancelled;
    private final ScanStats stats;

    FileScanner(ImportPolicy policy, ScanLimits limits, BooleanSupplier cancelled, ScanStats stats) {
        this.policy = policy;
        this.limits = limits;
        this.cancelled = cancelled;
        this.stats = stats;
    }

    /**
     * Scans {@code source}.
     *
     * @param entry the archive entry path ({@code outer.zip!/inner.pkl} when nested), {@code null} for the file
     * @param name  the file or entry name, for the extension-based caution
     * @param depth how many containers deep this is
     */
    void scan(ByteSource source, String entry, String name, int depth, FileReport report) throws IOException {
        if (source.size() == 0) {
            return;
        }
        byte[] head = source.readAt(0, HEAD);
        Format format = Format.sniff(head);
        switch (format) {
            case ZIP -> {
                if (enter(depth, entry, report)) {
                    scanZip(source, entry, depth, report);
                }
            }
            case TAR -> {
                if (enter(depth, entry, report)) {
                    scanTar(source, entry, depth, report);
                }
            }
            case GZIP, ZLIB -> {
                if (enter(depth, entry, report)) {
                    report.formats.add(format == Format.GZIP ? "gzip" : "zlib");
                    InflatedSource.Kind kind = format == Format.GZIP ? InflatedSource.Kind.GZIP : InflatedSource.Kind.ZLIB;
                    scan(new InflatedSource(source, kind, -1), entry, stripCompressionSuffix(name), depth + 1, report);
                }
            }
            case NUMPY -> scanNumpy(source, head, entry, report);
            case OTHER_COMPRESSION -> {
                if (Format.isCandidate(name)) {
                    report.problem(Severity.MEDIUM, "pickle.unscanned", entry, "Compressed with "
                            + Format.otherCompression(head) + ", which the scanner cannot read; its pickles were not scanned.");
                }
            }
            case PICKLE -> scanPickles(source, 0, entry, true, report);
            case MAYBE_PICKLE -> scanPickles(source, 0, entry, Format.promisesPickle(name), report);
            case NONE -> {
                if (Format.promisesPickle(name)) {
                    report.problem(Severity.MEDIUM, "pickle.malformed", entry,
                            "The name promises a pickle but the content does not start like one.");
                }
            }
        }
    }

    private boolean enter(int depth, String entry, FileReport report) {
        if (depth >= limits.maxNesting()) {
            report.problem(Severity.MEDIUM, "pickle.limit", entry, "Containers are nested more than "
                    + limits.maxNesting() + " deep; the inner one was not scanned.");
            return false;
        }
        return true;
    }

    /**
     * Walks the consecutive pickle streams that start at {@code start}.
     *
     * @param strict whether the first stream is surely a pickle (it starts with PROTO, or the name says so), so
     *               that a malformed stream is reported even before any import
     */
    void scanPickles(ByteSource source, long start, String entry, boolean strict, FileReport report) throws IOException {
        long budget = report.budgetLeft;
        try (PickleInput in = new PickleInput(source, start, budget)) {
            try {
                for (int i = 0; i < MAX_STREAMS; i++) {
                    StreamImports found = new StreamImports();
                    PickleWalker walker = new PickleWalker(found, cancelled);
                    try {
                        walker.walk(in);
                    } catch (PickleStreamException e) {
                        // A stream that imported nothing before breaking cannot have run code: unless we know it
                        // is a pickle, it was data that merely looked like one.
                        if (strict && i == 0 || !found.events.isEmpty()) {
                            commit(found, entry, walker.protocol(), report);
                            if (e.kind() == PickleStreamException.Kind.MALFORMED && found.events.stream().anyMatch(
                                    ev -> ev instanceof StreamImports.Import im && im.module().startsWith("joblib.numpy_pickle"))) {
                                // joblib writes each array's bytes into the stream right after its wrapper
                                report.problem(Severity.LOW, "pickle.partial", entry, "joblib stores array bytes inside"
                                        + " the pickle stream; the scan stopped at byte " + e.offset() + ", so imports after"
                                        + " the first array were not checked.");
                                return;
                            }
                            report.problem(Severity.MEDIUM, e.kind() == PickleStreamException.Kind.LIMIT
                                            ? "pickle.limit" : "pickle.malformed", entry,
                                    describe(e) + " at byte " + e.offset() + ": " + e.getMessage() + ".");
                        }
                        return;
                    }
                    commit(found, entry, walker.protocol(), report);
                    // Another pickle may follow (legacy PyTorch files); anything else (tensor data) ends the walk.
                    if (in.peek() != 0x80 || in.peekAt(1) < 2 || in.peekAt(1) > 5) {
                        return;
                    }
                }
            } finally {
                report.budgetLeft = budget - (in.position() - start);
            }
        }
    }

    private static String describe(PickleStreamException e) {
        return switch (e.kind()) {
            case MALFORMED -> "Malformed pickle stream";
            case TRUNCATED -> "Truncated pickle stream";
            case LIMIT -> "Scan stopped";
        };
    }

    private void commit(StreamImports found, String entry, int protocol, FileReport report) {
        report.streams++;
        stats.streamsScanned++;
        report.formats.add("pickle (protocol " + protocol + ")");
        int unresolved = 0;
        int extensions = 0;
        StreamImports.Event firstUnresolved = null;
        StreamImports.Event firstExtension = null;
        for (StreamImports.Event event : found.events) {
            switch (event) {
                case StreamImports.Import i -> report.addImport(entry, i.module(), i.name(), policy.judge(i.module(), i.name()));
                case StreamImports.Unresolved u -> {
                    firstUnresolved = unresolved++ == 0 ? u : firstUnresolved;
                }
                case StreamImports.Extension x -> {
                    firstExtension = extensions++ == 0 ? x : firstExtension;
                }
            }
        }
        if (firstUnresolved instanceof StreamImports.Unresolved u) {
            report.problem(Severity.HIGH, "pickle.import.unresolved", entry, times(unresolved, u.opcode() + " import")
                    + " (at byte " + u.offset() + ") takes its module or name from a value computed by the stream,"
                    + " which the scanner cannot follow; treat it as unknown code.");
        }
        if (firstExtension instanceof StreamImports.Extension x) {
            report.problem(Severity.HIGH, "pickle.import.extension", entry, times(extensions, "EXT import")
                    + " (code " + x.code() + " at byte " + x.offset() + ") loads whatever the loading process"
                    + " registered in the copyreg extension registry.");
        }
    }

    private static String times(int count, String what) {
        return count == 1 ? "A " + what : count + " " + what + "s, the first";
    }

    private void scanZip(ByteSource zip, String entry, int depth, FileReport report) throws IOException {
        List<ZipDirectory.Entry> entries;
        try {
            entries = ZipDirectory.read(zip, limits.maxArchiveEntries());
        } catch (ArchiveException e) {
            report.problem(Severity.MEDIUM, "pickle.archive.malformed", entry, "Zip archive: " + e.getMessage() + ".");
            return;
        }
        boolean torch = entries.stream().anyMatch(e -> e.name().endsWith("/data.pkl") || e.name().equals("data.pkl"));
        report.formats.add(torch ? "PyTorch zip" : "zip");
        if (entries.stream().anyMatch(e -> e.name().contains("/code/") && e.name().endsWith(".py"))) {
            report.problem(Severity.INFO, "pickle.torchscript", entry, "TorchScript archive: torch.jit.load compiles and"
                    + " runs the code it contains (TorchScript, not Python); its pickles were scanned.");
        }
        for (ZipDirectory.Entry e : entries) {
            if (e.directory() || !Format.isCandidate(e.name())) {
                continue;
            }
            String label = child(entry, e.name());
            if (e.encrypted() || e.method() != 0 && e.method() != 8) {
                report.problem(Severity.MEDIUM, "pickle.unscanned", label, (e.encrypted() ? "Encrypted"
                        : "Compressed with zip method " + e.method()) + ", which the scanner cannot read; not scanned.");
                continue;
            }
            ByteSource data;
            try {
                data = zip.slice(ZipDirectory.dataOffset(zip, e), e.compressedSize());
            } catch (ArchiveException ex) {
                report.problem(Severity.MEDIUM, "pickle.archive.malformed", entry, "Zip archive: " + ex.getMessage() + ".");
                continue;
            }
            if (e.method() == 8) {
                data = new InflatedSource(data, InflatedSource.Kind.DEFLATE, e.size());
            }
            scan(data, label, e.name(), depth + 1, report);
        }
    }

    private void scanTar(ByteSource tar, String entry, int depth, FileReport report) throws IOException {
        report.formats.add("tar");
        List<TarArchive.Member> members;
        try {
            members = TarArchive.read(tar, limits.maxArchiveEntries());
        } catch (ArchiveException e) {
            report.problem(Severity.MEDIUM, "pickle.archive.malformed", entry, "Tar archive: " + e.getMessage() + ".");
            return;
        }
        for (TarArchive.Member m : members) {
            scan(tar.slice(m.dataOffset(), m.size()), child(entry, m.name()), m.name(), depth + 1, report);
        }
    }

    /** An .npy file's payload is a pickle only for object arrays ({@code 'descr': '|O'}). */
    private void scanNumpy(ByteSource npy, byte[] head, String entry, FileReport report) throws IOException {
        report.formats.add("numpy .npy");
        if (head.length < 10) {
            report.problem(Severity.MEDIUM, "pickle.malformed", entry, "Truncated .npy header.");
            return;
        }
        int major = head[6] & 0xff;
        long headerLength = major == 1 ? ZipDirectory.le16(head, 8)
                : head.length >= 12 ? ZipDirectory.le32u(head, 8) : -1;
        long dataStart = (major == 1 ? 10 : 12) + headerLength;
        if (headerLength < 0 || headerLength > 1 << 20 || dataStart > npy.size() && npy.size() >= 0) {
            report.problem(Severity.MEDIUM, "pickle.malformed", entry, "The .npy header length is absurd or runs past the file.");
            return;
        }
        String header = new String(npy.readAt(major == 1 ? 10 : 12, (int) headerLength), StandardCharsets.ISO_8859_1);
        if (header.contains("'|O'") || header.contains("'O'") || header.contains("\"|O\"")) {
            report.formats.add("numpy object array");
            scanPickles(npy, dataStart, entry, true, report);
        }
    }

    private static String child(String entry, String name) {
        return entry == null ? name : entry + "!/" + name;
    }

    private static String stripCompressionSuffix(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && (name.endsWith(".gz") || name.endsWith(".z") || name.endsWith(".zlib")) ? name.substring(0, dot) : name;
    }
}
