package dev.stoa.hub.error;

/** The route families, each with its own error format. */
public enum ApiFamily {
    /** Stoa's own API under {@code /api/v1}: RFC 9457 problem JSON. */
    STOA,
    /** The Hugging Face routes: status plus {@code X-Error-Code}/{@code X-Error-Message} and {@code {"error"}}. */
    HF,
    /**
     * The git-lfs routes ({@code .../info/lfs/...}) and Stoa's LFS transfer links ({@code /api/lfs/...}): the
     * git-lfs JSON error {@code {"message"}}, plus the Hugging Face error headers its client reads.
     */
    LFS,
    /** The OpenAI-compatible gateway under {@code /v1}: {@code {"error": {"message", "type", "param", "code"}}}. */
    OPENAI,
    /** Operational endpoints under {@code /q}: plain JSON. */
    OPS,
    /** Portal pages: an HTML page a person can read. */
    PORTAL;

    /** git smart HTTP, with or without {@code .git}: only these exact sub-paths of a repository are git's. */
    private static final java.util.regex.Pattern GIT_SMART_HTTP =
            java.util.regex.Pattern.compile("/(?:datasets/)?[^/]+/[^/]+/(?:info/refs|git-upload-pack|git-receive-pack)");

    public static ApiFamily of(String path) {
        if (path == null || path.isEmpty()) {
            return PORTAL;
        }
        if (path.equals("/api/v1") || path.startsWith("/api/v1/")) {
            return STOA;
        }
        if (path.equals("/v1") || path.startsWith("/v1/")) {
            return OPENAI;
        }
        if (path.contains("/info/lfs/") || path.startsWith("/api/lfs/")) {
            return LFS;
        }
        if (path.startsWith("/api/") || path.startsWith("/oauth/") || path.contains("/resolve/")
                || path.contains(".git/") || path.endsWith(".git")
                || GIT_SMART_HTTP.matcher(path).matches()) {
            return HF;
        }
        if (path.startsWith("/q/")) {
            return OPS;
        }
        return PORTAL;
    }
}
