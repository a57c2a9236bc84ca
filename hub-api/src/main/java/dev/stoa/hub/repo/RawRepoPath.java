package dev.stoa.hub.repo;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The revision and path that follow a route's keyword ({@code tree}, {@code resolve}) in the raw request
 * path. JAX-RS hands path parameters over already decoded, which loses the difference between a revision
 * {@code refs%2Fpr%2F1} and a path below it; here each raw segment is decoded exactly once, so an encoded
 * slash stays inside its segment: the first segment is the revision, the rest is the path, whether the client
 * sent it as {@code a%2Fb} or {@code a/b}.
 *
 * @param revision the first segment after the keyword, decoded
 * @param path     the segments after it, each decoded, joined with '/'; {@code ""} when there are none
 */
public record RawRepoPath(String revision, String path) {

    /**
     * Parses {@code rawPath} (as received, percent-encoded) of a route {@code [prefix/]ns/name/keyword/rev[/path]}.
     *
     * @param prefix the raw segments before the namespace ({@code api, models} or {@code datasets}, or none)
     * @return empty revision and path when the route's shape is not found
     */
    public static RawRepoPath parse(String rawPath, List<String> prefix, RepoId id, String keyword) {
        List<String> segments = Arrays.asList(rawPath.split("/", -1));
        List<String> anchor = new ArrayList<>(prefix);
        anchor.addAll(List.of(id.namespace(), id.name(), keyword));
        for (int start = 0; start + anchor.size() <= segments.size(); start++) {
            if (matches(segments, start, anchor)) {
                List<String> tail = segments.subList(start + anchor.size(), segments.size());
                if (tail.isEmpty()) {
                    return new RawRepoPath("", "");
                }
                String path = tail.subList(1, tail.size()).stream()
                        .map(RawRepoPath::decode)
                        .filter(segment -> !segment.isEmpty())
                        .collect(Collectors.joining("/"));
                return new RawRepoPath(decode(tail.get(0)), path);
            }
        }
        return new RawRepoPath("", "");
    }

    private static boolean matches(List<String> segments, int start, List<String> anchor) {
        for (int i = 0; i < anchor.size(); i++) {
            if (!decode(segments.get(start + i)).equals(anchor.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Percent-decoding of one path segment: unlike a form, a path keeps its '+' signs. */
    static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return segment;
        }
    }

    /** Percent-encodes a value as one path segment (slashes included), as huggingface_hub's {@code quote(x, safe="")}. */
    public static String encodeSegment(String value) {
        return dev.stoa.ui.repo.Links.segment(value);
    }
}
