package dev.stoa.hub.files;

import dev.stoa.hub.git.LfsPointer;

import java.util.Optional;

/**
 * A file or folder at a path of one commit's tree.
 *
 * @param path        the path from the repository's root, '/'-separated
 * @param oid         the git object id: the blob's sha1 for a file, the tree's for a folder
 * @param size        a file's content size: the LFS object's size for an LFS file, 0 for a folder
 * @param lfs         the pointer, when the file is a git-lfs pointer file
 * @param pointerSize the size of the git blob itself (the pointer file's size for an LFS file)
 */
public record RepoEntry(Kind kind, String path, String oid, long size, Optional<LfsPointer> lfs, long pointerSize) {

    /** What sits at the path. */
    public enum Kind { FILE, DIRECTORY }

    public static RepoEntry directory(String path, String oid) {
        return new RepoEntry(Kind.DIRECTORY, path, oid, 0, Optional.empty(), 0);
    }

    public static RepoEntry file(String path, String oid, long blobSize, Optional<LfsPointer> lfs) {
        return new RepoEntry(Kind.FILE, path, oid, lfs.map(LfsPointer::size).orElse(blobSize), lfs, blobSize);
    }

    public boolean isFile() {
        return kind == Kind.FILE;
    }

    /** The file's name: the last segment of its path. */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
