package dev.stoa.hub.web;

import java.util.regex.Pattern;

/** Where the portal may send a browser after a form: only a path of this Stoa, never another site. */
public final class LocalPath {

    // "//host" and "/\host" are read by browsers as another site.
    private static final Pattern LOCAL = Pattern.compile("/(?![/\\\\])[^\\s\\\\]*");

    private LocalPath() {
    }

    /** {@code candidate} when it is a path of this Stoa, otherwise the home page. */
    public static String orHome(String candidate) {
        return candidate != null && candidate.length() <= 2048 && LOCAL.matcher(candidate).matches() ? candidate : "/";
    }
}
