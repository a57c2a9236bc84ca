package dev.stoa.hub.repo;

import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The rules every file path in a repository keeps, whichever route wrote it (HF commit, git push): relative,
 * '/'-separated, no empty, {@code .} or {@code ..} segment, no {@code .git} segment, no control characters
 * or backslashes, and at most {@code stoa.repos.limits.max-path-bytes} UTF-8 bytes.
 */
@ApplicationScoped
public class RepoPaths {

    private final StoaConfig config;

    public RepoPaths(StoaConfig config) {
        this.config = config;
    }

    /** The path, when it keeps every rule; otherwise a 400 that names the rule. */
    public String check(String path) {
        String problem = problem(path);
        if (problem != null) {
            throw ApiException.invalidField("path", problem);
        }
        return path;
    }

    /** What is wrong with a path, or null when nothing is. */
    public String problem(String path) {
        if (path == null || path.isEmpty()) {
            return "A file path is required.";
        }
        int max = config.repos().limits().maxPathBytes();
        if (path.getBytes(StandardCharsets.UTF_8).length > max) {
            return "The path '" + path.substring(0, Math.min(path.length(), 80)) + "…' is longer than the limit of "
                    + max + " bytes (stoa.repos.limits.max-path-bytes).";
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "The path '" + printable(path) + "' holds a control character; remove it.";
            }
            if (c == '\\') {
                return "The path '" + path + "' holds a backslash; separate folders with '/'.";
            }
        }
        if (path.startsWith("/")) {
            return "The path '" + path + "' is absolute; give it relative to the repository's root.";
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                return "The path '" + path + "' has an empty folder name ('//' or a trailing '/').";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "The path '" + path + "' holds a '" + segment + "' segment; give a plain path inside the repository.";
            }
            if (segment.toLowerCase(Locale.ROOT).equals(".git")) {
                return "The path '" + path + "' has a '.git' segment, which git reserves for itself.";
            }
        }
        return null;
    }

    private static String printable(String path) {
        return path.replaceAll("\\p{Cntrl}", "?");
    }
}
