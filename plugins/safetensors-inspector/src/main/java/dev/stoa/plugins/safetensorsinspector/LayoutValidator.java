package dev.stoa.plugins.safetensorsinspector;

import dev.stoa.spi.Severity;

import java.util.Comparator;
import java.util.List;

/**
 * Checks that the tensors' byte ranges cover a file's data section exactly: each range inside the section,
 * no two ranges sharing bytes, no bytes between ranges, none after the last one.
 */
final class LayoutValidator {

    static final String OUT_OF_BOUNDS = "safetensors.offsets.out-of-bounds";
    static final String OVERLAP = "safetensors.overlap";
    static final String HOLE = "safetensors.hole";
    static final String TRAILING_BYTES = "safetensors.trailing-bytes";

    /** A tensor's byte range in the data section. */
    record Range(String name, long begin, long end) {
    }

    private LayoutValidator() {
    }

    /**
     * @param dataSize the data section's size in bytes
     * @param ranges   the ranges of every tensor whose data_offsets could be read
     * @param complete whether every tensor's range is in {@code ranges}; if not, gaps may be the missing
     *                 tensors', so holes and trailing bytes are not reported
     */
    static void check(String path, long dataSize, List<Range> ranges, boolean complete, FindingSink sink) {
        for (Range range : ranges) {
            if (range.end() > dataSize) {
                sink.add(Severity.HIGH, OUT_OF_BOUNDS, path, "Tensor '" + range.name() + "' ends at byte " + range.end()
                        + " of the data section, which has " + dataSize + " bytes");
            }
        }
        List<Range> sorted = ranges.stream()
                .sorted(Comparator.comparingLong(Range::begin).thenComparingLong(Range::end)).toList();
        long covered = 0;
        String last = null;
        for (Range range : sorted) {
            if (range.begin() < covered) {
                sink.add(Severity.HIGH, OVERLAP, path, "Tensor '" + range.name() + "' [" + range.begin() + ", " + range.end()
                        + "] overlaps tensor '" + last + "', which ends at byte " + covered);
            } else if (range.begin() > covered && complete) {
                sink.add(Severity.HIGH, HOLE, path, (range.begin() - covered) + " bytes before tensor '" + range.name()
                        + "' (from byte " + covered + ") belong to no tensor");
            }
            if (range.end() > covered) {
                covered = range.end();
                last = range.name();
            }
        }
        if (covered < dataSize && complete) {
            sink.add(Severity.HIGH, TRAILING_BYTES, path, (dataSize - covered) + " bytes after "
                    + (last == null ? "the header" : "the last tensor '" + last + "'") + " belong to no tensor");
        }
    }
}
