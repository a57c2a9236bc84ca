package dev.stoa.hub.git.storage;

import dev.stoa.hub.storage.ObjectNotFoundException;
import dev.stoa.hub.storage.ObjectStore;
import dev.stoa.hub.storage.ObjectStoreException;
import org.eclipse.jgit.internal.storage.dfs.ReadableChannel;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;

/**
 * Reads one pack file from the object store with ranged gets, never the whole file at once. A read at a
 * random position (the block cache loading one block) asks for exactly the bytes wanted; reads that continue
 * where the last one ended (an index being parsed, a pack being streamed to a client) open a window of at
 * least {@value #SEQUENTIAL_WINDOW} bytes and keep reading from it.
 */
final class PackFileChannel implements ReadableChannel {

    static final int SEQUENTIAL_WINDOW = 1 << 20;

    private final ObjectStore store;
    private final String key;
    private long size;
    private long position;
    private long lastReadEnd = -1;
    private int readAhead;
    private InputStream window;
    private long windowPosition;
    private long windowEnd;
    private boolean open = true;

    /** @param size the file's size when known, or a negative number to ask the store */
    PackFileChannel(ObjectStore store, String key, long size) {
        this.store = store;
        this.key = key;
        this.size = size;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        long end = size();
        if (position >= end) {
            return -1;
        }
        int want = (int) Math.min(dst.remaining(), end - position);
        if (want == 0) {
            return 0;
        }
        if (window == null || windowPosition != position) {
            openWindow(want, end);
        }
        int n = (int) Math.min(want, windowEnd - windowPosition);
        byte[] bytes = dst.hasArray() ? dst.array() : new byte[n];
        int offset = dst.hasArray() ? dst.arrayOffset() + dst.position() : 0;
        int got = window.readNBytes(bytes, offset, n);
        if (got < n) {
            throw new EOFException("Pack file " + key + " ended at " + (windowPosition + got) + " of " + end + " bytes");
        }
        if (dst.hasArray()) {
            dst.position(dst.position() + got);
        } else {
            dst.put(bytes, 0, got);
        }
        position += got;
        windowPosition += got;
        lastReadEnd = position;
        if (windowPosition == windowEnd) {
            closeWindow();
        }
        return got;
    }

    private void openWindow(int want, long end) throws IOException {
        closeWindow();
        long length = want;
        if (position == lastReadEnd || readAhead > 0) {
            length = Math.max(length, Math.max(readAhead, SEQUENTIAL_WINDOW));
        }
        length = Math.min(length, end - position);
        try {
            window = store.get(key, position, length);
        } catch (ObjectNotFoundException e) {
            throw new FileNotFoundException(key);
        } catch (ObjectStoreException e) {
            throw new IOException("Could not read pack file " + key + ": " + e.getMessage(), e);
        }
        windowPosition = position;
        windowEnd = position + length;
    }

    private void closeWindow() throws IOException {
        if (window != null) {
            InputStream closing = window;
            window = null;
            closing.close();
        }
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void position(long newPosition) {
        position = newPosition;
    }

    @Override
    public long size() throws IOException {
        if (size < 0) {
            try {
                size = store.stat(key).orElseThrow(() -> new FileNotFoundException(key)).size();
            } catch (ObjectStoreException e) {
                throw new IOException("Could not read pack file " + key + ": " + e.getMessage(), e);
            }
        }
        return size;
    }

    @Override
    public int blockSize() {
        return 0; // the block cache's own block size
    }

    @Override
    public void setReadAheadBytes(int bytes) {
        readAhead = Math.max(0, bytes);
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() throws IOException {
        open = false;
        closeWindow();
    }
}
