package dev.stoa.hub.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Picks a document's few-shot examples from the few-shot split: {@code first_n} takes the split's first ones,
 * {@code default} draws them from a generator seeded with the run's seed and the document's number, so a document
 * gets the same examples in every run with that seed, whatever order or subset of documents the run scores. A
 * document is never its own example.
 */
final class FewShot {

    private static final int KEPT = 256;

    private final TaskData source;
    private final boolean sameSplit;
    private final int count;
    private final boolean firstN;
    private final long seed;
    private final Map<Long, Map<String, Object>> kept = new LinkedHashMap<>(KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Map<String, Object>> eldest) {
            return size() > KEPT;
        }
    };

    /**
     * @param sameSplit whether the examples come from the split being scored (then a document is left out of its own)
     */
    FewShot(TaskData source, boolean sameSplit, int count, String sampler, long seed) {
        this.source = source;
        this.sameSplit = sameSplit;
        this.count = count;
        this.firstN = sampler.equals("first_n");
        this.seed = seed;
        long available = source.size() - (sameSplit ? 1 : 0);
        if (count > available) {
            throw new TaskFailure("num_fewshot is " + count + " but the few-shot split has only " + available
                    + " documents to draw from.");
        }
    }

    /** The numbers (in the few-shot split) of document {@code doc}'s examples, in prompt order. */
    List<Long> picks(long doc) {
        Set<Long> picks = new LinkedHashSet<>();
        SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (doc + 1)));
        for (long next = 0; picks.size() < count; next++) {
            long pick = firstN ? next : random.nextLong(source.size());
            if (!(sameSplit && pick == doc)) {
                picks.add(pick);
            }
        }
        return List.copyOf(picks);
    }

    /** The examples themselves. */
    List<Map<String, Object>> examples(List<Long> picks) {
        List<Map<String, Object>> examples = new ArrayList<>(picks.size());
        for (long pick : picks) {
            examples.add(kept.computeIfAbsent(pick, source::get));
        }
        return examples;
    }
}
