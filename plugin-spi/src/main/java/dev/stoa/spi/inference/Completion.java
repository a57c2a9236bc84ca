package dev.stoa.spi.inference;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The answer to a {@link CompletionRequest}.
 *
 * @param text         the generated text (without the prompt, without the stop string)
 * @param promptTokens the prompt's tokens, with log-probabilities when asked for ({@code echo}); the first token's
 *                     log-probability is empty, as nothing precedes it
 * @param tokens       the generated tokens, with log-probabilities when asked for
 * @param promptTokenCount how many tokens the prompt had (for {@code usage})
 * @param finishReason why generation ended
 */
public record Completion(String text, List<Token> promptTokens, List<Token> tokens, int promptTokenCount,
        FinishReason finishReason) {

    public Completion {
        Objects.requireNonNull(text, "text");
        promptTokens = List.copyOf(promptTokens);
        tokens = List.copyOf(tokens);
        Objects.requireNonNull(finishReason, "finishReason");
    }

    /** Why generation ended, as OpenAI's {@code finish_reason} names it. */
    public enum FinishReason {
        /** An end-of-sequence token or a stop string. */
        STOP,
        /** {@code max_tokens} or the context length. */
        LENGTH;

        /** {@code stop} or {@code length}. */
        public String openAiName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One token.
     *
     * @param id      its id
     * @param text    its text as decoded alone
     * @param logprob its natural-log probability given what precedes it; empty when not asked for or first
     * @param top     the most likely tokens at its position, most likely first; empty when not asked for
     */
    public record Token(int id, String text, OptionalDouble logprob, List<Candidate> top) {

        public Token {
            Objects.requireNonNull(text, "text");
            logprob = logprob == null ? OptionalDouble.empty() : logprob;
            top = top == null ? List.of() : List.copyOf(top);
        }
    }

    /**
     * A token the model considered at a position.
     *
     * @param id      its id
     * @param text    its text
     * @param logprob its natural-log probability
     */
    public record Candidate(int id, String text, double logprob) {
    }
}
