package dev.stoa.spi.testkit;

import dev.stoa.spi.inference.ChatMessage;
import dev.stoa.spi.inference.Completion;
import dev.stoa.spi.inference.CompletionRequest;
import dev.stoa.spi.inference.InferenceSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link InferenceSession} whose answers a test writes down, for unit tests of an evaluator's logic without a
 * model: each scripted log-likelihood, rolling score, generation or chat answer is returned for exactly the text it
 * was scripted for, and any request nobody scripted fails with a message that shows it. {@link #requests()} lists
 * what the evaluator asked, in order.
 *
 * <pre>{@code
 * ScriptedSession session = new ScriptedSession("acme/tiny@abc")
 *         .logLikelihood("Q: 2+2=", " 4", -0.1, true)
 *         .logLikelihood("Q: 2+2=", " 5", -2.3, false);
 * }</pre>
 */
public final class ScriptedSession implements InferenceSession {

    private final String model;
    private final Map<String, LogLikelihood> likelihoods = new HashMap<>();
    private final Map<String, LogLikelihood> rolling = new HashMap<>();
    private final Map<String, String> generations = new HashMap<>();
    private final Map<List<ChatMessage>, String> chats = new HashMap<>();
    private final List<String> requests = new ArrayList<>();

    /** A session that says it runs {@code model}. */
    public ScriptedSession(String model) {
        this.model = model;
    }

    /** Scripts the log-likelihood of {@code continuation} after {@code context}. */
    public ScriptedSession logLikelihood(String context, String continuation, double logprob, boolean greedy) {
        likelihoods.put(key(context, continuation), new LogLikelihood(logprob, greedy, 1));
        return this;
    }

    /** Scripts the rolling log-likelihood of {@code text}. */
    public ScriptedSession rolling(String text, double logprob, int tokens) {
        rolling.put(text, new LogLikelihood(logprob, false, tokens));
        return this;
    }

    /** Scripts what greedy generation after {@code prompt} produces (before any stop string is applied). */
    public ScriptedSession generation(String prompt, String text) {
        generations.put(prompt, text);
        return this;
    }

    /** Scripts the answer to a conversation. */
    public ScriptedSession chatAnswer(List<ChatMessage> messages, String answer) {
        chats.put(List.copyOf(messages), answer);
        return this;
    }

    /** What was asked, in order: {@code loglikelihood <context>|<continuation>}, {@code generate <prompt>}, ... */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public Map<String, String> provenance() {
        return Map.of("runner", "scripted", "engine", "scripted");
    }

    @Override
    public LogLikelihood logLikelihood(String context, String continuation) {
        return answer(likelihoods, key(context, continuation), "loglikelihood " + key(context, continuation));
    }

    @Override
    public LogLikelihood rollingLogLikelihood(String text) {
        return answer(rolling, text, "rolling " + text);
    }

    @Override
    public String generate(String prompt, List<String> until, int maxTokens) {
        return InferenceSession.cutAtFirst(answer(generations, prompt, "generate " + prompt), until);
    }

    @Override
    public String chat(List<ChatMessage> messages, List<String> until, int maxTokens) {
        return InferenceSession.cutAtFirst(answer(chats, List.copyOf(messages), "chat " + messages), until);
    }

    @Override
    public Completion complete(CompletionRequest request) {
        throw new IllegalStateException("A scripted session answers log-likelihoods, generations and chats; script"
                + " those instead of raw completions (asked: " + request.prompt() + ").");
    }

    private <K, V> V answer(Map<K, V> script, K key, String request) {
        requests.add(request);
        V answer = script.get(key);
        if (answer == null) {
            throw new IllegalStateException("Nothing scripted for: " + request);
        }
        return answer;
    }

    private static String key(String context, String continuation) {
        return context + "|" + continuation;
    }
}
