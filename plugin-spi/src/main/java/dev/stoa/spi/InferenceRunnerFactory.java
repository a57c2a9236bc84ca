package dev.stoa.spi;

/**
 * Creates an {@link InferenceRunner} from the plugin's configuration; see {@link EvaluatorFactory} for the rules.
 */
public interface InferenceRunnerFactory {

    /** The runner's name, unique within its plugin ({@code cpu}, {@code openai}, {@code kubernetes}). */
    String name();

    /** Creates the runner; called once per configuration. */
    InferenceRunner create(PluginConfig config);
}
