package dev.stoa.hub.check;

import dev.stoa.spi.Finding;
import dev.stoa.spi.Severity;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The check runs of a commit summarised as the Hub's clients read scan results: {@code securityRepoStatus} in
 * model_info and {@code securityFileStatus} per file of the expanded tree, from the findings of the security
 * plugins ({@code stoa.checks.security-plugins}) only: a card or license finding is no file safety issue. A file is {@code unsafe} with a
 * HIGH or CRITICAL finding on it, {@code caution} with a LOW or MEDIUM one, else {@code queued} while checks
 * are pending, {@code safe} when they are done, {@code unscanned} when no check ran.
 */
@ApplicationScoped
public class CheckSummaries {

    /** The plugin whose runs make up {@code pickleImportScan}. */
    static final String PICKLE_SCANNER = "pickle-scanner";

    private final CheckRuns runs;
    private final java.util.Set<String> securityPlugins;

    CheckSummaries(CheckRuns runs, dev.stoa.hub.config.StoaConfig config) {
        this.runs = runs;
        this.securityPlugins = java.util.Set.copyOf(config.checks().securityPlugins());
    }

    /** The statuses of one commit's files, computed from one read of its runs. */
    public final class FileStatuses {
        private final List<CheckRunView> all;
        private final List<CheckRunView> pickle;

        private FileStatuses(List<CheckRunView> runs) {
            this.all = runs.stream().filter(r -> securityPlugins.contains(r.pluginId())).toList();
            this.pickle = all.stream().filter(r -> r.pluginId().equals(PICKLE_SCANNER)).toList();
        }

        /** {@code {status, avScan:{status}, pickleImportScan:{status}}}: all three keys, always. */
        public Map<String, Object> of(String path) {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("status", status(all, path));
            status.put("avScan", Map.of("status", "unscanned")); // Stoa runs no antivirus
            status.put("pickleImportScan", Map.of("status", status(pickle, path)));
            return status;
        }
    }

    /** Every check run of one commit, with its verdict and findings (the security plugins' and the others'). */
    public List<CheckRunView> runs(long repoId, String commit) {
        return runs.list(repoId, commit);
    }

    public FileStatuses files(long repoId, String commit) {
        return new FileStatuses(runs.list(repoId, commit));
    }

    /** {@code {scansDone, filesWithIssues:[{path, level}]}}; scansDone once every run of the commit is over. */
    public Map<String, Object> repoStatus(long repoId, String commit) {
        List<CheckRunView> all = runs.list(repoId, commit);
        Map<String, String> levels = new TreeMap<>();
        for (CheckRunView run : all) {
            if (!securityPlugins.contains(run.pluginId())) {
                continue;
            }
            for (Finding finding : run.findings()) {
                level(finding.severity()).ifPresent(level -> {
                    if (finding.path() != null) {
                        levels.merge(finding.path(), level, (a, b) -> a.equals("unsafe") || b.equals("unsafe") ? "unsafe" : "caution");
                    }
                });
            }
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("scansDone", !all.isEmpty() && all.stream().allMatch(r -> r.status().isFinished()));
        status.put("filesWithIssues", levels.entrySet().stream().map(e -> Map.of("path", e.getKey(), "level", e.getValue())).toList());
        return status;
    }

    private static String status(List<CheckRunView> runs, String path) {
        if (runs.isEmpty()) {
            return "unscanned";
        }
        Optional<Severity> worst = runs.stream().flatMap(r -> r.findings().stream()).filter(f -> path.equals(f.path()))
                .map(Finding::severity).max(Enum::compareTo);
        Optional<String> level = worst.flatMap(CheckSummaries::level);
        if (level.isPresent()) {
            return level.get();
        }
        return runs.stream().allMatch(r -> r.status().isFinished()) ? "safe" : "queued";
    }

    private static Optional<String> level(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> Optional.of("unsafe");
            case MEDIUM, LOW -> Optional.of("caution");
            case INFO -> Optional.empty();
        };
    }
}
