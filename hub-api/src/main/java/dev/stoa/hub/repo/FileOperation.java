package dev.stoa.hub.repo;

/** One change a commit makes to a repository's files. */
public sealed interface FileOperation {

    String path();

    /** Adds or replaces a regular (non-LFS) file with these bytes, which are small (see the regular-file limit). */
    record PutFile(String path, byte[] content) implements FileOperation {
    }

    /** Adds or replaces a file tracked by LFS: git gets the pointer, the bytes are a verified blob. */
    record PutLfsFile(String path, String sha256, long size) implements FileOperation {
    }

    /** Removes a file, which must exist. */
    record DeleteFile(String path) implements FileOperation {
    }

    /** Removes a folder and everything under it; the folder must exist. */
    record DeleteFolder(String path) implements FileOperation {
    }
}
