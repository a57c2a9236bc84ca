package dev.stoa.plugins.picklescanner;

import java.io.IOException;
import java.io.InputStream;

/** A window of another source: a stored zip entry, a tar member, the payload after a numpy header. */
record SliceSource(ByteSource parent, long offset, long length) implements ByteSource {

    @Override
    public long size() {
        return length;
    }

    @Override
    public boolean seekable() {
        return parent.seekable();
    }

    @Override
    public InputStream openAt(long at) throws IOException {
        long start = Math.min(at, length);
        return new BoundedInputStream(parent.openAt(offset + start), length - start);
    }
}
