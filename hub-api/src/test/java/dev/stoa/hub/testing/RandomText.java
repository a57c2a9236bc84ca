package dev.stoa.hub.testing;

import java.security.SecureRandom;

/** Random names and secrets, so that tests never share state and a leaked value is easy to search for. */
public final class RandomText {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String LOWERCASE = "abcdefghijklmnopqrstuvwxyz0123456789";

    private RandomText() {
    }

    public static String alphanumeric(int length) {
        return pick(ALPHANUMERIC, length);
    }

    /** Lower-case letters and digits: valid in S3 bucket names and repository names. */
    public static String lowercase(int length) {
        return pick(LOWERCASE, length);
    }

    private static String pick(String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
