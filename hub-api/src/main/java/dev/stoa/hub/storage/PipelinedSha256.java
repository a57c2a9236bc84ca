package dev.stoa.hub.storage;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A sha256 computed on its own thread while the caller goes on copying bytes: hashing runs at about the speed
 * of a disk or a network, so doing it in line would halve the throughput of a verified upload. Bytes are
 * copied into a few 1 MiB chunks that the hashing thread consumes in order; memory stays bounded.
 *
 * <p>One instance hashes one stream; {@link #update} and {@link #hex} are called by one thread.
 */
final class PipelinedSha256 implements AutoCloseable {

    private static final int CHUNK = 1 << 20;
    private static final int CHUNKS = 4;
    private static final Chunk END = new Chunk(new byte[0], 0);

    private record Chunk(byte[] data, int length) {
    }

    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
    private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final MessageDigest digest = Sha256.newDigest();
    private final Thread hasher;
    private byte[] current;
    private int position;
    private boolean ended;

    PipelinedSha256() {
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new byte[CHUNK]);
        }
        hasher = Thread.ofPlatform().daemon().name("sha256").start(this::hashChunks);
    }

    void update(byte[] buffer, int offset, int length) {
        while (length > 0) {
            if (current == null) {
                current = take(free);
                position = 0;
            }
            int n = Math.min(length, CHUNK - position);
            System.arraycopy(buffer, offset, current, position, n);
            position += n;
            offset += n;
            length -= n;
            if (position == CHUNK) {
                put(new Chunk(current, position));
                current = null;
            }
        }
    }

    /** The hex sha256 of everything passed to {@link #update}; call once, at the end. */
    String hex() {
        if (current != null) {
            put(new Chunk(current, position));
            current = null;
        }
        close();
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Stops the hashing thread; safe to call more than once. */
    @Override
    public void close() {
        if (!ended) {
            ended = true;
            put(END);
            try {
                hasher.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                hasher.interrupt();
            }
        }
    }

    private void hashChunks() {
        try {
            for (Chunk chunk = filled.take(); chunk != END; chunk = filled.take()) {
                digest.update(chunk.data(), 0, chunk.length());
                free.put(chunk.data());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void put(Chunk chunk) {
        try {
            filled.put(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing", e);
        }
    }

    private static byte[] take(BlockingQueue<byte[]> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing", e);
        }
    }
}
