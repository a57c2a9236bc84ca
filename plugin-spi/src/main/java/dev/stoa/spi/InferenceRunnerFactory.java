package dev.stoa.spi;

/** Creates an {@link InferenceRunner} from the plugin's configuration; see {@link EvaluatorFactory} for the rules. */
public interface InferenceRunnerFactory {

    String name();

    InferenceRunner create(PluginConfig config);
}
