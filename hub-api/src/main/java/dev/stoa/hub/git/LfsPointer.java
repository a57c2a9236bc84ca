package dev.stoa.hub.git;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A git-lfs pointer file: what git stores in place of a large file's bytes
 * (<a href="https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md">the git-lfs spec</a>).
 *
 * @param sha256 the content's sha256, 64 lowercase hex digits
 * @param size   the content's size in bytes
 */
public record LfsPointer(String sha256, long size) {

    /** Pointer files are small; git-lfs itself never treats a larger blob as a pointer. */
    public static final int MAX_POINTER_BYTES = 1024;
    private static final Pattern POINTER = Pattern.compile(
            "version https://git-lfs\\.github\\.com/spec/v1\\n(?:[a-z0-9.-]+ [^\\n]*\\n)*?oid sha256:([0-9a-f]{64})\\nsize ([0-9]{1,19})\\n(?:[a-z0-9.-]+ [^\\n]*\\n)*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public LfsPointer {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
    }

    public static boolean isSha256(String value) {
        return value != null && SHA256.matcher(value).matches();
    }

    /** The pointer held in a blob's bytes, or empty when they are not a pointer file. */
    public static Optional<LfsPointer> parse(byte[] content) {
        if (content.length > MAX_POINTER_BYTES) {
            return Optional.empty();
        }
        Matcher matcher = POINTER.matcher(new String(content, StandardCharsets.UTF_8));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LfsPointer(matcher.group(1), Long.parseLong(matcher.group(2))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The pointer file's bytes, exactly as git-lfs writes them. */
    public byte[] toBytes() {
        return ("version https://git-lfs.github.com/spec/v1\noid sha256:" + sha256 + "\nsize " + size + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
