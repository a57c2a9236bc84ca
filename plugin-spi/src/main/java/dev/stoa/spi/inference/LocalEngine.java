package dev.stoa.spi.inference;

import java.io.IOException;
import java.util.List;

/**
 * An engine in Stoa's process, with the operations of the OpenAI-compatible API: the host's gateway turns
 * {@code /v1/completions} and {@code /v1/chat/completions} requests into {@link #complete} calls.
 *
 * <p><b>Threading:</b> every method may be called from several threads at once; the engine queues or batches as
 * it needs. The host limits how many requests run at once. <b>Failures:</b> {@link IllegalArgumentException} for a
 * request the model cannot take (a prompt longer than its context, a token id outside its vocabulary; the message
 * is shown to the caller), {@link IOException} for anything else.
 */
public non-sealed interface LocalEngine extends Engine {

    /** The token ids of {@code text} as the model's tokenizer encodes it, without special tokens. */
    List<Integer> encode(String text);

    /** The most tokens a prompt and its completion may hold together. */
    int contextLength();

    /**
     * The chat messages rendered with the model's chat template ({@code tokenizer_config.json}'s
     * {@code chat_template}), ending with the prompt of the assistant's turn.
     *
     * @throws IllegalArgumentException when the model has no chat template or the template refuses the messages
     */
    String chatPrompt(List<ChatMessage> messages);

    /**
     * Completes a prompt.
     *
     * @param request  what to complete, on the base model or one of the deployment's adapters
     * @param listener receives the generated text as it becomes final (stop strings held back until they are
     *                 ruled out); when it throws, generation stops and the exception propagates
     * @return the whole completion
     */
    Completion complete(CompletionRequest request, TextListener listener) throws IOException;

    /** Receives generated text as it is produced. */
    @FunctionalInterface
    interface TextListener {

        /** A listener that ignores the text (non-streaming requests). */
        TextListener NONE = text -> {
        };

        /** The next piece of the completion's text; never empty. */
        void onText(String text);
    }
}
