package dev.stoa.hub.git.storage;

import dev.stoa.hub.storage.ObjectStore;
import dev.stoa.hub.storage.ObjectStoreException;
import org.eclipse.jgit.internal.storage.dfs.DfsOutputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * One pack file being written. JGit reads back what it wrote (to resolve deltas) before the file is
 * complete, and the object store only takes whole objects, so the bytes are kept in memory up to
 * {@value #MEMORY_LIMIT} bytes and in a temporary file beyond, then stored in one atomic put on
 * {@link #close()}. Nothing is visible in the store before that.
 */
final class PackFileOutput extends DfsOutputStream {

    static final int MEMORY_LIMIT = 1 << 20;

    private final ObjectStore store;
    private final String key;
    private final LongConsumer onStored;
    private byte[] memory = new byte[8192];
    private Path spillFile;
    private FileChannel spill;
    private long size;
    private boolean closed;

    PackFileOutput(ObjectStore store, String key, LongConsumer onStored) {
        this.store = store;
        this.key = key;
        this.onStored = onStored;
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("Pack file " + key + " is already stored");
        }
        if (spill == null && size + len > MEMORY_LIMIT) {
            spillToFile();
        }
        if (spill == null) {
            if (size + len > memory.length) {
                memory = Arrays.copyOf(memory, (int) Math.min(MEMORY_LIMIT, Math.max(memory.length * 2L, size + len)));
            }
            System.arraycopy(buf, off, memory, (int) size, len);
        } else {
            ByteBuffer src = ByteBuffer.wrap(buf, off, len);
            while (src.hasRemaining()) {
                spill.write(src, size + (len - src.remaining()));
            }
        }
        size += len;
    }

    private void spillToFile() throws IOException {
        spillFile = Files.createTempFile("stoa-pack-", ".tmp");
        spill = FileChannel.open(spillFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
        spill.write(ByteBuffer.wrap(memory, 0, (int) size), 0);
        memory = null;
    }

    @Override
    public int read(long position, ByteBuffer buf) throws IOException {
        if (position >= size) {
            return -1;
        }
        if (spill != null) {
            return spill.read(buf, position);
        }
        int n = (int) Math.min(buf.remaining(), size - position);
        buf.put(memory, (int) position, n);
        return n;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (InputStream content = spill == null
                ? new ByteArrayInputStream(memory, 0, (int) size)
                : Channels.newInputStream(spill.position(0))) {
            store.put(key, content);
            onStored.accept(size);
        } catch (ObjectStoreException e) {
            throw new IOException("Could not store pack file " + key + ": " + e.getMessage(), e);
        } finally {
            memory = null;
            if (spill != null) {
                spill.close();
                Files.deleteIfExists(spillFile);
            }
        }
    }
}
