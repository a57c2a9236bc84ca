package dev.stoa.hub.plugin;

import dev.stoa.spi.ConfigProperty;
import dev.stoa.spi.PluginConfig;
import dev.stoa.spi.PluginDescriptor;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks a plugin's {@code stoa.plugins.<id>.*} values against its descriptor: every key is declared (or one of
 * the host's own, {@link #HOST_KEYS}), every required property has a value, every value has its declared type.
 * Defaults are applied; the host's keys are left out of the plugin's configuration.
 */
public final class PluginConfigValidation {

    /** Keys below a plugin's prefix that the host reads itself. */
    public static final Set<String> HOST_KEYS = Set.of("enabled", "timeout");

    private PluginConfigValidation() {
    }

    /** A configuration value that the descriptor does not accept; the message names the plugin and the key. */
    public static final class InvalidPluginConfig extends IllegalArgumentException {
        private final String key;

        InvalidPluginConfig(String pluginId, String name, String problem) {
            super("Plugin '" + pluginId + "': stoa.plugins." + pluginId + "." + name + " " + problem);
            this.key = "stoa.plugins." + pluginId + "." + name;
        }

        /** The full key, {@code stoa.plugins.<id>.<name>}. */
        public String key() {
            return key;
        }
    }

    /**
     * The plugin's configuration from its values (keys without the {@code stoa.plugins.<id>.} prefix).
     *
     * @throws InvalidPluginConfig for an unknown key, a missing required value or a value of the wrong type
     */
    public static PluginConfig validate(PluginDescriptor descriptor, Map<String, String> values) {
        String id = descriptor.id();
        Map<String, ConfigProperty> declared = descriptor.properties().stream()
                .collect(Collectors.toMap(ConfigProperty::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String key = entry.getKey();
            if (key.equals("enabled")) {
                checkType(id, key, ConfigProperty.Type.BOOLEAN, entry.getValue(), false);
            } else if (key.equals("timeout")) {
                checkType(id, key, ConfigProperty.Type.DURATION, entry.getValue(), false);
            } else if (!declared.containsKey(key)) {
                throw new InvalidPluginConfig(id, key, "is not a setting of this plugin; it knows "
                        + (declared.isEmpty() ? "none" : new TreeSet<>(declared.keySet())) + ". Remove it or fix its name.");
            }
        }
        Map<String, String> config = new LinkedHashMap<>();
        for (ConfigProperty property : declared.values()) {
            String value = values.get(property.name());
            if (value == null) {
                value = property.defaultValue();
            }
            if (value == null) {
                if (property.required()) {
                    throw new InvalidPluginConfig(id, property.name(), "is required but not set"
                            + (property.description().isBlank() ? "" : " (" + property.description() + ")") + ".");
                }
                continue;
            }
            checkType(id, property.name(), property.type(), value, property.secret());
            config.put(property.name(), value);
        }
        return new PluginConfig(config);
    }

    private static void checkType(String id, String name, ConfigProperty.Type type, String value, boolean secret) {
        String v = value.strip();
        try {
            switch (type) {
                case INTEGER -> Integer.parseInt(v);
                case LONG -> Long.parseLong(v);
                case DECIMAL -> new BigDecimal(v);
                case DURATION -> PluginConfig.parseDuration(v);
                case BOOLEAN -> {
                    if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                        throw new IllegalArgumentException();
                    }
                }
                case STRING, LIST -> {
                }
            }
        } catch (RuntimeException e) {
            throw new InvalidPluginConfig(id, name, "must be " + describe(type) + ", not "
                    + (secret ? "the value set" : "'" + value + "'") + ".");
        }
    }

    private static String describe(ConfigProperty.Type type) {
        return switch (type) {
            case INTEGER -> "a whole number (int)";
            case LONG -> "a whole number";
            case DECIMAL -> "a decimal number";
            case DURATION -> "a duration such as PT30S or 30s";
            case BOOLEAN -> "true or false";
            case STRING, LIST -> "text";
        };
    }
}
