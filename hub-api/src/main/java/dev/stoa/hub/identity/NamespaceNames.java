package dev.stoa.hub.identity;

import dev.stoa.hub.error.ApiException;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules for user and organisation names, as on the Hugging Face Hub: letters, digits, '-', '_'
 * and '.', starting and ending with a letter or digit, no two punctuation marks in a row. Names that
 * Stoa's own URLs use are reserved.
 */
public final class NamespaceNames {

    public static final int MIN_LENGTH = 2;
    public static final int MAX_LENGTH = 42;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9]|[-_.](?=[A-Za-z0-9]))*");
    private static final Set<String> RESERVED = Set.of(
            "about", "admin", "api", "assets", "blog", "collections", "curation", "datasets", "docs", "enterprise", "external",
            "health", "help", "hf", "huggingface", "join", "login", "logout", "me", "metrics", "moderation", "models",
            "new", "notifications", "null", "oauth", "organizations", "orgs", "papers", "posts", "pricing",
            "q", "root", "search", "security", "settings", "signup", "spaces", "static", "status", "stoa",
            "system", "undefined", "user", "users", "v1", "www");

    private NamespaceNames() {
    }

    /** Throws a 400 naming {@code field} when {@code name} breaks a rule. */
    public static void check(String field, String name) {
        if (name == null || name.isBlank()) {
            throw ApiException.invalidField(field, "A name is required.");
        }
        if (name.length() < MIN_LENGTH || name.length() > MAX_LENGTH) {
            throw ApiException.invalidField(field, "'" + name + "' must be between " + MIN_LENGTH + " and "
                    + MAX_LENGTH + " characters long.");
        }
        if (!SHAPE.matcher(name).matches()) {
            throw ApiException.invalidField(field, "'" + name + "' may only contain letters, digits, '-', '_' and '.',"
                    + " must start and end with a letter or digit, and may not have two of '-', '_', '.' in a row.");
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw ApiException.invalidField(field, "'" + name + "' is reserved for Stoa's own pages; choose another name.");
        }
    }
}
