package dev.stoa.spi.inference;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A model the host serves to an evaluator for the length of one evaluation: an on-demand engine, an existing
 * deployment or an external model, released by the host when the evaluation ends.
 *
 * <p>Implementations provide {@link #complete} and {@link #chat}; the scoring operations lm-evaluation-harness
 * defines ({@link #logLikelihood}, {@link #rollingLogLikelihood}, {@link #generate}) are built on {@link #complete}
 * with the prompt echoed and its log-probabilities, so they work the same on an in-process engine and on any
 * OpenAI-compatible server that returns prompt log-probabilities. <b>Threading:</b> one evaluation calls a session
 * from one thread at a time. <b>Failures:</b> {@link IllegalArgumentException} when the model cannot take a request
 * (a prompt longer than its context), {@link IOException} for anything else.
 */
public interface InferenceSession {

    /** What runs, as results name it: {@code ns/name@commit} (with {@code +adapter@commit}) or {@code external/x}. */
    String model();

    /**
     * What a run record keeps about who computed the numbers: at least {@code runner} and {@code engine}
     * (name and version), and where known {@code hardware} and {@code deployment}.
     */
    Map<String, String> provenance();

    /** One completion, as {@code /v1/completions} computes it. */
    Completion complete(CompletionRequest request) throws IOException;

    /**
     * The assistant's answer to a conversation, rendered with the model's chat template.
     *
     * @param until     strings that end the answer (not included)
     * @param maxTokens tokens to generate at most
     */
    String chat(List<ChatMessage> messages, List<String> until, int maxTokens) throws IOException;

    /**
     * The log-likelihood of {@code continuation} following {@code context} (lm-evaluation-harness's
     * {@code loglikelihood}): the sum of the natural-log probabilities of the continuation's tokens, and whether
     * greedy decoding would have produced each of them. The continuation's tokens are the echoed prompt's last tokens
     * whose text covers {@code continuation}; a space ending the context is moved to the continuation first, as the
     * harness does, so that the boundary falls between tokens.
     */
    default LogLikelihood logLikelihood(String context, String continuation) throws IOException {
        int moved = 0;
        while (moved < context.length() && context.charAt(context.length() - 1 - moved) == ' ') {
            moved++;
        }
        String tail = context.substring(context.length() - moved) + continuation;
        Completion scored = complete(new CompletionRequest("", new Prompt.Text(context + continuation, true), 1, 0, 1,
                OptionalLong.empty(), List.of(), 1, true));
        List<Completion.Token> tokens = scored.promptTokens();
        double sum = 0;
        boolean greedy = true;
        int covered = 0;
        int count = 0;
        for (int i = tokens.size() - 1; i >= 1 && covered < tail.length(); i--, count++) {
            Completion.Token token = tokens.get(i);
            double logprob = token.logprob().orElseThrow(() -> new IOException(
                    "The server returned no log-probabilities for the prompt; it cannot score log-likelihoods."));
            sum += logprob;
            for (Completion.Candidate candidate : token.top()) {
                greedy &= candidate.logprob() <= logprob + 1e-6 * Math.max(1, Math.abs(logprob));
            }
            covered += token.text().length();
        }
        if (count == 0) {
            throw new IllegalArgumentException("The continuation is empty: nothing to score.");
        }
        return new LogLikelihood(sum, greedy, count);
    }

    /**
     * The log-likelihood of a whole text, every token scored after the beginning-of-sequence token
     * (lm-evaluation-harness's {@code loglikelihood_rolling}, for texts that fit the model's context).
     */
    default LogLikelihood rollingLogLikelihood(String text) throws IOException {
        Completion scored = complete(new CompletionRequest("", new Prompt.Text(text, true), 1, 0, 1,
                OptionalLong.empty(), List.of(), 0, true));
        double sum = 0;
        int count = 0;
        for (Completion.Token token : scored.promptTokens()) {
            if (token.logprob().isPresent()) {
                sum += token.logprob().getAsDouble();
                count++;
            }
        }
        return new LogLikelihood(sum, false, count);
    }

    /**
     * Greedy generation (lm-evaluation-harness's {@code generate_until}): the text generated after {@code prompt}, cut
     * before the first of {@code until}.
     */
    default String generate(String prompt, List<String> until, int maxTokens) throws IOException {
        Completion generated = complete(new CompletionRequest("", new Prompt.Text(prompt, true), maxTokens, 0, 1,
                OptionalLong.empty(), until, -1, false));
        return cutAtFirst(generated.text(), until);
    }

    /** {@code text} up to the first occurrence of any of {@code until} (servers may honour only a few stops). */
    static String cutAtFirst(String text, List<String> until) {
        int end = text.length();
        for (String stop : until) {
            int at = stop.isEmpty() ? -1 : text.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return text.substring(0, end);
    }

    /**
     * A scored continuation.
     *
     * @param logprob the sum of its tokens' natural-log probabilities
     * @param greedy  whether each of its tokens was the most likely one (false for rolling scores)
     * @param tokens  how many tokens were scored
     */
    record LogLikelihood(double logprob, boolean greedy, int tokens) {
    }
}
