package dev.stoa.hub.identity;

import dev.stoa.hub.storage.Sha256;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/** Random secrets (tokens, session ids, generated passwords) and the digests Stoa stores instead of them. */
public final class Secrets {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** {@code length} characters of [A-Za-z0-9]: about 5.95 bits each. */
    public static String random(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    /** SHA-256 is enough for high-entropy secrets: there is nothing to brute-force. */
    public static byte[] sha256(String secret) {
        return Sha256.of(secret.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(String secret) {
        return java.util.HexFormat.of().formatHex(sha256(secret));
    }
}
