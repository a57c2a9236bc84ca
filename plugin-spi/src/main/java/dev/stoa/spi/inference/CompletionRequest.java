package dev.stoa.spi.inference;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One completion, as {@code /v1/completions} asks for it ({@code n} completions are {@code n} requests).
 *
 * @param adapter     the adapter to apply ({@link AdapterRef#name()}); empty for the base model
 * @param prompt      what to continue
 * @param maxTokens   the most tokens to generate; 0 to only score the prompt (with {@code echo})
 * @param temperature 0 for greedy decoding
 * @param topP        nucleus sampling's probability mass; 1 for all
 * @param seed        the sampler's seed; the same seed, prompt and parameters give the same completion
 * @param stop        strings that end the completion (not included in its text)
 * @param logprobs    how many of the most likely tokens to return at each position besides the chosen one; -1 for
 *                    no log-probabilities
 * @param echo        whether the answer includes the prompt's tokens (with their log-probabilities)
 */
public record CompletionRequest(String adapter, Prompt prompt, int maxTokens, double temperature, double topP,
        OptionalLong seed, List<String> stop, int logprobs, boolean echo) {

    public CompletionRequest {
        adapter = adapter == null ? "" : adapter;
        Objects.requireNonNull(prompt, "prompt");
        seed = seed == null ? OptionalLong.empty() : seed;
        stop = stop == null ? List.of() : List.copyOf(stop);
        if (maxTokens < 0) {
            throw new IllegalArgumentException("maxTokens cannot be negative");
        }
    }

    /** Greedy completion of a text prompt on the base model. */
    public static CompletionRequest greedy(String prompt, int maxTokens) {
        return new CompletionRequest("", new Prompt.Text(prompt, true), maxTokens, 0, 1, OptionalLong.empty(),
                List.of(), -1, false);
    }
}
