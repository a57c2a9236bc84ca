package dev.stoa.plugins.picklescanner;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * The decompressed content of a deflated zip entry, a zlib stream or a gzip file. Not seekable: opening at an
 * offset inflates and discards everything before it, so the scanner reads these sequentially.
 */
record InflatedSource(ByteSource compressed, Kind kind, long size) implements ByteSource {

    enum Kind {
        /** Raw deflate, as in zip entries. */
        DEFLATE,
        /** zlib-wrapped deflate (joblib's zlib compression). */
        ZLIB,
        GZIP
    }

    @Override
    public boolean seekable() {
        return false;
    }

    @Override
    public InputStream openAt(long offset) throws IOException {
        InputStream raw = compressed.openAt(0);
        InputStream in = switch (kind) {
            case DEFLATE -> new ClosingInflaterStream(raw, new Inflater(true));
            case ZLIB -> new ClosingInflaterStream(raw, new Inflater());
            case GZIP -> new GZIPInputStream(raw, 8192);
        };
        try {
            in.skipNBytes(offset);
        } catch (IOException e) {
            in.close();
            throw e;
        }
        return size >= 0 ? new BoundedInputStream(in, size - offset) : in;
    }

    /** Releases the inflater's native memory when closed (InflaterInputStream does not end a given one). */
    private static final class ClosingInflaterStream extends InflaterInputStream {
        ClosingInflaterStream(InputStream in, Inflater inflater) {
            super(in, inflater, 8192);
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                inf.end();
            }
        }
    }
}
