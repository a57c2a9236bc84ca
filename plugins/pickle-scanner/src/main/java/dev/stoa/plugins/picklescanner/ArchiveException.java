package dev.stoa.plugins.picklescanner;

/** A zip or tar structure that cannot be followed; reported as {@code pickle.archive.malformed}. */
final class ArchiveException extends Exception {
    ArchiveException(String message) {
        super(message, null, false, false);
    }
}
