package dev.stoa.plugins.safetensorsinspector;

import dev.stoa.spi.Revision;
import dev.stoa.spi.RevisionFile;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The weights of a base model, by tensor name, read from its safetensors headers (ranged reads only):
 * the shards of its root {@code model.safetensors.index.json}, else its root safetensors files, else all
 * of them. Finds a module's weight by exact name or, as PEFT matches module names, by suffix.
 */
final class BaseWeights {

    private final Map<String, TensorEntry> byName;
    private final Map<String, List<String>> bySuffix = new HashMap<>();
    private final long bytesRead;
    private final int unreadableFiles;

    private BaseWeights(Map<String, TensorEntry> byName, long bytesRead, int unreadableFiles) {
        this.byName = byName;
        this.bytesRead = bytesRead;
        this.unreadableFiles = unreadableFiles;
        for (String name : byName.keySet()) {
            int dot = -1;
            do {
                bySuffix.computeIfAbsent(name.substring(dot + 1), k -> new ArrayList<>(1)).add(name);
                dot = name.indexOf('.', dot + 1);
            } while (dot >= 0);
        }
    }

    static BaseWeights read(Revision base, InspectorSettings settings) throws IOException {
        HeaderReader reader = new HeaderReader(settings.maxHeaderBytes());
        FindingSink ignored = new FindingSink(Integer.MAX_VALUE);
        long bytesRead = 0;
        List<String> paths = new ArrayList<>();
        Optional<RevisionFile> index = base.file("model.safetensors.index.json");
        if (index.isPresent()) {
            Optional<ShardIndex> shards = ShardIndex.read(base, index.get(), settings.maxJsonBytes(), ignored);
            bytesRead += index.get().size();
            shards.ifPresent(s -> paths.addAll(new LinkedHashSet<>(s.weightMap().values())));
        }
        if (paths.isEmpty()) {
            base.files().stream().filter(FormatEvaluator::isSafetensors).filter(f -> !f.path().contains("/"))
                    .forEach(f -> paths.add(f.path()));
        }
        if (paths.isEmpty()) {
            base.files().stream().filter(FormatEvaluator::isSafetensors).forEach(f -> paths.add(f.path()));
        }
        Map<String, TensorEntry> byName = new LinkedHashMap<>();
        int unreadable = 0;
        for (String path : paths) {
            Optional<RevisionFile> file = base.file(path);
            if (file.isEmpty()) {
                unreadable++;
                continue;
            }
            HeaderReader.Outcome outcome = reader.read(base, file.get(), ignored);
            bytesRead += outcome.bytesRead();
            if (outcome.header().isEmpty()) {
                unreadable++;
                continue;
            }
            outcome.header().get().tensors().forEach(t -> byName.putIfAbsent(t.name(), t));
        }
        return new BaseWeights(byName, bytesRead, unreadable);
    }

    boolean isEmpty() {
        return byName.isEmpty();
    }

    long bytesRead() {
        return bytesRead;
    }

    int unreadableFiles() {
        return unreadableFiles;
    }

    /**
     * The weight of a module: {@code <module>.weight} exactly, else the one tensor named with the longest
     * dotted suffix of it (so {@code model.layers.0.mlp.up_proj} finds {@code language_model.model.layers.0.mlp.up_proj.weight}).
     * Empty when there is none or the shortest unambiguous suffix is still ambiguous.
     */
    Optional<TensorEntry> weightOf(String module) {
        String exact = module + ".weight";
        if (byName.containsKey(exact)) {
            return Optional.of(byName.get(exact));
        }
        int dot = -1;
        do {
            List<String> names = bySuffix.get(exact.substring(dot + 1));
            if (names != null) {
                return names.size() == 1 ? Optional.of(byName.get(names.get(0))) : Optional.empty();
            }
            dot = exact.indexOf('.', dot + 1);
        } while (dot >= 0 && exact.indexOf('.', dot + 1) >= 0);
        return Optional.empty();
    }

    /** The base's module names: every tensor name ending in {@code .weight}, without it. */
    Set<String> modules() {
        Set<String> modules = new LinkedHashSet<>();
        for (String name : byName.keySet()) {
            if (name.endsWith(".weight")) {
                modules.add(name.substring(0, name.length() - ".weight".length()));
            }
        }
        return modules;
    }
}
