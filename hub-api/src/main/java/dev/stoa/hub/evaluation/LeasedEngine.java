package dev.stoa.hub.evaluation;

import dev.stoa.hub.inference.EngineLease;
import dev.stoa.hub.plugin.PluginCalls;
import dev.stoa.spi.inference.ChatMessage;
import dev.stoa.spi.inference.Completion;
import dev.stoa.spi.inference.CompletionRequest;
import dev.stoa.spi.inference.LocalEngine;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A leased in-process engine whose every call runs as the host calls plugins: with the runner's class loader and
 * within the lease's time limit. Failures keep their kind: a request the model refuses stays an
 * {@link IllegalArgumentException}, anything else becomes an {@link IOException} that says what happened.
 */
final class LeasedEngine implements LocalEngine {

    private final EngineLease lease;
    private final LocalEngine engine;

    LeasedEngine(EngineLease lease, LocalEngine engine) {
        this.lease = lease;
        this.engine = engine;
    }

    @Override
    public List<Integer> encode(String text) {
        return unchecked("encode", () -> engine.encode(text));
    }

    @Override
    public int contextLength() {
        return unchecked("contextLength", engine::contextLength);
    }

    @Override
    public String chatPrompt(List<ChatMessage> messages) {
        return unchecked("chatPrompt", () -> engine.chatPrompt(messages));
    }

    @Override
    public Completion complete(CompletionRequest request, TextListener listener) throws IOException {
        return call("complete", () -> engine.complete(request, listener));
    }

    private <T> T call(String what, Callable<T> body) throws IOException {
        try {
            return lease.call(what, body);
        } catch (PluginCalls.PluginCallFailed e) {
            if (e.getCause() instanceof IllegalArgumentException refused) {
                throw refused;
            }
            if (e.getCause() instanceof IOException failed) {
                throw failed;
            }
            throw new IOException(e.getMessage(), e);
        }
    }

    private <T> T unchecked(String what, Callable<T> body) {
        try {
            return call(what, body);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
