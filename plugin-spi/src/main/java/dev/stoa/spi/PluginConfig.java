package dev.stoa.spi;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration a factory creates an extension with: the plugin's {@code stoa.plugins.<id>.*} values,
 * already validated by the host against the descriptor's {@link ConfigProperty properties}, with defaults
 * applied. Immutable and safe to share between threads.
 *
 * @param values the values by property name (without the {@code stoa.plugins.<id>.} prefix)
 */
public record PluginConfig(Map<String, String> values) {

    public PluginConfig {
        values = values == null ? Map.of() : Map.copyOf(values);
    }

    /** A configuration without values (defaults only, as the test kit uses). */
    public static PluginConfig empty() {
        return new PluginConfig(Map.of());
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The value of a property the descriptor declares as required or with a default. */
    public String require(String name) {
        return get(name).orElseThrow(() -> new IllegalStateException("Configuration property '" + name + "' is not set"));
    }

    public int getInt(String name, int fallback) {
        return get(name).map(String::strip).map(Integer::parseInt).orElse(fallback);
    }

    public long getLong(String name, long fallback) {
        return get(name).map(String::strip).map(Long::parseLong).orElse(fallback);
    }

    public boolean getBoolean(String name, boolean fallback) {
        return get(name).map(String::strip).map(Boolean::parseBoolean).orElse(fallback);
    }

    public Duration getDuration(String name, Duration fallback) {
        return get(name).map(PluginConfig::parseDuration).orElse(fallback);
    }

    /** A comma-separated list, blanks dropped. */
    public List<String> getList(String name) {
        return get(name).map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    /** Parses {@code PT30S}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 250ms} or plain seconds. */
    public static Duration parseDuration(String value) {
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        if (v.startsWith("pt") || v.startsWith("p")) {
            return Duration.parse(v.toUpperCase(java.util.Locale.ROOT));
        }
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).strip()));
        }
        char unit = v.charAt(v.length() - 1);
        if (Character.isDigit(unit)) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        long amount = Long.parseLong(v.substring(0, v.length() - 1).strip());
        return switch (unit) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("Unknown duration unit in '" + value + "'");
        };
    }
}
