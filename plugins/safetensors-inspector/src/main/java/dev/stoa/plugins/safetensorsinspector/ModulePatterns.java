package dev.stoa.plugins.safetensorsinspector;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Matches module names against the patterns of an adapter config as PEFT does: a {@code rank_pattern} or
 * {@code alpha_pattern} key matches a module whose name ends with it after a dot ({@code (.*\.)?key$}); a
 * {@code target_modules} string must match a whole module name. Patterns come from uploads, so every match
 * runs with a step budget: a pattern that backtracks catastrophically fails the match instead of hanging.
 */
final class ModulePatterns {

    /** Character reads one match may make before it is abandoned. */
    private static final long STEP_BUDGET = 2_000_000;

    /** A pattern that is not a valid regular expression or costs too much to match. */
    static final class Unusable extends RuntimeException {
        Unusable(String message) {
            super(message, null, false, false);
        }
    }

    private ModulePatterns() {
    }

    /** The value of the first pattern key that matches {@code module}, in the map's order. */
    static <V> Optional<V> lookup(Map<String, V> patterns, String module) {
        for (var entry : patterns.entrySet()) {
            if (keyMatches(entry.getKey(), module)) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    /** Whether a {@code rank_pattern}/{@code alpha_pattern} key matches a module name. */
    static boolean keyMatches(String key, String module) {
        return matches("(.*\\.)?(" + key + ")", module);
    }

    /** Whether a regular expression matches the whole module name. */
    static boolean matches(String regex, String module) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new Unusable("'" + regex + "' is not a valid regular expression");
        }
        return pattern.matcher(new Budgeted(module, new long[]{STEP_BUDGET}, regex)).matches();
    }

    /** A string whose reads are counted, so that a runaway match stops. */
    private record Budgeted(String text, long[] budget, String regex) implements CharSequence {
        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (--budget[0] < 0) {
                throw new Unusable("'" + regex + "' takes too long to match module names");
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Budgeted(text.substring(start, end), budget, regex);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
