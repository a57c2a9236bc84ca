package dev.stoa.plugins.picklescanner;

import dev.stoa.spi.ConfigProperty;
import dev.stoa.spi.ConfigProperty.Type;
import dev.stoa.spi.Evaluator;
import dev.stoa.spi.EvaluatorFactory;
import dev.stoa.spi.PluginConfig;
import dev.stoa.spi.PluginDescriptor;
import dev.stoa.spi.Severity;
import dev.stoa.spi.StoaPlugin;

import java.util.List;
import java.util.Locale;

/**
 * The pickle scanner: one evaluator, {@code pickle-imports}, that reports the imports of every pickle in a
 * revision (raw pickles, PyTorch zip and tar checkpoints, joblib and numpy files) judged against an allowlist,
 * by reading opcodes only. Configuration lives under {@code stoa.plugins.pickle-scanner.*}.
 */
public final class PickleScannerPlugin implements StoaPlugin {

    public static final String ID = "pickle-scanner";
    static final String MAX_BYTES_PER_FILE = "max-bytes-per-file";
    static final String MAX_ARCHIVE_ENTRIES = "max-archive-entries";
    static final String MAX_NESTING = "max-nesting";
    static final String SCAN_ALL_FILES = "scan-all-files";
    static final String UNKNOWN_IMPORT_SEVERITY = "unknown-import-severity";
    static final String SAFE_IMPORTS = "safe-imports";
    static final String DANGEROUS_IMPORTS = "dangerous-imports";

    @Override
    public PluginDescriptor descriptor() {
        ScanLimits d = ScanLimits.defaults();
        return PluginDescriptor.of(ID, "Pickle scanner", "1.0.0",
                "Finds code-execution risk in pickle-based model files (.bin, .pt, .pkl, .joblib, PyTorch zip and tar"
                        + " checkpoints) by reading their opcodes, never unpickling them.",
                ConfigProperty.optional(MAX_BYTES_PER_FILE, Type.LONG, String.valueOf(d.maxBytesPerFile()),
                        "Bytes of pickle streams walked per file; a file with more gets a pickle.limit finding."),
                ConfigProperty.optional(MAX_ARCHIVE_ENTRIES, Type.INTEGER, String.valueOf(d.maxArchiveEntries()),
                        "Entries of one zip or tar archive the scanner lists; a larger archive is reported, not scanned."),
                ConfigProperty.optional(MAX_NESTING, Type.INTEGER, String.valueOf(d.maxNesting()),
                        "How many containers deep (zip, tar, gzip) the scanner descends."),
                ConfigProperty.optional(SCAN_ALL_FILES, Type.BOOLEAN, String.valueOf(d.sniffAllFiles()),
                        "Whether every file's first bytes are examined (true), or only files with pickle-like extensions."),
                ConfigProperty.optional(UNKNOWN_IMPORT_SEVERITY, Type.STRING, "MEDIUM",
                        "Severity of an import that is neither allowlisted nor known dangerous: LOW, MEDIUM or HIGH."),
                ConfigProperty.optional(SAFE_IMPORTS, Type.LIST, "",
                        "More allowed imports, as module.name (e.g. an organisation's reviewed classes)."),
                ConfigProperty.optional(DANGEROUS_IMPORTS, Type.LIST, "",
                        "More dangerous (CRITICAL) imports, as module or module.name."));
    }

    @Override
    public List<EvaluatorFactory> evaluators() {
        return List.of(new EvaluatorFactory() {
            @Override
            public String name() {
                return PickleImportsEvaluator.NAME;
            }

            @Override
            public Evaluator create(PluginConfig config) {
                return new PickleImportsEvaluator(policy(config), limits(config));
            }
        });
    }

    static ImportPolicy policy(PluginConfig config) {
        String severity = config.get(UNKNOWN_IMPORT_SEVERITY).orElse("MEDIUM").strip().toUpperCase(Locale.ROOT);
        Severity unknown;
        try {
            unknown = Severity.valueOf(severity);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(UNKNOWN_IMPORT_SEVERITY + " must be LOW, MEDIUM or HIGH, not '" + severity + "'");
        }
        if (unknown == Severity.INFO || unknown == Severity.CRITICAL) {
            throw new IllegalArgumentException(UNKNOWN_IMPORT_SEVERITY + " must be LOW, MEDIUM or HIGH, not '" + severity + "'");
        }
        return new ImportPolicy(config.getList(SAFE_IMPORTS), config.getList(DANGEROUS_IMPORTS), unknown);
    }

    static ScanLimits limits(PluginConfig config) {
        ScanLimits d = ScanLimits.defaults();
        ScanLimits limits;
        try {
            limits = new ScanLimits(config.getLong(MAX_BYTES_PER_FILE, d.maxBytesPerFile()),
                    config.getInt(MAX_ARCHIVE_ENTRIES, d.maxArchiveEntries()), config.getInt(MAX_NESTING, d.maxNesting()),
                    config.getBoolean(SCAN_ALL_FILES, d.sniffAllFiles()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("A numeric pickle-scanner setting is not a number: " + e.getMessage());
        }
        if (limits.maxBytesPerFile() < 1 || limits.maxArchiveEntries() < 1 || limits.maxNesting() < 1) {
            throw new IllegalArgumentException(MAX_BYTES_PER_FILE + ", " + MAX_ARCHIVE_ENTRIES + " and " + MAX_NESTING
                    + " must be positive");
        }
        return limits;
    }
}
