package dev.stoa.hub.plugin;

import dev.stoa.spi.PluginConfig;
import dev.stoa.spi.PluginDescriptor;
import dev.stoa.spi.PluginValidation;

import java.util.List;
import java.util.Map;

/**
 * The host's check of a plugin's {@code stoa.plugins.<id>.*} values: the SPI's {@link PluginValidation} rules
 * (the same the test kit applies), turned into a start-up failure that names the plugin and every bad key.
 */
public final class PluginConfigValidation {

    private PluginConfigValidation() {
    }

    /** A configuration the descriptor does not accept; the message names the plugin and each key. */
    public static final class InvalidPluginConfig extends IllegalArgumentException {
        private final List<String> problems;

        InvalidPluginConfig(String pluginId, List<String> problems) {
            super("Plugin '" + pluginId + "' cannot start with its configuration: " + String.join("; ", problems)
                    + ". Fix the stoa.plugins." + pluginId + ".* settings, or set stoa.plugins." + pluginId
                    + ".enabled=false.");
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /**
     * The plugin's configuration from its values (keys without the {@code stoa.plugins.<id>.} prefix), with
     * defaults applied and the host's keys ({@link PluginValidation#HOST_KEYS}) left out.
     *
     * @throws InvalidPluginConfig for unknown keys, missing required values or values of the wrong type
     */
    public static PluginConfig validate(PluginDescriptor descriptor, Map<String, String> values) {
        List<String> problems = PluginValidation.configProblems(descriptor, values);
        if (!problems.isEmpty()) {
            throw new InvalidPluginConfig(descriptor.id(), problems);
        }
        return PluginValidation.validateConfig(descriptor, values);
    }
}
