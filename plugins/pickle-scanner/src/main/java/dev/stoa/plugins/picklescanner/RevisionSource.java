package dev.stoa.plugins.picklescanner;

import dev.stoa.spi.Revision;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** One file of the revision, read by ranges; every byte fetched is added to {@link ScanStats#bytesRead}. */
record RevisionSource(Revision revision, String path, long size, ScanStats stats) implements ByteSource {

    @Override
    public boolean seekable() {
        return true;
    }

    @Override
    public InputStream openAt(long offset) throws IOException {
        long start = Math.min(Math.max(0, offset), size);
        return new FilterInputStream(revision.openRange(path, start, size - start)) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    stats.bytesRead++;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    stats.bytesRead += n;
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                // Skipping a ranged stream may still transfer the bytes; count them as read.
                long skipped = super.skip(n);
                stats.bytesRead += skipped;
                return skipped;
            }
        };
    }
}
