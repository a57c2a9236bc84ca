package dev.stoa.hub.storage;

import static dev.stoa.hub.storage.TestContent.randomKey;
import static dev.stoa.hub.storage.TestContent.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.security.DigestInputStream;
import java.util.HexFormat;
import java.util.List;

/**
 * A 1 GiB object through the store and back, generated and checked while streaming. The test JVM runs with
 * a small heap (see the pom), so a store that buffers whole objects fails here; the figures are printed as
 * one {@code [object-store 1 GiB]} line per store.
 */
interface LargeObjectContract extends StoreFixture {

    long SIZE = 1L << 30;
    long MIB = 1L << 20;

    @Test
    default void aGibibyteStreamsThroughInBoundedMemory() {
        String key = randomKey("large.bin");
        long seed = System.nanoTime();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        try {
            DigestInputStream generated = new DigestInputStream(TestContent.stream(seed, 0, SIZE), TestContent.sha256());
            long start = System.nanoTime();
            ObjectInfo info = store().put(key, generated);
            double putSeconds = seconds(start);
            String expected = HexFormat.of().formatHex(generated.getMessageDigest().digest());

            start = System.nanoTime();
            String read = sha256(store().get(key));
            double getSeconds = seconds(start);

            long offset = 300 * MIB + 7;
            long length = 100 * MIB;
            String range = sha256(store().get(key, offset, length));

            long peakHeap = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            System.out.printf("[object-store 1 GiB] %s: put %.0f MiB/s, get %.0f MiB/s (each with SHA-256 in the"
                            + " same thread), peak heap %d MiB of at most %d MiB%n",
                    getClass().getSimpleName(), SIZE / MIB / putSeconds, SIZE / MIB / getSeconds,
                    peakHeap / MIB, Runtime.getRuntime().maxMemory() / MIB);
            assertThat(info.size()).isEqualTo(SIZE);
            assertThat(read).isEqualTo(expected);
            assertThat(range).isEqualTo(sha256(TestContent.stream(seed, offset, length)));
        } finally {
            store().delete(key);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
