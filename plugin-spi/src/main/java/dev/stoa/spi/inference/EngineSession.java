package dev.stoa.spi.inference;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * An {@link InferenceSession} on a {@link LocalEngine}: what the host gives an evaluator when the model runs in
 * Stoa's process, and what an evaluator's tests use to run against a tiny model through the CPU runner's engine.
 */
public final class EngineSession implements InferenceSession {

    private final LocalEngine engine;
    private final String model;
    private final String adapter;
    private final Map<String, String> provenance;

    /**
     * @param engine     the engine
     * @param model      what runs, as results name it
     * @param adapter    the adapter to apply ({@link AdapterRef#name()}); empty for the base model
     * @param provenance runner, engine and hardware, for run records
     */
    public EngineSession(LocalEngine engine, String model, String adapter, Map<String, String> provenance) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.model = Objects.requireNonNull(model, "model");
        this.adapter = adapter == null ? "" : adapter;
        this.provenance = Map.copyOf(provenance);
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public Map<String, String> provenance() {
        return provenance;
    }

    @Override
    public Completion complete(CompletionRequest request) throws IOException {
        return engine.complete(new CompletionRequest(adapter, request.prompt(), request.maxTokens(),
                request.temperature(), request.topP(), request.seed(), request.stop(), request.logprobs(),
                request.echo()), LocalEngine.TextListener.NONE);
    }

    @Override
    public String chat(List<ChatMessage> messages, List<String> until, int maxTokens) throws IOException {
        Completion answer = complete(new CompletionRequest(adapter, new Prompt.Text(engine.chatPrompt(messages), false),
                maxTokens, 0, 1, OptionalLong.empty(), until, -1, false));
        return InferenceSession.cutAtFirst(answer.text(), until);
    }
}
