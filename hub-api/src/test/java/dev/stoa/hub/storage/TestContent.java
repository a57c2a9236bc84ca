package dev.stoa.hub.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/** Content for store tests: random keys, and deterministic pseudo-random bytes of any size as streams. */
final class TestContent {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private TestContent() {
    }

    /** A key under a folder of its own, so tests never share objects. */
    static String randomKey(String name) {
        return randomPrefix() + name;
    }

    static String randomPrefix() {
        return "contract/" + UUID.randomUUID() + "/";
    }

    static byte[] bytes(long seed, int size) {
        try (InputStream in = stream(seed, 0, size)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Bytes {@code [offset, offset + length)} of the endless sequence that {@code seed} names: byte {@code p} is
     * byte {@code p % 8} of a hash of word {@code p / 8}, so any range can be made without making what precedes it.
     */
    static InputStream stream(long seed, long offset, long length) {
        return new InputStream() {
            private long position = offset;
            private final long end = offset + length;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int from, int count) {
                if (position >= end) {
                    return -1;
                }
                int n = (int) Math.min(count, end - position);
                for (int i = 0; i < n; ) {
                    long word = mix(seed + (position >>> 3) * 0x9E3779B97F4A7C15L);
                    int shift = (int) (position & 7);
                    int take = Math.min(8 - shift, n - i);
                    if (take == 8) {
                        LONGS.set(buffer, from + i, word);
                    } else {
                        for (int k = 0; k < take; k++) {
                            buffer[from + i + k] = (byte) (word >>> ((shift + k) * 8));
                        }
                    }
                    i += take;
                    position += take;
                }
                return n;
            }
        };
    }

    /** Yields {@code good} bytes, then fails as a broken upload connection would. */
    static InputStream failingAfter(long seed, long good) {
        InputStream content = stream(seed, 0, good);
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int from, int count) throws IOException {
                int n = content.read(buffer, from, count);
                if (n < 0) {
                    throw new IOException("connection reset (test)");
                }
                return n;
            }
        };
    }

    /** Reads the stream to its end and closes it. */
    static String sha256(InputStream in) {
        try (in) {
            MessageDigest digest = sha256();
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SplitMix64's finaliser: a fast, well-mixed 64-bit hash. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
