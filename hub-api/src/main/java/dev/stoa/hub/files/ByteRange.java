package dev.stoa.hub.files;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code Range} request header asks of a file of known size (RFC 9110 §14): the whole file, one
 * satisfiable range, or nothing the file holds (a 416). Headers Stoa does not serve (several ranges, other
 * units, malformed ones) are ignored, as the RFC allows: the whole file is sent.
 *
 * @param start  first byte, from 0
 * @param length number of bytes
 */
public record ByteRange(Kind kind, long start, long length) {

    private static final Pattern SINGLE = Pattern.compile("bytes=\\s*(\\d*)\\s*-\\s*(\\d*)\\s*");

    /** How the request is answered. */
    public enum Kind { WHOLE, PARTIAL, UNSATISFIABLE }

    /** The range a {@code Range} header asks of a file of {@code size} bytes; null or blank asks the whole file. */
    public static ByteRange of(String header, long size) {
        ByteRange whole = new ByteRange(Kind.WHOLE, 0, size);
        if (header == null || header.isBlank()) {
            return whole;
        }
        Matcher m = SINGLE.matcher(header.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return whole;
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0 || size == 0) {
                    return unsatisfiable(size);
                }
                long length = Math.min(suffix, size);
                return new ByteRange(Kind.PARTIAL, size - length, length);
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? size - 1 : Long.parseLong(m.group(2));
            if (first >= size) {
                return unsatisfiable(size);
            }
            if (last < first) {
                return whole;
            }
            return new ByteRange(Kind.PARTIAL, first, Math.min(last, size - 1) - first + 1);
        } catch (NumberFormatException tooLarge) {
            return whole;
        }
    }

    private static ByteRange unsatisfiable(long size) {
        return new ByteRange(Kind.UNSATISFIABLE, 0, size);
    }

    /** The last byte's position. */
    public long end() {
        return start + length - 1;
    }

    /** Whether the range starts at the file's first byte (a download, not a resumption or a peek further in). */
    public boolean startsAtZero() {
        return kind != Kind.UNSATISFIABLE && start == 0;
    }
}
