package dev.stoa.hub.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoa.spi.inference.ChatMessage;
import dev.stoa.spi.inference.Completion;
import dev.stoa.spi.inference.CompletionRequest;
import dev.stoa.spi.inference.InferenceSession;
import dev.stoa.spi.inference.Prompt;
import dev.stoa.spi.inference.RemoteEngine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * An {@link InferenceSession} on an OpenAI-compatible server (a vLLM deployment, an external model): completions go
 * to {@code /v1/completions} and come back as {@link Completion}s with the prompt's tokens split from the generated
 * ones ({@code usage.completion_tokens} says how many were generated), so the session's log-likelihoods are computed
 * exactly as on an in-process engine. A server that returns no prompt log-probabilities can still run
 * {@code generate_until} tasks; scoring tasks then fail and say why.
 */
final class RemoteSession implements InferenceSession {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final RemoteEngine engine;
    private final String servedModel;
    private final String model;
    private final Map<String, String> provenance;
    private final Duration timeout;

    RemoteSession(HttpClient http, RemoteEngine engine, String servedModel, String model, Map<String, String> provenance,
            Duration timeout) {
        this.http = http;
        this.engine = engine;
        this.servedModel = servedModel;
        this.model = model;
        this.provenance = Map.copyOf(provenance);
        this.timeout = timeout;
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
        ObjectNode body = JSON.createObjectNode().put("model", engine.upstreamName(servedModel))
                .put("max_tokens", request.maxTokens()).put("temperature", request.temperature())
                .put("top_p", request.topP()).put("echo", request.echo());
        switch (request.prompt()) {
            case Prompt.Text t -> body.put("prompt", t.text());
            case Prompt.Tokens t -> body.set("prompt", JSON.valueToTree(t.ids()));
        }
        if (request.logprobs() >= 0) {
            body.put("logprobs", request.logprobs());
        }
        request.seed().ifPresent(seed -> body.put("seed", seed));
        if (!request.stop().isEmpty()) {
            // The OpenAI API takes four stop strings; the session cuts at the others itself.
            body.set("stop", JSON.valueToTree(request.stop().subList(0, Math.min(4, request.stop().size()))));
        }
        JsonNode answer = post("/completions", body);
        JsonNode choice = answer.path("choices").path(0);
        List<Completion.Token> tokens = tokens(choice.path("logprobs"));
        int generated = answer.path("usage").path("completion_tokens").asInt(request.echo() ? 0 : tokens.size());
        int split = request.echo() ? Math.max(0, tokens.size() - generated) : 0;
        String text = choice.path("text").asText("");
        if (request.echo() && request.prompt() instanceof Prompt.Text t && text.startsWith(t.text())) {
            text = text.substring(t.text().length());
        }
        return new Completion(text, tokens.subList(0, split), tokens.subList(split, tokens.size()),
                answer.path("usage").path("prompt_tokens").asInt(split),
                "length".equals(choice.path("finish_reason").asText()) ? Completion.FinishReason.LENGTH
                        : Completion.FinishReason.STOP);
    }

    @Override
    public String chat(List<ChatMessage> messages, List<String> until, int maxTokens) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("model", engine.upstreamName(servedModel))
                .put("max_tokens", maxTokens).put("temperature", 0);
        ArrayNode list = body.putArray("messages");
        messages.forEach(m -> list.addObject().put("role", m.role()).put("content", m.content()));
        if (!until.isEmpty()) {
            body.set("stop", JSON.valueToTree(until.subList(0, Math.min(4, until.size()))));
        }
        JsonNode answer = post("/chat/completions", body);
        return InferenceSession.cutAtFirst(answer.path("choices").path(0).path("message").path("content").asText(""),
                until);
    }

    private static List<Completion.Token> tokens(JsonNode logprobs) {
        List<Completion.Token> tokens = new ArrayList<>();
        JsonNode texts = logprobs.path("tokens");
        for (int i = 0; i < texts.size(); i++) {
            JsonNode value = logprobs.path("token_logprobs").path(i);
            List<Completion.Candidate> top = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = logprobs.path("top_logprobs").path(i).fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> candidate = it.next();
                top.add(new Completion.Candidate(-1, candidate.getKey(), candidate.getValue().asDouble()));
            }
            top.sort((a, b) -> Double.compare(b.logprob(), a.logprob()));
            tokens.add(new Completion.Token(-1, texts.path(i).asText(),
                    value.isNumber() ? OptionalDouble.of(value.asDouble()) : OptionalDouble.empty(), top));
        }
        return tokens;
    }

    private JsonNode post(String path, ObjectNode body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(engine.baseUrl() + path)).timeout(timeout)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        engine.apiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));
        HttpResponse<String> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (answer.statusCode() == 400 || answer.statusCode() == 422) {
            throw new IllegalArgumentException("The server refused the request: " + message(answer.body()));
        }
        if (answer.statusCode() != 200) {
            throw new IOException("The server answered " + answer.statusCode() + ": " + message(answer.body()));
        }
        return JSON.readTree(answer.body());
    }

    private static String message(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            String message = error.isTextual() ? error.asText() : error.path("message").asText("");
            return TaskTemplates.abbreviate(message.isEmpty() ? body : message);
        } catch (IOException e) {
            return TaskTemplates.abbreviate(body);
        }
    }
}
