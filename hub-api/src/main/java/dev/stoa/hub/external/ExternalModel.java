package dev.stoa.hub.external;

import java.time.Instant;
import java.util.Optional;

/**
 * A registered external model.
 *
 * @param name          its name on Stoa; requests call it {@code external/<name>}
 * @param provider      who serves it, as people know them ({@code OpenAI}, {@code Anthropic}, {@code our vLLM})
 * @param baseUrl       the OpenAI-compatible base URL, ending in {@code /v1}
 * @param upstreamModel the name the provider knows it by
 * @param apiKeySealed  the sealed API key, when it has one
 * @param timeoutSeconds how long a request waits for the provider; empty: {@code stoa.inference.request-timeout}
 * @param orgId         the organisation whose members alone may call it; empty: every signed-in user
 */
public record ExternalModel(long rowId, String name, String provider, String description, String runner, String baseUrl,
        String upstreamModel, Optional<String> apiKeySealed, Optional<Integer> timeoutSeconds, Optional<Long> orgId,
        Optional<String> orgName, String createdBy, Instant createdAt, Instant updatedAt) {

    /** The namespace of external models in requests: {@code external/<name>}. */
    public static final String NAMESPACE = "external";

    /** How requests and answers name it. */
    public String id() {
        return NAMESPACE + "/" + name;
    }

    /** The same registration with another sealed key. */
    ExternalModel withApiKey(Optional<String> sealed) {
        return new ExternalModel(rowId, name, provider, description, runner, baseUrl, upstreamModel, sealed,
                timeoutSeconds, orgId, orgName, createdBy, createdAt, updatedAt);
    }

    /** What its API key is sealed for. */
    String secretOwner() {
        return "external-model:" + id();
    }
}
