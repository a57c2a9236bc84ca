package dev.stoa.plugins.picklescanner;

import java.io.IOException;
import java.io.InputStream;

/**
 * Bytes the scanner reads: a revision file, a slice of one (a stored archive entry, a tar member), or a
 * decompressed view of one. Opening at an offset lets the scanner skip large payloads (tensor data) without
 * reading them where the underlying source allows it.
 */
interface ByteSource {

    /** The size in bytes, or {@code -1} when unknown without reading everything (a decompressed stream). */
    long size();

    /** Whether {@link #openAt} is cheap for any offset (ranged reads), rather than reading up to the offset. */
    boolean seekable();

    /** The bytes from {@code offset} to the end; the caller closes the stream. */
    InputStream openAt(long offset) throws IOException;

    /** Up to {@code length} bytes from {@code offset} (fewer at the end). */
    default byte[] readAt(long offset, int length) throws IOException {
        try (InputStream in = openAt(offset)) {
            return in.readNBytes(length);
        }
    }

    /** The bytes {@code [offset, offset + length)} of this source, as a source of their own. */
    default ByteSource slice(long offset, long length) {
        return new SliceSource(this, offset, length);
    }
}
