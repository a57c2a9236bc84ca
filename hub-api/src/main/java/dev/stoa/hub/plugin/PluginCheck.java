package dev.stoa.hub.plugin;

import dev.stoa.spi.Evaluator;
import dev.stoa.spi.LicenseChecker;

import java.util.Objects;

/**
 * One check a started plugin offers: an evaluator or a license checker created from the plugin's configuration.
 *
 * @param plugin    the plugin that offers it
 * @param name      the factory's name, unique within the plugin
 * @param kind      evaluator or license checker
 * @param extension the {@link Evaluator} or {@link LicenseChecker}
 */
public record PluginCheck(LoadedPlugin plugin, String name, Kind kind, Object extension) {

    /** The extension kinds that check revisions. */
    public enum Kind {
        EVALUATOR("evaluator"), LICENSE_CHECKER("license-checker");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public PluginCheck {
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(name, "name");
        if (!(extension instanceof Evaluator) && !(extension instanceof LicenseChecker)) {
            throw new IllegalArgumentException("Not a check: " + extension);
        }
    }

    /** {@code <plugin id>/<name>}: the name check runs are stored under. */
    public String fullName() {
        return plugin.id() + "/" + name;
    }
}
