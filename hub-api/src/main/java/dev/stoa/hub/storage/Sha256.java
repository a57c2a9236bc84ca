package dev.stoa.hub.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** sha256 object ids: their syntax, and a stream that hashes and counts what passes through it. */
public final class Sha256 {

    private static final Pattern OID = Pattern.compile("[0-9a-f]{64}");

    private Sha256() {
    }

    /** Whether {@code oid} is 64 lowercase hex digits, the form git-lfs and the Hugging Face client send. */
    public static boolean isOid(String oid) {
        return oid != null && OID.matcher(oid).matches();
    }

    /** The SHA-256 of {@code bytes}. */
    public static byte[] of(byte[] bytes) {
        return newDigest().digest(bytes);
    }

    /** The SHA-256 of everything {@code in} yields, as 64 lowercase hex digits; reads it to the end, leaves it open. */
    public static String hexOf(InputStream in) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[65536];
        for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * Hashes (on a thread of its own, see {@link PipelinedSha256}) and counts every byte read through it; stops
     * after {@code limit} bytes (reports the end). Closing it stops the hashing thread.
     */
    public static final class HashingInputStream extends FilterInputStream {

        private final PipelinedSha256 digest = new PipelinedSha256();
        private final long limit;
        private long count;

        public HashingInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (count >= limit) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, limit - count));
            if (n > 0) {
                digest.update(buffer, offset, n);
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) {
            return 0;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        /** Bytes read so far. */
        public long count() {
            return count;
        }

        /** The hex sha256 of the bytes read; call once, after reading. */
        public String sha256() {
            return digest.hex();
        }

        @Override
        public void close() throws IOException {
            digest.close();
            super.close();
        }
    }
}
