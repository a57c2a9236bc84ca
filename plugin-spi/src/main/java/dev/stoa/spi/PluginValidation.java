package dev.stoa.spi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The checks the host makes on a plugin before it runs it, in one place so that the host and the test kit
 * ({@link dev.stoa.spi.testkit.PluginTestKit}) apply exactly the same rules: the descriptor, the extension
 * names, and the configuration values against the declared {@link ConfigProperty properties}.
 *
 * <p>Every check returns the full list of problems (empty when all is well), each a sentence naming the
 * plugin and, for configuration, the full key {@code stoa.plugins.<id>.<name>}. Secret values never appear in
 * a message. Stateless and thread-safe.
 */
public final class PluginValidation {

    /**
     * Keys below {@code stoa.plugins.<id>.} that the host reads itself (enable/disable, the per-call
     * timeout); a plugin may not declare them, and they are left out of the plugin's {@link PluginConfig}.
     */
    public static final Set<String> HOST_KEYS = Set.of("enabled", "timeout");

    /** What the host and the admin API show instead of a secret value. */
    public static final String MASK = "********";

    private static final Pattern PROPERTY_NAME = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*");
    private static final Pattern EXTENSION_NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    private PluginValidation() {
    }

    /**
     * Problems with a descriptor: an SPI version this SPI cannot run, property names that are malformed,
     * duplicated or reserved by the host, and defaults that do not have their property's type.
     */
    public static List<String> descriptorProblems(PluginDescriptor descriptor) {
        List<String> problems = new ArrayList<>();
        String plugin = "Plugin '" + descriptor.id() + "'";
        if (!descriptor.requiredSpi().isSupported()) {
            problems.add(plugin + " needs SPI " + descriptor.requiredSpi() + " but this Stoa provides SPI "
                    + SpiVersion.current() + " (same major version and a minor version not newer are required)");
        }
        Set<String> seen = new HashSet<>();
        for (ConfigProperty property : descriptor.properties()) {
            String name = property.name();
            if (!PROPERTY_NAME.matcher(name).matches()) {
                problems.add(plugin + " declares property '" + name
                        + "': names are lowercase letters, digits and dashes, in dot-separated parts");
            }
            if (HOST_KEYS.contains(name)) {
                problems.add(plugin + " declares property '" + name + "', which the host reserves for itself");
            }
            if (!seen.add(name)) {
                problems.add(plugin + " declares property '" + name + "' twice");
            }
            if (property.defaultValue() != null && !hasType(property.type(), property.defaultValue())) {
                problems.add(plugin + " declares property '" + name + "' with a default that is not "
                        + article(property.type()));
            }
        }
        return problems;
    }

    /**
     * Problems with a plugin's extensions: names that are not lowercase letters, digits and dashes, and names
     * used twice among its evaluators and license checkers (their check runs are stored under
     * {@code <plugin id>/<name>}) or among its inference runners. Calls the plugin's factory methods.
     */
    public static List<String> extensionProblems(StoaPlugin plugin) {
        String id = plugin.descriptor().id();
        List<String> problems = new ArrayList<>();
        List<String> checks = new ArrayList<>();
        plugin.evaluators().forEach(f -> checks.add(f.name()));
        plugin.licenseCheckers().forEach(f -> checks.add(f.name()));
        List<String> runners = plugin.inferenceRunners().stream().map(InferenceRunnerFactory::name).toList();
        for (List<String> names : List.of(checks, runners)) {
            Set<String> seen = new HashSet<>();
            for (String name : names) {
                if (name == null || !EXTENSION_NAME.matcher(name).matches()) {
                    problems.add("Plugin '" + id + "' has an extension named '" + name
                            + "': names are 1-63 lowercase letters, digits and dashes, starting with a letter");
                } else if (!seen.add(name)) {
                    problems.add("Plugin '" + id + "' has two extensions named '" + name + "'");
                }
            }
        }
        return problems;
    }

