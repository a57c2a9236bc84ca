package dev.stoa.plugins.safetensorsinspector;

import dev.stoa.spi.CheckContext;
import dev.stoa.spi.CheckResult;
import dev.stoa.spi.Evaluator;
import dev.stoa.spi.Metric;
import dev.stoa.spi.Revision;
import dev.stoa.spi.RevisionFile;
import dev.stoa.spi.Severity;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;

/**
 * Validates every safetensors file of a revision from its header, checks sharded models against their
 * indexes, and counts parameters per dtype. Reads headers and indexes only, by ranged reads.
 *
 * <p>Stateless: safe to call from several threads at once.
 */
final class FormatEvaluator implements Evaluator {

    static final String NAME = "format";
    static final String MISSING_SHARD = "safetensors.index.missing-shard";
    static final String TENSOR_MISSING = "safetensors.index.tensor-missing";
    static final String WRONG_SHARD = "safetensors.index.wrong-shard";
    static final String UNINDEXED_TENSOR = "safetensors.index.unindexed-tensor";
    static final String DUPLICATE_TENSOR = "safetensors.index.duplicate-tensor";
    static final String TOTAL_SIZE_MISMATCH = "safetensors.index.total-size-mismatch";

    private final InspectorSettings settings;
    private final HeaderReader headerReader;

    FormatEvaluator(InspectorSettings settings) {
        this.settings = settings;
        this.headerReader = new HeaderReader(settings.maxHeaderBytes());
    }

    @Override
    public boolean appliesTo(Revision revision) {
        return revision.files().stream().anyMatch(f -> isSafetensors(f) || isIndex(f));
    }

    static boolean isSafetensors(RevisionFile file) {
        return file.path().endsWith(".safetensors");
    }

    static boolean isIndex(RevisionFile file) {
        return file.path().endsWith(ShardIndex.SUFFIX);
    }

    @Override
    public CheckResult evaluate(Revision revision, CheckContext context) throws IOException {
        FindingSink sink = new FindingSink(settings.maxFindingsPerFile());
        List<RevisionFile> files = revision.files().stream().filter(FormatEvaluator::isSafetensors).toList();
        Map<String, SafetensorsHeader> headers = new LinkedHashMap<>();
        long bytesRead = 0;
        int checked = 0;
        for (RevisionFile file : files) {
            if (context.isCancelled()) {
                throw new CancellationException("Cancelled after " + checked + " of " + files.size() + " files");
            }
            HeaderReader.Outcome outcome = headerReader.read(revision, file, sink);
            bytesRead += outcome.bytesRead();
            outcome.header().ifPresent(h -> headers.put(h.path(), h));
            context.progress("Read " + (++checked) + " of " + files.size() + " safetensors headers");
        }
        List<ShardIndex> indexes = new ArrayList<>();
        for (RevisionFile file : revision.files().stream().filter(FormatEvaluator::isIndex).toList()) {
            Optional<ShardIndex> index = ShardIndex.read(revision, file, settings.maxJsonBytes(), sink);
            bytesRead += file.size() <= settings.maxJsonBytes() ? file.size() : 0;
            index.ifPresent(i -> {
                indexes.add(i);
                checkIndex(revision, i, headers, sink);
            });
        }
        Map<String, Long> parameters = countParameters(headers, indexes);
        CheckResult.Builder result = CheckResult.builder();
        sink.findings().forEach(result::finding);
        long total = parameters.values().stream().mapToLong(Long::longValue).reduce(0, Math::addExact);
        result.metric(Metric.count("params.total", total));
        parameters.forEach((dtype, count) -> result.metric(Metric.count("params." + dtype.toLowerCase(Locale.ROOT), count)));
        result.metric(Metric.count("safetensors.files", files.size()));
        result.metric(Metric.flag("safetensors.sharded", !indexes.isEmpty()));
        result.metric(Metric.count("safetensors.bytes-read", bytesRead));
        result.summary(summary(files.size(), headers.size(), indexes.size(), total, parameters, sink));
        return result.build();
    }

