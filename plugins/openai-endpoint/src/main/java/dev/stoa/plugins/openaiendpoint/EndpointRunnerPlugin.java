package dev.stoa.plugins.openaiendpoint;

import dev.stoa.spi.ConfigProperty;
import dev.stoa.spi.InferenceRunner;
import dev.stoa.spi.InferenceRunnerFactory;
import dev.stoa.spi.PluginConfig;
import dev.stoa.spi.PluginDescriptor;
import dev.stoa.spi.StoaPlugin;
import java.time.Duration;
import java.util.List;

/**
 * Serves models through an OpenAI-compatible server that runs already — vLLM, SGLang, TGI, llama.cpp's server,
 * Ollama — or a closed API: the deployment's engine is that server, and Stoa forwards requests to it.
 */
public final class EndpointRunnerPlugin implements StoaPlugin {

    /** The plugin id: configuration lives under {@code stoa.plugins.openai-endpoint.*}. */
    public static final String ID = "openai-endpoint";

    static final ConfigProperty API_KEY = new ConfigProperty(EndpointRunner.API_KEY, ConfigProperty.Type.STRING, null,
            false, true, "The API key sent to servers a deployment names without one of its own (Authorization: Bearer).");
    static final ConfigProperty CHECK_TIMEOUT = ConfigProperty.optional("check-timeout-seconds",
            ConfigProperty.Type.INTEGER, "10", "How long the server may take to list its models when a deployment starts.");

    @Override
    public PluginDescriptor descriptor() {
        return PluginDescriptor.of(ID, "OpenAI-compatible endpoint runner", "1.0.0",
                "Serves models through an OpenAI-compatible server that already runs (vLLM, SGLang, TGI, llama.cpp,"
                        + " Ollama) or a closed API; Stoa forwards requests to it.",
                API_KEY, CHECK_TIMEOUT);
    }

    @Override
    public List<InferenceRunnerFactory> inferenceRunners() {
        return List.of(new InferenceRunnerFactory() {
            @Override
            public String name() {
                return EndpointRunner.NAME;
            }

            @Override
            public InferenceRunner create(PluginConfig config) {
                return new EndpointRunner(Duration.ofSeconds(config.getInt(CHECK_TIMEOUT.name(), 10)));
            }
        });
    }
}
