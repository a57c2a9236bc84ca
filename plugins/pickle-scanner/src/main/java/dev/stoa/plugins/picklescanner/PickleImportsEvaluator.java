package dev.stoa.plugins.picklescanner;

import dev.stoa.spi.CheckContext;
import dev.stoa.spi.CheckResult;
import dev.stoa.spi.Evaluator;
import dev.stoa.spi.Metric;
import dev.stoa.spi.Revision;
import dev.stoa.spi.RevisionFile;
import dev.stoa.spi.Severity;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;

/**
 * Scans every pickle of a revision and reports each import that is not on the allowlist, with the file (and
 * archive entry) it is in. Keeps no per-revision state, so one instance serves concurrent evaluations.
 */
final class PickleImportsEvaluator implements Evaluator {

    static final String NAME = "pickle-imports";

    private final ImportPolicy policy;
    private final ScanLimits limits;

    PickleImportsEvaluator(ImportPolicy policy, ScanLimits limits) {
        this.policy = policy;
        this.limits = limits;
    }

    @Override
    public boolean appliesTo(Revision revision) {
        return revision.files().stream().anyMatch(f -> limits.sniffAllFiles() || Format.isCandidate(f.fileName()));
    }

    @Override
    public CheckResult evaluate(Revision revision, CheckContext context) throws IOException {
        ScanStats stats = new ScanStats();
        FileScanner scanner = new FileScanner(policy, limits, context::isCancelled, stats);
        List<FileReport> reports = new ArrayList<>();
        List<RevisionFile> files = revision.files();
        int examined = 0;
        for (RevisionFile file : files) {
            if (context.isCancelled()) {
                throw new CancellationException("pickle scan cancelled after " + examined + " files");
            }
            if (!limits.sniffAllFiles() && !Format.isCandidate(file.fileName())) {
                continue;
            }
            examined++;
            FileReport report = new FileReport(file.path(), limits.maxBytesPerFile());
            try {
                scanner.scan(new RevisionSource(revision, file.path(), file.size(), stats), null, file.fileName(), 0, report);
            } catch (PickleStreamException | ArithmeticException | IndexOutOfBoundsException | IllegalArgumentException e) {
                // Defence in depth: a case the scanner does not handle must not pass the file silently.
                report.problem(Severity.MEDIUM, "pickle.unscanned", null,
                        "The scanner could not finish reading this file (" + e.getMessage() + "); review it by hand.");
            }
            if (report.isPickle() || !report.problems.isEmpty()) {
                reports.add(report);
            }
            context.progress("examined " + examined + " of " + files.size() + " files");
        }
        return result(reports, stats, examined);
    }

    private CheckResult result(List<FileReport> reports, ScanStats stats, int examined) {
        CheckResult.Builder result = CheckResult.builder();
        for (FileReport report : reports) {
            if (report.isPickle()) {
                stats.filesScanned++;
            }
            List<FileReport.ImportHit> flagged = report.flagged();
            stats.importsFound += report.imports.size();
            stats.importsFlagged += flagged.size();
            if (!flagged.isEmpty()) {
                stats.filesFlagged++;
            }
            for (FileReport.ImportHit hit : flagged) {
                if (hit.judgement().severity() == Severity.CRITICAL) {
                    stats.importsDangerous++;
                }
                result.finding(hit.judgement().severity(), hit.judgement().code(), report.path, message(hit));
            }
            report.problems.forEach(result::finding);
        }
        result.metric(Metric.count("pickle.files.examined", examined))
                .metric(Metric.count("pickle.files.scanned", stats.filesScanned))
                .metric(Metric.count("pickle.files.flagged", stats.filesFlagged))
                .metric(Metric.count("pickle.streams.scanned", stats.streamsScanned))
                .metric(Metric.count("pickle.bytes.read", stats.bytesRead))
                .metric(Metric.count("pickle.imports.found", stats.importsFound))
                .metric(Metric.count("pickle.imports.flagged", stats.importsFlagged))
                .metric(Metric.count("pickle.imports.dangerous", stats.importsDangerous));
        return result.summary(summary(reports, stats, examined)).build();
    }

    private static String message(FileReport.ImportHit hit) {
        String fq = ImportPolicy.qualifiedName(hit.module(), hit.name());
        String as = fq.equals(hit.qualifiedName()) ? "" : " (" + fq + " in Python 3)";
        String times = hit.count() > 1 ? " " + hit.count() + " times" : "";
        String consequence = switch (hit.judgement().severity()) {
            case CRITICAL -> " Loading this file with pickle, torch.load or joblib.load runs it: do not load it; publish safetensors instead.";
            case HIGH -> " Loading this file can call arbitrary objects through it; do not load it unless you trust the uploader.";
            default -> " Loading this file runs that code; review it, or publish safetensors instead.";
        };
        return FileReport.where(hit.entry()) + "Imports " + hit.qualifiedName() + as + times + ", which "
                + hit.judgement().reason() + "." + consequence;
    }

    private static String summary(List<FileReport> reports, ScanStats stats, int examined) {
        StringBuilder md = new StringBuilder();
        md.append("Examined ").append(examined).append(examined == 1 ? " file" : " files").append("; ")
                .append(stats.filesScanned).append(stats.filesScanned == 1 ? " holds" : " hold").append(" pickles (")
                .append(stats.streamsScanned).append(" streams, ").append(humanBytes(stats.bytesRead)).append(" read): ")
                .append(stats.importsDangerous > 0 ? "**" + stats.filesFlagged + " with imports off the allowlist, dangerous ones among them**"
                        : stats.filesFlagged > 0 ? stats.filesFlagged + " with imports off the allowlist"
                        : "no imports off the allowlist").append(".\n");
        if (reports.isEmpty()) {
            return md.toString();
        }
        md.append("\n| File | Format | Imports | Off the allowlist |\n|---|---|---|---|\n");
        for (FileReport report : reports) {
            String flagged = report.flagged().stream()
                    .map(h -> "`" + h.qualifiedName() + "` (" + h.judgement().severity().name().toLowerCase(java.util.Locale.ROOT) + ")")
                    .distinct().collect(Collectors.joining(", "));
            String problems = report.problems.isEmpty() ? "" : (flagged.isEmpty() ? "" : "; ")
                    + report.problems.stream().map(f -> f.code()).distinct().collect(Collectors.joining(", "));
            md.append("| `").append(report.path).append("` | ").append(String.join(", ", report.formats))
                    .append(" | ").append(report.imports.size()).append(" | ")
                    .append(flagged.isEmpty() && problems.isEmpty() ? "—" : flagged + problems).append(" |\n");
        }
        return md.toString();
    }

    private static String humanBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
