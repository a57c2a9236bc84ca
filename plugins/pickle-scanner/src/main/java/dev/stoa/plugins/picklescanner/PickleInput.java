package dev.stoa.plugins.picklescanner;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * A buffered, bounded reader of one source for the opcode walker. Every read is checked against the end of the
 * source and against a work budget, so a hostile length can neither allocate nor read without bound: large
 * payloads are skipped, by reopening the source past them where it supports ranged reads.
 */
final class PickleInput implements Closeable {

    /** Skips longer than this reopen a seekable source instead of reading through. */
    private static final long REOPEN_THRESHOLD = 1 << 20;

    private final ByteSource source;
    private final long budgetEnd;
    private final byte[] buffer = new byte[64 * 1024];
    private InputStream in;
    private int bufferPos;
    private int bufferLen;
    /** Source offset of {@code buffer[0]}. */
    private long bufferStart;

    /**
     * @param source the bytes
     * @param start  where to start reading
     * @param budget the most bytes to read or skip from {@code start}; going past it ends the walk with LIMIT
     */
    PickleInput(ByteSource source, long start, long budget) throws IOException {
        this.source = source;
        this.budgetEnd = budget >= Long.MAX_VALUE - start ? Long.MAX_VALUE : start + budget;
        this.in = source.openAt(start);
        this.bufferStart = start;
    }

    long position() {
        return bufferStart + bufferPos;
    }

    /** The next byte, or {@code -1} at the end of the source. */
    int peek() throws IOException {
        if (bufferPos == bufferLen && !fill()) {
            return -1;
        }
        return buffer[bufferPos] & 0xff;
    }

    /** The byte {@code ahead} bytes after the next one, without consuming anything; {@code -1} past the end. */
    int peekAt(int ahead) throws IOException {
        if (bufferLen - bufferPos <= ahead) {
            compactAndFill(ahead + 1);
        }
        return bufferLen - bufferPos > ahead ? buffer[bufferPos + ahead] & 0xff : -1;
    }

    int readByte() throws IOException {
        checkBudget(1);
        if (bufferPos == bufferLen && !fill()) {
            throw PickleStreamException.truncated(position(), "the stream ends in the middle of an opcode");
        }
        return buffer[bufferPos++] & 0xff;
    }

    /** A little-endian unsigned integer of {@code n} bytes (1 to 8). */
    long readLittleEndian(int n) throws IOException {
        long value = 0;
        for (int i = 0; i < n; i++) {
            value |= ((long) readByte()) << (8 * i);
        }
        return value;
    }

    /**
     * Reads {@code length} bytes; keeps at most {@code keep} of them (the rest are skipped, never allocated).
     */
    byte[] readKeeping(long length, int keep) throws IOException {
        checkLength(length);
        int kept = (int) Math.min(length, keep);
        byte[] out = new byte[kept];
        for (int i = 0; i < kept; ) {
            if (bufferPos == bufferLen && !fill()) {
                throw PickleStreamException.truncated(position(), "the stream ends inside a " + length + "-byte argument");
            }
            int n = Math.min(kept - i, bufferLen - bufferPos);
            System.arraycopy(buffer, bufferPos, out, i, n);
            bufferPos += n;
            i += n;
        }
        skip(length - kept);
        return out;
    }

    /** Skips {@code length} bytes, reopening the source past them when that is cheaper than reading. */
    void skip(long length) throws IOException {
        checkLength(length);
        long inBuffer = bufferLen - bufferPos;
        if (length <= inBuffer) {
            bufferPos += (int) length;
            return;
        }
        long target = position() + length;
        long rest = length - inBuffer;
        if (source.seekable() && rest > REOPEN_THRESHOLD) {
            in.close();
            in = source.openAt(target);
        } else {
            try {
                in.skipNBytes(rest);
            } catch (java.io.EOFException e) {
                throw PickleStreamException.truncated(position(), "the stream ends inside a " + length + "-byte argument");
            }
        }
        bufferStart = target;
        bufferPos = 0;
        bufferLen = 0;
    }

    /**
     * A newline-terminated argument (protocol 0), without the newline, decoded as Latin-1; at most {@code keep}
     * bytes are kept and the rest up to the newline are skipped.
     */
    Line readLine(int keep) throws IOException {
        StringBuilder kept = new StringBuilder();
        long length = 0;
        while (true) {
            int b = readByte();
            if (b == '\n') {
                return new Line(kept.toString(), length > keep);
            }
            if (length < keep) {
                kept.append((char) b);
            }
            length++;
        }
    }

    /** A protocol-0 text argument; {@code clipped} when it was longer than what was kept. */
    record Line(String text, boolean clipped) {
    }

    private void checkLength(long length) throws IOException {
        if (length < 0) {
            throw PickleStreamException.malformed(position(), "negative length " + length);
        }
        long size = source.size();
        if (size >= 0 && length > size - position()) {
            throw PickleStreamException.truncated(position(), "an argument of " + length + " bytes runs past the end of the file");
        }
        checkBudget(length);
    }

    private void checkBudget(long length) {
        if (length > budgetEnd - position()) {
            throw PickleStreamException.limit(position());
        }
    }

    private boolean fill() throws IOException {
        bufferStart += bufferLen;
        bufferPos = 0;
        bufferLen = 0;
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        bufferLen = n;
        return true;
    }

    private void compactAndFill(int wanted) throws IOException {
        int remaining = bufferLen - bufferPos;
        System.arraycopy(buffer, bufferPos, buffer, 0, remaining);
        bufferStart += bufferPos;
        bufferPos = 0;
        bufferLen = remaining;
        while (bufferLen < wanted) {
            int n = in.read(buffer, bufferLen, buffer.length - bufferLen);
            if (n <= 0) {
                return;
            }
            bufferLen += n;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
