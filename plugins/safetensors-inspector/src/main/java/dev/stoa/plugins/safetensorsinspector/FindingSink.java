package dev.stoa.plugins.safetensorsinspector;

import dev.stoa.spi.Finding;
import dev.stoa.spi.Severity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects findings, keeping at most a configured number per file so that a header with thousands of broken
 * entries yields a readable result; what was left out is counted in one closing finding per file.
 */
final class FindingSink {

    static final String TRUNCATED = "safetensors.findings.truncated";

    private final int maxPerFile;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, Integer> perFile = new HashMap<>();
    private final Map<String, Integer> dropped = new HashMap<>();

    FindingSink(int maxPerFile) {
        this.maxPerFile = maxPerFile;
    }

    void add(Severity severity, String code, String path, String message) {
        String key = path == null ? "" : path;
        int count = perFile.merge(key, 1, Integer::sum);
        if (count > maxPerFile) {
            dropped.merge(key, 1, Integer::sum);
            return;
        }
        findings.add(Finding.of(severity, code, path, message));
    }

    /** Whether a finding with this code was reported (for the file, when a path is given). */
    boolean has(String code, String path) {
        return findings.stream().anyMatch(f -> f.code().equals(code) && (path == null || path.equals(f.path())));
    }

    /** The findings, with one {@link #TRUNCATED} finding per file whose findings were cut. */
    List<Finding> findings() {
        List<Finding> all = new ArrayList<>(findings);
        dropped.forEach((path, count) -> all.add(Finding.of(Severity.INFO, TRUNCATED, path.isEmpty() ? null : path,
                count + " more findings for this file were left out (at most " + maxPerFile + " are reported per file)")));
        return all;
    }
}
