package dev.stoa.hub.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes a data folder this process's own for as long as it runs: an exclusive lock on {@code <data-dir>/stoa.lock},
 * which the operating system releases when the process ends, however it ends. A second Stoa on the same folder is
 * refused instead of fighting the first over its embedded PostgreSQL; and once the lock is held, anything still
 * running on the folder was left behind by a Stoa that died.
 */
final class DataFolderLock {

    static final String FILE = "stoa.lock";

    private static Path heldFolder;
    private static FileChannel channel;
    private static FileLock lock;

    private DataFolderLock() {
    }

    /** Takes the folder's lock for this process (again taking one it holds is a no-op); refuses a folder in use. */
    static synchronized void acquire(Path folder) {
        if (folder.equals(heldFolder)) {
            return;
        }
        release();
        Path file = folder.resolve(FILE);
        try {
            Files.createDirectories(folder);
            FileChannel opened = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock taken;
            try {
                taken = opened.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                opened.close();
                throw new IllegalStateException("A Stoa in this process already runs on the data folder " + folder
                        + " and has not stopped.", e);
            }
            if (taken == null) {
                String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
                opened.close();
                throw new IllegalStateException("Another Stoa" + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                        + " is running on the data folder " + folder + ". Stop it first, or give this one a folder of its"
                        + " own with STOA_DATA_DIR.");
            }
            opened.truncate(0);
            opened.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)));
            opened.force(true);
            channel = opened;
            lock = taken;
            heldFolder = folder;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not lock the data folder " + folder + " (" + e.getMessage()
                    + "): set STOA_DATA_DIR to a writable folder.", e);
        }
    }

    /** Gives the lock back (dev mode moving to another folder); the process's end releases it anyway. */
    static synchronized void release() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // The process's end releases it.
        } finally {
            lock = null;
            channel = null;
            heldFolder = null;
        }
    }
}
