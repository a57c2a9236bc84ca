package dev.stoa.hub.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** Large files of random bytes for the benchmarks, written once and reused between runs. */
final class BenchFiles {

    static final int BUFFER = 1 << 20;

    /** A file of random bytes and its sha256. */
    record BenchFile(Path path, long size, String sha256) {
    }

    private BenchFiles() {
    }

    /** Writes {@code size} random bytes to {@code path} unless a file of that size is there; returns it with its sha256. */
    static BenchFile random(Path path, long size) {
        try {
            Files.createDirectories(path.getParent());
            if (!Files.exists(path) || Files.size(path) != size) {
                SplittableRandom random = new SplittableRandom(size);
                byte[] block = new byte[BUFFER];
                try (OutputStream out = Files.newOutputStream(path)) {
                    for (long written = 0; written < size; written += block.length) {
                        random.nextBytes(block);
                        out.write(block, 0, (int) Math.min(block.length, size - written));
                    }
                }
            }
            try (InputStream in = Files.newInputStream(path)) {
                return new BenchFile(path, size, sha256(in));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(InputStream in) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[BUFFER];
        for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a stream to its end and returns how many bytes it held. */
    static long drain(InputStream in) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
        }
        return total;
    }

    /** Copies a stream to another through a 1 MiB buffer, as a program without special system calls would. */
    static long copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }
}
