package dev.stoa.spi;

/**
 * Creates an {@link Evaluator} from the plugin's configuration.
 *
 * <p>{@link #name()} is stable and unique within its plugin; check runs are stored under
 * {@code <plugin id>/<name>}.
 */
public interface EvaluatorFactory {

    /** The check's name, e.g. {@code pickle-imports}; lowercase letters, digits and dashes. */
    String name();

    /** Creates the evaluator. Throw {@link IllegalArgumentException} naming the key for a bad configuration. */
    Evaluator create(PluginConfig config);
}