    private static void checkIndex(Revision revision, ShardIndex index, Map<String, SafetensorsHeader> headers, FindingSink sink) {
        Set<String> shards = new LinkedHashSet<>(index.weightMap().values());
        Map<String, Set<String>> tensorsByShard = new HashMap<>();
        for (String shard : shards) {
            if (revision.file(shard).isEmpty()) {
                sink.add(Severity.HIGH, MISSING_SHARD, index.path(), "The index maps tensors to '" + shard + "', which is not in this revision");
                continue;
            }
            SafetensorsHeader header = headers.get(shard);
            if (header != null) {
                Set<String> names = new HashSet<>();
                header.tensors().forEach(t -> names.add(t.name()));
                tensorsByShard.put(shard, names);
            }
        }
        for (var entry : index.weightMap().entrySet()) {
            String tensor = entry.getKey();
            Set<String> names = tensorsByShard.get(entry.getValue());
            if (names == null || names.contains(tensor)) {
                continue;
            }
            Optional<String> elsewhere = tensorsByShard.entrySet().stream()
                    .filter(e -> e.getValue().contains(tensor)).map(Map.Entry::getKey).findFirst();
            if (elsewhere.isPresent()) {
                sink.add(Severity.HIGH, WRONG_SHARD, index.path(), "Tensor '" + tensor + "' is mapped to '" + entry.getValue()
                        + "' but is in '" + elsewhere.get() + "'");
            } else {
                sink.add(Severity.HIGH, TENSOR_MISSING, index.path(), "Tensor '" + tensor + "' is mapped to '" + entry.getValue()
                        + "' but is in none of the index's shards");
            }
        }
        Map<String, String> seenIn = new HashMap<>();
        long dataBytes = 0;
        for (var shard : tensorsByShard.keySet()) {
            for (TensorEntry tensor : headers.get(shard).tensors()) {
                dataBytes += tensor.end() - tensor.begin();
                String first = seenIn.putIfAbsent(tensor.name(), shard);
                if (first != null) {
                    sink.add(Severity.MEDIUM, DUPLICATE_TENSOR, shard, "Tensor '" + tensor.name() + "' is also in '" + first
                            + "'; loaders take one of them");
                } else if (!index.weightMap().containsKey(tensor.name())) {
                    sink.add(Severity.MEDIUM, UNINDEXED_TENSOR, shard, "Tensor '" + tensor.name() + "' is not in " + index.path()
                            + ", so loaders never read it");
                }
            }
        }
        boolean allShardsRead = shards.stream().allMatch(tensorsByShard::containsKey);
        if (allShardsRead && index.totalSize().isPresent() && index.totalSize().getAsLong() != dataBytes) {
            sink.add(Severity.LOW, TOTAL_SIZE_MISMATCH, index.path(), "metadata.total_size is " + index.totalSize().getAsLong()
                    + " but the shards' tensors hold " + dataBytes + " bytes");
        }
    }

    /**
     * Parameters per dtype. The shards of one index count as one model, each tensor once; every other file
     * counts on its own.
     */
    static Map<String, Long> countParameters(Map<String, SafetensorsHeader> headers, List<ShardIndex> indexes) {
        Map<String, Long> counts = new TreeMap<>();
        Set<String> grouped = new HashSet<>();
        for (ShardIndex index : indexes) {
            Set<String> seen = new HashSet<>();
            for (String shard : new LinkedHashSet<>(index.weightMap().values())) {
                SafetensorsHeader header = headers.get(shard);
                if (header == null || !grouped.add(shard)) {
                    continue;
                }
                for (TensorEntry tensor : header.tensors()) {
                    if (seen.add(tensor.name())) {
                        add(counts, tensor);
                    }
                }
            }
        }
        for (SafetensorsHeader header : headers.values()) {
            if (!grouped.contains(header.path())) {
                header.tensors().forEach(tensor -> add(counts, tensor));
            }
        }
        return counts;
    }

    private static void add(Map<String, Long> counts, TensorEntry tensor) {
        try {
            counts.merge(tensor.dtype().name(), tensor.elements(), Math::addExact);
        } catch (ArithmeticException e) {
            // Reported on the tensor as safetensors.shape.overflow; such a tensor counts for nothing.
        }
    }

    private static String summary(int files, int readable, int indexes, long total, Map<String, Long> parameters, FindingSink sink) {
        StringBuilder text = new StringBuilder();
        text.append(files).append(files == 1 ? " safetensors file" : " safetensors files");
        if (indexes > 0) {
            text.append(" (sharded, ").append(indexes).append(indexes == 1 ? " index)" : " indexes)");
        }
        text.append(", ").append(readable).append(" with a readable header. ");
        text.append(String.format(Locale.ROOT, "**%,d parameters**", total));
        if (!parameters.isEmpty()) {
            text.append(" (");
            parameters.forEach((dtype, count) -> text.append(dtype).append(String.format(Locale.ROOT, " %,d, ", count)));
            text.setLength(text.length() - 2);
            text.append(")");
        }
        text.append(".");
        long problems = sink.findings().stream().filter(f -> f.severity().compareTo(Severity.HIGH) >= 0).count();
        if (problems > 0) {
            text.append("\n\n").append(problems).append(problems == 1 ? " file format violation" : " file format violations")
                    .append(": the files may be corrupt or crafted; loaders may refuse them.");
        }
        return text.toString();
    }
}
