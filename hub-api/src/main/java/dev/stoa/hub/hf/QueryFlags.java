package dev.stoa.hub.hf;

import java.util.Locale;

/** Boolean query and form values as the HF clients send them: {@code true}/{@code True} (requests), {@code 1}. */
public final class QueryFlags {

    private QueryFlags() {
    }

    public static boolean isTrue(String value) {
        if (value == null) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            default -> false;
        };
    }
}
