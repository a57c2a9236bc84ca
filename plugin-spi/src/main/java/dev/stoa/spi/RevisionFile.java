package dev.stoa.spi;

import java.util.Objects;

/**
 * One file of a revision.
 *
 * @param path   the path in the repository, with {@code /} separators and no leading slash
 * @param size   the content's size in bytes (for LFS files the real content, not the pointer)
 * @param sha256 the content's SHA-256 as 64 lowercase hex digits
 * @param lfs    whether the file is stored with git-lfs (large files: read them by ranges, never whole)
 */
public record RevisionFile(String path, long size, String sha256, boolean lfs) {

    public RevisionFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** The file name after the last {@code /}. */
    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
