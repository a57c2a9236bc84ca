package dev.stoa.plugins.safetensorsinspector;

import dev.stoa.spi.Revision;
import dev.stoa.spi.RevisionFile;
import dev.stoa.spi.Severity;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A sharded model's index ({@code model.safetensors.index.json} and the like): which shard file holds each
 * tensor, shard paths resolved against the index's folder.
 *
 * @param path      the index file's path
 * @param weightMap tensor name to the shard's path in the revision
 * @param totalSize the {@code metadata.total_size} the index states, if any
 */
record ShardIndex(String path, Map<String, String> weightMap, OptionalLong totalSize) {

    static final String SUFFIX = ".safetensors.index.json";
    static final String INVALID = "safetensors.index.invalid";
    static final String TOO_LARGE = "safetensors.index.too-large";
    static final String INVALID_PATH = "safetensors.index.invalid-path";

    ShardIndex {
        weightMap = Map.copyOf(weightMap);
    }

    /** Reads an index of at most {@code maxBytes}; what is wrong with it goes to {@code sink}. */
    static Optional<ShardIndex> read(Revision revision, RevisionFile file, long maxBytes, FindingSink sink) throws IOException {
        String path = file.path();
        if (file.size() > maxBytes) {
            sink.add(Severity.MEDIUM, TOO_LARGE, path, "The index has " + file.size() + " bytes; at most " + maxBytes
                    + " are read, so its shards were not checked against it");
            return Optional.empty();
        }
        Object root;
        try (InputStream in = revision.openRange(path, 0, file.size())) {
            root = StrictJson.read(in);
        } catch (StrictJson.Invalid e) {
            String code = e.problem() == StrictJson.Problem.DUPLICATE_KEY ? HeaderReader.DUPLICATE_KEY : INVALID;
            sink.add(Severity.HIGH, code, path, "The index is not valid JSON: " + e.getMessage());
            return Optional.empty();
        }
        if (!(root instanceof Map<?, ?> object) || !(object.get("weight_map") instanceof Map<?, ?> weights)) {
            sink.add(Severity.HIGH, INVALID, path, "The index has no weight_map object");
            return Optional.empty();
        }
        String folder = path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) : "";
        Map<String, String> weightMap = new LinkedHashMap<>();
        for (var entry : weights.entrySet()) {
            String tensor = (String) entry.getKey();
            if (!(entry.getValue() instanceof String shard) || !isPlainRelativePath(shard)) {
                sink.add(Severity.HIGH, INVALID_PATH, path, "Tensor '" + tensor + "' maps to " + entry.getValue()
                        + ", which is not a file name relative to the index's folder");
                continue;
            }
            weightMap.put(tensor, folder + shard);
        }
        OptionalLong totalSize = OptionalLong.empty();
        if (object.get("metadata") instanceof Map<?, ?> metadata && metadata.get("total_size") instanceof Long total) {
            totalSize = OptionalLong.of(total);
        }
        return Optional.of(new ShardIndex(path, weightMap, totalSize));
    }

    private static boolean isPlainRelativePath(String shard) {
        if (shard.isEmpty() || shard.startsWith("/") || shard.contains("\\")) {
            return false;
        }
        for (String segment : shard.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
