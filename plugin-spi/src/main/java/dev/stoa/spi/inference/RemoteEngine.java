package dev.stoa.spi.inference;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An OpenAI-compatible server (vLLM, SGLang, TGI, llama.cpp, Ollama, a closed API) that the host forwards requests
 * to, with the same paths under {@code baseUrl} ({@code /chat/completions}, {@code /completions}, {@code /models}).
 *
 * @param baseUrl    the server's base, ending in {@code /v1}
 * @param apiKey     sent as {@code Authorization: Bearer}; a secret, never logged
 * @param modelNames the upstream name of each model name Stoa routes here (Stoa's {@code ns/name} or adapter name →
 *                   the server's {@code model}); names not listed are sent unchanged
 */
public record RemoteEngine(URI baseUrl, Optional<String> apiKey, Map<String, String> modelNames) implements Engine {

    public RemoteEngine {
        Objects.requireNonNull(baseUrl, "baseUrl");
        apiKey = apiKey == null ? Optional.empty() : apiKey;
        modelNames = modelNames == null ? Map.of() : Map.copyOf(modelNames);
    }

    /** The name the server knows {@code model} by. */
    public String upstreamName(String model) {
        return modelNames.getOrDefault(model, model);
    }

    @Override
    public String toString() {
        return "RemoteEngine[baseUrl=" + baseUrl + ", modelNames=" + modelNames + "]";
    }
}
