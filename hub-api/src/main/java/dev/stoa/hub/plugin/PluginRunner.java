package dev.stoa.hub.plugin;

import dev.stoa.spi.InferenceRunner;
import java.util.Objects;

/**
 * An inference runner of a started plugin.
 *
 * @param plugin the plugin
 * @param name   the runner's name within it
 * @param runner the runner, created once from the plugin's configuration
 */
public record PluginRunner(LoadedPlugin plugin, String name, InferenceRunner runner) {

    public PluginRunner {
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(runner, "runner");
    }

    /** {@code <plugin id>/<name>}: how configuration, the API and the portal name it. */
    public String fullName() {
        return plugin.id() + "/" + name;
    }
}
