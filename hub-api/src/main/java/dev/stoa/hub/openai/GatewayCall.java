package dev.stoa.hub.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stoa.hub.error.ApiException;
import dev.stoa.spi.inference.ChatMessage;
import dev.stoa.spi.inference.Prompt;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One {@code /v1/completions} or {@code /v1/chat/completions} request, validated: each refusal is a 400 that names
 * the parameter and says what it takes.
 *
 * @param model        the model as named
 * @param prompts      the prompts of a completion request (text or token ids); empty for chat
 * @param messages     the messages of a chat request; empty for completions
 * @param maxTokens    tokens to generate at most
 * @param temperature  sampling temperature
 * @param topP         nucleus mass
 * @param seed         the seed, when given
 * @param stop         stop strings
 * @param logprobs     top log-probabilities per position; -1 for none
 * @param echo         whether completions repeat the prompt
 * @param n            completions per prompt
 * @param stream       whether to answer with server-sent events
 * @param includeUsage whether a stream ends with a usage chunk ({@code stream_options.include_usage})
 */
record GatewayCall(String model, List<Prompt> prompts, List<ChatMessage> messages, int maxTokens, double temperature,
        double topP, OptionalLong seed, List<String> stop, int logprobs, boolean echo, int n, boolean stream,
        boolean includeUsage) {

    private static final int MAX_N = 16;
    private static final int MAX_LOGPROBS = 20;
    private static final Set<String> ROLES = Set.of("system", "user", "assistant");

    boolean isChat() {
        return !messages.isEmpty();
    }

    static GatewayCall completion(JsonNode body, int defaultMaxTokens) {
        refuseNul(body);
        JsonNode prompt = body.path("prompt");
        List<Prompt> prompts = prompts(prompt);
        int logprobs = body.hasNonNull("logprobs") ? integer(body, "logprobs", 0, MAX_LOGPROBS) : -1;
        return common(body, prompts, List.of(), defaultMaxTokens, logprobs, bool(body, "echo", false));
    }

    static GatewayCall chat(JsonNode body, int defaultMaxTokens) {
        refuseNul(body);
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw ApiException.invalidField("messages", "Send the conversation as \"messages\": [{\"role\": \"user\","
                    + " \"content\": \"...\"}].");
        }
        List<ChatMessage> list = new ArrayList<>();
        for (JsonNode m : messages) {
            String role = m.path("role").asText("");
            if (!ROLES.contains(role)) {
                throw ApiException.invalidField("messages", "Each message needs a \"role\" of system, user or assistant;"
                        + " got '" + role + "'.");
            }
            list.add(new ChatMessage(role, content(m.path("content"))));
        }
        int logprobs = -1;
        if (bool(body, "logprobs", false)) {
            logprobs = body.hasNonNull("top_logprobs") ? integer(body, "top_logprobs", 0, MAX_LOGPROBS) : 0;
        }
        return common(body, List.of(), list, defaultMaxTokens, logprobs, false);
    }

    private static GatewayCall common(JsonNode body, List<Prompt> prompts, List<ChatMessage> messages,
            int defaultMaxTokens, int logprobs, boolean echo) {
        JsonNode model = body.path("model");
        if (!model.isTextual() || model.asText().isBlank()) {
            throw ApiException.invalidField("model", "Name the model: \"model\": \"namespace/name\" or"
                    + " \"namespace/name@revision\".");
        }
        String tokensField = body.hasNonNull("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
        int maxTokens = body.hasNonNull(tokensField) ? integer(body, tokensField, 0, 1 << 20) : defaultMaxTokens;
        double temperature = number(body, "temperature", 1.0, 0, 2);
        double topP = number(body, "top_p", 1.0, 0, 1);
        if (topP == 0) {
            throw ApiException.invalidField("top_p", "\"top_p\" must be above 0 and at most 1.");
        }
        OptionalLong seed = OptionalLong.empty();
        if (body.hasNonNull("seed")) {
            if (!body.get("seed").isIntegralNumber() || !body.get("seed").canConvertToLong()) {
                throw ApiException.invalidField("seed", "\"seed\" must be an integer.");
            }
            seed = OptionalLong.of(body.get("seed").asLong());
        }
        int n = body.hasNonNull("n") ? integer(body, "n", 1, MAX_N) : 1;
        for (String unsupported : List.of("frequency_penalty", "presence_penalty")) {
            if (body.hasNonNull(unsupported) && number(body, unsupported, 0, -2, 2) != 0) {
                throw ApiException.invalidField(unsupported, "\"" + unsupported + "\" is not supported by Stoa's"
                        + " gateway; leave it out or at 0.");
            }
        }
        if (body.hasNonNull("logit_bias") && !body.get("logit_bias").isEmpty()) {
            throw ApiException.invalidField("logit_bias", "\"logit_bias\" is not supported by Stoa's gateway.");
        }
        if (body.hasNonNull("best_of") && integer(body, "best_of", 1, MAX_N) != n) {
            throw ApiException.invalidField("best_of", "\"best_of\" is not supported beyond \"n\".");
        }
        boolean stream = bool(body, "stream", false);
        boolean includeUsage = stream && body.path("stream_options").path("include_usage").asBoolean(false);
        return new GatewayCall(model.asText(), prompts, messages, maxTokens, temperature, topP, seed, stop(body),
                logprobs, echo, n, stream, includeUsage);
    }

    private static List<Prompt> prompts(JsonNode prompt) {
        String how = "Send \"prompt\" as a string, a list of strings, a list of token ids or a list of lists of token ids.";
        if (prompt.isTextual()) {
            return List.of(new Prompt.Text(prompt.asText(), true));
        }
        if (!prompt.isArray() || prompt.isEmpty()) {
            throw ApiException.invalidField("prompt", how);
        }
        if (prompt.get(0).isIntegralNumber()) {
            return List.of(new Prompt.Tokens(ids(prompt, how)));
        }
        List<Prompt> prompts = new ArrayList<>();
        for (JsonNode p : prompt) {
            if (p.isTextual()) {
                prompts.add(new Prompt.Text(p.asText(), true));
            } else if (p.isArray() && !p.isEmpty()) {
                prompts.add(new Prompt.Tokens(ids(p, how)));
            } else {
                throw ApiException.invalidField("prompt", how);
            }
        }
        return prompts;
    }

    private static List<Integer> ids(JsonNode array, String how) {
        List<Integer> ids = new ArrayList<>(array.size());
        for (JsonNode id : array) {
            if (!id.isIntegralNumber() || !id.canConvertToInt() || id.asInt() < 0) {
                throw ApiException.invalidField("prompt", "Token ids are integers from 0. " + how);
            }
            ids.add(id.asInt());
        }
        return ids;
    }

    private static String content(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                if (!part.path("type").asText().equals("text") || !part.path("text").isTextual()) {
                    throw ApiException.invalidField("messages", "Message content parts must be {\"type\": \"text\","
                            + " \"text\": \"...\"}; this gateway serves text models.");
                }
                text.append(part.path("text").asText());
            }
            return text.toString();
        }
        throw ApiException.invalidField("messages", "Each message needs \"content\" as a string.");
    }

    private static List<String> stop(JsonNode body) {
        JsonNode stop = body.path("stop");
        if (stop.isMissingNode() || stop.isNull()) {
            return List.of();
        }
        if (stop.isTextual()) {
            return List.of(stop.asText());
        }
        List<String> list = new ArrayList<>();
        if (stop.isArray() && stop.size() <= 4) {
            for (JsonNode s : stop) {
                if (!s.isTextual()) {
                    break;
                }
                list.add(s.asText());
            }
            if (list.size() == stop.size()) {
                return list;
            }
        }
        throw ApiException.invalidField("stop", "\"stop\" is a string or a list of up to 4 strings.");
    }

    /** A NUL in {@code model} would reach the database: a top-level string field holding one is refused. */
    private static void refuseNul(JsonNode body) {
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isTextual() && field.getValue().asText().indexOf('\0') >= 0) {
                throw ApiException.invalidField(field.getKey(), "\"" + field.getKey() + "\" holds a NUL character.");
            }
        }
    }

    private static int integer(JsonNode body, String field, int min, int max) {
        JsonNode value = body.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            throw ApiException.invalidField(field, "\"" + field + "\" must be an integer from " + min + " to " + max + ".");
        }
        return value.asInt();
    }

    private static double number(JsonNode body, String field, double fallback, double min, double max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isNumber() || !Double.isFinite(value.asDouble()) || value.asDouble() < min || value.asDouble() > max) {
            throw ApiException.invalidField(field, "\"" + field + "\" must be a number from " + min + " to " + max + ".");
        }
        return value.asDouble();
    }

    private static boolean bool(JsonNode body, String field, boolean fallback) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw ApiException.invalidField(field, "\"" + field + "\" must be true or false.");
        }
        return value.asBoolean();
    }
}
