package dev.stoa.hub.inference;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Usage of the gateway, per model and per caller's token: requests by outcome, prompt and completion tokens. Counts
 * only: prompts and outputs are never recorded.
 */
@ApplicationScoped
public class InferenceMetrics {

    private final MeterRegistry registry;

    public InferenceMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Records one finished request.
     *
     * @param model            the model as the request named it
     * @param token            the caller's token name, or {@code session} for a signed-in browser
     * @param outcome          {@code ok}, {@code error} or {@code cancelled}
     */
    public void request(String model, String token, String outcome, long promptTokens, long completionTokens) {
        registry.counter("stoa_inference_requests", "model", model, "token", token, "outcome", outcome).increment();
        registry.counter("stoa_inference_tokens", "model", model, "token", token, "kind", "prompt").increment(promptTokens);
        registry.counter("stoa_inference_tokens", "model", model, "token", token, "kind", "completion")
                .increment(completionTokens);
    }
}
