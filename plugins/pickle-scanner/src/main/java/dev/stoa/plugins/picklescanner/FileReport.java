package dev.stoa.plugins.picklescanner;

import dev.stoa.spi.Finding;
import dev.stoa.spi.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the scan of one repository file found: its formats, its imports and their judgements, its problems. */
final class FileReport {

    /** One distinct import of one pickle stream location (the file itself or an archive entry). */
    record ImportHit(String entry, String module, String name, ImportPolicy.Judgement judgement, int count) {
        String qualifiedName() {
            return module + "." + name;
        }

        ImportHit plusOne() {
            return new ImportHit(entry, module, name, judgement, count + 1);
        }
    }

    final String path;
    final Set<String> formats = new LinkedHashSet<>();
    final Map<String, ImportHit> imports = new LinkedHashMap<>();
    final List<Finding> problems = new ArrayList<>();
    /** Bytes of pickle streams this file may still have walked (the per-file work budget). */
    long budgetLeft;
    int streams;

    FileReport(String path, long budget) {
        this.path = path;
        this.budgetLeft = budget;
    }

    void addImport(String entry, String module, String name, ImportPolicy.Judgement judgement) {
        imports.merge(entry + "\n" + module + "." + name, new ImportHit(entry, module, name, judgement, 1),
                (old, added) -> old.plusOne());
    }

    void problem(Severity severity, String code, String entry, String message) {
        problems.add(Finding.of(severity, code, path, where(entry) + message));
    }

    boolean isPickle() {
        return streams > 0;
    }

    List<ImportHit> flagged() {
        return imports.values().stream().filter(h -> !h.judgement().allowed()).toList();
    }

    static String where(String entry) {
        return entry == null ? "" : "In archive entry " + entry + ": ";
    }
}
