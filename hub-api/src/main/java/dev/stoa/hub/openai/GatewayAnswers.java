package dev.stoa.hub.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoa.spi.inference.Completion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The OpenAI shapes of answers: completion and chat choices with log-probabilities, chunks, usage. */
final class GatewayAnswers {

    private final ObjectMapper json;

    GatewayAnswers(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode envelope(String id, String object, long created, String model) {
        return json.createObjectNode().put("id", id).put("object", object).put("created", created).put("model", model);
    }

    /**
     * A {@code text_completion} choice; with {@code echo} the text and the log-probabilities start with the prompt
     * (its first token's log-probability {@code null}, as lm-evaluation-harness expects).
     */
    ObjectNode completionChoice(int index, Completion completion, String promptText, boolean echo, int logprobs) {
        ObjectNode choice = json.createObjectNode().put("index", index)
                .put("text", (echo ? promptText : "") + completion.text());
        if (logprobs < 0) {
            choice.putNull("logprobs");
        } else {
            List<Completion.Token> tokens = new ArrayList<>();
            if (echo) {
                tokens.addAll(completion.promptTokens());
            }
            tokens.addAll(completion.tokens());
            ObjectNode lp = choice.putObject("logprobs");
            ArrayNode texts = lp.putArray("tokens");
            ArrayNode values = lp.putArray("token_logprobs");
            ArrayNode tops = lp.putArray("top_logprobs");
            ArrayNode offsets = lp.putArray("text_offset");
            int offset = 0;
            for (Completion.Token t : tokens) {
                texts.add(t.text());
                if (t.logprob().isPresent()) {
                    values.add(t.logprob().getAsDouble());
                } else {
                    values.addNull();
                }
                if (t.logprob().isEmpty() && t.top().isEmpty()) {
                    tops.addNull();
                } else {
                    ObjectNode top = tops.addObject();
                    for (Completion.Candidate c : t.top()) {
                        if (!top.has(c.text())) {
                            top.put(c.text(), c.logprob());
                        }
                    }
                    if (logprobs > 0 && t.logprob().isPresent() && !top.has(t.text())) {
                        // As vLLM does: the chosen token is always among the alternatives.
                        top.put(t.text(), t.logprob().getAsDouble());
                    }
                }
                offsets.add(offset);
                offset += t.text().length();
            }
        }
        choice.put("finish_reason", completion.finishReason().openAiName());
        return choice;
    }

    /** A {@code chat.completion} choice, with {@code logprobs.content} when asked for. */
    ObjectNode chatChoice(int index, Completion completion, int logprobs) {
        ObjectNode choice = json.createObjectNode().put("index", index);
        choice.putObject("message").put("role", "assistant").put("content", completion.text());
        if (logprobs < 0) {
            choice.putNull("logprobs");
        } else {
            ArrayNode content = choice.putObject("logprobs").putArray("content");
            for (Completion.Token t : completion.tokens()) {
                ObjectNode entry = chatToken(content.addObject(), t.text(), t.logprob().orElse(0));
                ArrayNode top = entry.putArray("top_logprobs");
                t.top().forEach(c -> chatToken(top.addObject(), c.text(), c.logprob()));
            }
        }
        choice.put("finish_reason", completion.finishReason().openAiName());
        return choice;
    }

    private static ObjectNode chatToken(ObjectNode node, String text, double logprob) {
        node.put("token", text).put("logprob", logprob);
        ArrayNode bytes = node.putArray("bytes");
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            bytes.add(b & 0xff);
        }
        return node;
    }

    ObjectNode usage(long prompt, long completion) {
        return json.createObjectNode().put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
    }

    /** A streamed piece of text of choice {@code index}, or its end when {@code finish} is given. */
    ObjectNode chunk(ObjectNode envelope, boolean chat, int index, String text, String finish, boolean first) {
        ObjectNode chunk = envelope.deepCopy();
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", index);
        if (chat) {
            ObjectNode delta = choice.putObject("delta");
            if (first) {
                delta.put("role", "assistant");
            }
            if (text != null) {
                delta.put("content", text);
            }
        } else {
            choice.put("text", text == null ? "" : text);
            choice.putNull("logprobs");
        }
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return chunk;
    }
}
