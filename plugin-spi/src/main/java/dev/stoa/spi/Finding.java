package dev.stoa.spi;

import java.util.Objects;

/**
 * One thing a check found.
 *
 * @param severity how serious it is
 * @param code     a stable, machine-readable code, e.g. {@code pickle.import.os.system}
 * @param path     the file it concerns, or {@code null} when it concerns the whole revision
 * @param message  one or two sentences for people: what was found and, where it helps, how to fix it
 */
public record Finding(Severity severity, String code, String path, String message) {

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static Finding of(Severity severity, String code, String path, String message) {
        return new Finding(severity, code, path, message);
    }
}
