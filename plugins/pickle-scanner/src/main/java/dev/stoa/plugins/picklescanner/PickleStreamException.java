package dev.stoa.plugins.picklescanner;

/**
 * Why the opcode walk of one stream stopped early. Internal: the scanner turns it into a finding and never
 * lets it escape an evaluation.
 */
final class PickleStreamException extends RuntimeException {

    enum Kind {
        /** Not a valid pickle: unknown opcode, bad argument, stack misuse. */
        MALFORMED,
        /** The source ended before the stream's STOP. */
        TRUNCATED,
        /** The configured per-file work budget was used up. */
        LIMIT
    }

    private final Kind kind;
    private final long offset;

    private PickleStreamException(Kind kind, long offset, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.offset = offset;
    }

    static PickleStreamException malformed(long offset, String message) {
        return new PickleStreamException(Kind.MALFORMED, offset, message);
    }

    static PickleStreamException truncated(long offset, String message) {
        return new PickleStreamException(Kind.TRUNCATED, offset, message);
    }

    static PickleStreamException limit(long offset) {
        return limit(offset, "the per-file scan limit was reached");
    }

    static PickleStreamException limit(long offset, String message) {
        return new PickleStreamException(Kind.LIMIT, offset, message);
    }

    Kind kind() {
        return kind;
    }

    long offset() {
        return offset;
    }
}
