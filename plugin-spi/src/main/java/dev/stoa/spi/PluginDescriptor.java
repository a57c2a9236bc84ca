package dev.stoa.spi;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a plugin is, read by the host before it creates anything from the plugin.
 *
 * @param id          stable identifier, lowercase letters, digits and dashes (e.g. {@code pickle-scanner}); its
 *                    configuration lives under {@code stoa.plugins.<id>.*}
 * @param name        human-readable name
 * @param version     the plugin's own version
 * @param requiredSpi the SPI version the plugin was built against (see {@link SpiVersion#supports})
 * @param description one or two sentences for administrators
 * @param properties  the configuration the plugin reads; the host validates it at start and masks secrets
 */
public record PluginDescriptor(String id, String name, String version, SpiVersion.Required requiredSpi,
                               String description, List<ConfigProperty> properties) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,62}");

    public PluginDescriptor {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Plugin id '" + id + "' must be 2-63 lowercase letters, digits or dashes, starting with a letter");
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(requiredSpi, "requiredSpi");
        description = description == null ? "" : description;
        properties = properties == null ? List.of() : List.copyOf(properties);
    }

    /** A descriptor built against this SPI version. */
    public static PluginDescriptor of(String id, String name, String version, String description, ConfigProperty... properties) {
        return new PluginDescriptor(id, name, version, SpiVersion.Required.current(), description, List.of(properties));
    }
}
