package dev.stoa.hub.lfs;

import dev.stoa.hub.error.ApiException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one byte range of a {@code Range: bytes=...} header that Stoa serves ({@code a-b}, {@code a-},
 * {@code -n}); no header, or one Stoa does not understand, means the whole object.
 *
 * @param first  first byte
 * @param length number of bytes
 * @param whole  whether the whole object is sent (200) rather than a part (206)
 */
record ByteRange(long first, long length, long size, boolean whole) {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    static ByteRange parse(String header, long size) {
        if (header == null) {
            return new ByteRange(0, size, size, true);
        }
        Matcher m = SINGLE.matcher(header.strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return new ByteRange(0, size, size, true);
        }
        long first;
        long last;
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                first = Math.max(0, size - suffix);
                last = size - 1;
            } else {
                first = Long.parseLong(m.group(1));
                last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            }
        } catch (NumberFormatException e) {
            return new ByteRange(0, size, size, true);
        }
        if (first >= size || last < first) {
            throw new ApiException(416, "RangeNotSatisfiable", "The range '" + header + "' lies outside the object's "
                    + size + " bytes; ask for bytes from 0 to " + (size - 1) + ".")
                    .withHeader("Content-Range", "bytes */" + size);
        }
        return new ByteRange(first, last - first + 1, size, false);
    }

    boolean isWhole() {
        return whole;
    }

    String contentRange() {
        return "bytes " + first + "-" + (first + length - 1) + "/" + size;
    }
}
