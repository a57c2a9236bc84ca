package dev.stoa.hub.inference;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Answers that never change for their key (facts of a commit, a runner's admission of pinned commits), kept for the
 * most recently asked keys so requests and card pages do not compute them again.
 */
final class KeptAnswers<K, V> {

    private final Map<K, V> kept;

    KeptAnswers(int size) {
        this.kept = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > size;
            }
        };
    }

    /** The kept answer, or {@code compute}'s, kept when it returns without throwing. */
    <X extends Exception> V get(K key, Computation<K, V, X> compute) throws X {
        synchronized (kept) {
            V known = kept.get(key);
            if (known != null) {
                return known;
            }
        }
        V value = compute.apply(key); // outside the lock: reading headers or asking a plugin takes time
        synchronized (kept) {
            kept.put(key, value);
        }
        return value;
    }

    /** Computes an answer; may throw. */
    @FunctionalInterface
    interface Computation<K, V, X extends Exception> {
        V apply(K key) throws X;
    }
}