    /**
     * Problems with configuration values for a plugin: keys the descriptor does not declare (typos), required
     * properties without a value or default (a blank value counts as none), and values that do not have
     * their property's type. Of the {@link #HOST_KEYS}, {@code enabled} must be true or false and
     * {@code timeout} a duration.
     *
     * @param values the values by property name, without the {@code stoa.plugins.<id>.} prefix
     */
    public static List<String> configProblems(PluginDescriptor descriptor, Map<String, String> values) {
        List<String> problems = new ArrayList<>();
        Map<String, ConfigProperty> declared = declared(descriptor);
        for (String key : new TreeMap<>(values).keySet()) {
            if (HOST_KEYS.contains(key)) {
                ConfigProperty.Type type = key.equals("enabled") ? ConfigProperty.Type.BOOLEAN : ConfigProperty.Type.DURATION;
                String value = values.get(key);
                if (value != null && !value.isBlank() && !hasType(type, value)) {
                    problems.add(prefix(descriptor, key) + " = '" + value + "' is not " + article(type)
                            + " (read by the host for plugin '" + descriptor.id() + "')");
                }
            } else if (!declared.containsKey(key)) {
                problems.add(prefix(descriptor, key) + " is not a property of plugin '" + descriptor.id() + "'"
                        + (declared.isEmpty() ? " (it has none)" : "; it has: " + String.join(", ", declared.keySet())));
            }
        }
        for (ConfigProperty property : declared.values()) {
            String value = values.get(property.name());
            boolean unset = value == null || value.isBlank();
            if (unset) {
                if (property.required() && property.defaultValue() == null) {
                    problems.add(prefix(descriptor, property.name()) + " is required by plugin '" + descriptor.id()
                            + "' and not set" + (property.description().isEmpty() ? "" : " (" + property.description() + ")"));
                }
            } else if (!hasType(property.type(), value)) {
                problems.add(prefix(descriptor, property.name()) + (property.secret() ? " (secret)" : " = '" + value + "'")
                        + " is not " + article(property.type()) + " (plugin '" + descriptor.id() + "')");
            }
        }
        return problems;
    }

    /**
     * Validates configuration values and applies the defaults, as the host does at start.
     *
     * @param values the values by property name, without the {@code stoa.plugins.<id>.} prefix
     * @return the configuration to create the plugin's extensions with (host keys and blank values left out)
     * @throws IllegalArgumentException listing every problem, when there is any
     */
    public static PluginConfig validateConfig(PluginDescriptor descriptor, Map<String, String> values) {
        List<String> problems = configProblems(descriptor, values);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        Map<String, String> effective = new HashMap<>();
        for (ConfigProperty property : descriptor.properties()) {
            String value = values.get(property.name());
            if (value != null && !value.isBlank()) {
                effective.put(property.name(), value);
            } else if (property.defaultValue() != null) {
                effective.put(property.name(), property.defaultValue());
            }
        }
        return new PluginConfig(effective);
    }

    /** The values with every secret property's value replaced by {@link #MASK}, for logs and the admin API. */
    public static Map<String, String> masked(PluginDescriptor descriptor, Map<String, String> values) {
        Map<String, ConfigProperty> declared = declared(descriptor);
        Map<String, String> out = new TreeMap<>();
        values.forEach((key, value) -> {
            ConfigProperty property = declared.get(key);
            out.put(key, property != null && property.secret() && value != null ? MASK : value);
        });
        return out;
    }

    /** Whether {@code value} can be read as {@code type} by {@link PluginConfig}'s getters. */
    public static boolean hasType(ConfigProperty.Type type, String value) {
        String v = value.strip();
        try {
            switch (type) {
                case STRING, LIST -> {
                    return true;
                }
                case INTEGER -> Integer.parseInt(v);
                case LONG -> Long.parseLong(v);
                case DECIMAL -> new BigDecimal(v);
                case BOOLEAN -> {
                    // Boolean.parseBoolean reads "yes" as false; refuse it instead of guessing
                    return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false");
                }
                case DURATION -> PluginConfig.parseDuration(v);
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Map<String, ConfigProperty> declared(PluginDescriptor descriptor) {
        Map<String, ConfigProperty> declared = new LinkedHashMap<>();
        descriptor.properties().forEach(p -> declared.putIfAbsent(p.name(), p));
        return declared;
    }

    private static String prefix(PluginDescriptor descriptor, String key) {
        return "stoa.plugins." + descriptor.id() + "." + key;
    }

    private static String article(ConfigProperty.Type type) {
        return switch (type) {
            case INTEGER -> "an integer";
            case LONG -> "a whole number";
            case DECIMAL -> "a decimal number";
            case BOOLEAN -> "true or false";
            case DURATION -> "a duration (e.g. PT30S, 30s, 5m)";
            case STRING, LIST -> type.name().toLowerCase(Locale.ROOT);
        };
    }
}
