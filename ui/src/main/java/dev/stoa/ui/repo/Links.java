package dev.stoa.ui.repo;

import java.nio.charset.StandardCharsets;

/** URL pieces of the repository pages: names and paths as they go into a link. */
public final class Links {

    private Links() {
    }

    /** One path segment, percent-encoded (slashes included), so a revision like {@code refs/pr/1} stays one segment. */
    public static String segment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** A file path, each segment percent-encoded and the slashes kept. */
    public static String path(String path) {
        StringBuilder out = new StringBuilder();
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(segment(part));
        }
        return out.toString();
    }

    /** A value as a query parameter. */
    public static String query(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Bytes as a person reads them: 1.4 GB, 512 kB (decimal units, as the Hub shows them). */
    public static String bytes(long n) {
        if (n < 1000) {
            return n + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double value = n;
        int unit = -1;
        do {
            value /= 1000;
            unit++;
        } while (value >= 1000 && unit < units.length - 1);
        return String.format(java.util.Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }

    /** A moment as {@code 2026-01-31 14:05 UTC}. */
    public static String date(java.time.Instant instant) {
        return instant == null ? "" : java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .withZone(java.time.ZoneOffset.UTC).format(instant);
    }
}
