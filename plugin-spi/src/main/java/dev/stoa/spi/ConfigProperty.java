package dev.stoa.spi;

import java.util.Objects;

/**
 * One configuration property a plugin reads, set by administrators as {@code stoa.plugins.<id>.<name>}.
 * The host checks at start that every required property is set and every value has the declared type, and
 * refuses to start with a message naming the plugin and the key otherwise.
 *
 * @param name         the key below the plugin's prefix, e.g. {@code max-file-bytes}
 * @param type         the value's type
 * @param defaultValue the value when none is set, or {@code null} for none
 * @param required     whether a value must be set (a default counts)
 * @param secret       whether the value is a secret: never logged, shown masked in the admin API
 * @param description  what the property does, for administrators
 */
public record ConfigProperty(String name, Type type, String defaultValue, boolean required, boolean secret,
                             String description) {

    /** The types a configuration value can have; values cross the boundary as strings. */
    public enum Type {
        STRING, INTEGER, LONG, BOOLEAN, DECIMAL,
        /** ISO-8601 ({@code PT30S}) or a number with a unit ({@code 30s}, {@code 5m}). */
        DURATION,
        /** Comma-separated strings. */
        LIST
    }

    public ConfigProperty {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
    }

    /** An optional property with a default. */
    public static ConfigProperty optional(String name, Type type, String defaultValue, String description) {
        return new ConfigProperty(name, type, defaultValue, false, false, description);
    }

    /** A required property without a default. */
    public static ConfigProperty required(String name, Type type, String description) {
        return new ConfigProperty(name, type, null, true, false, description);
    }

    /** A secret (a key, a password): required, never logged, masked wherever the host shows configuration. */
    public static ConfigProperty secret(String name, String description) {
        return new ConfigProperty(name, Type.STRING, null, true, true, description);
    }
}
