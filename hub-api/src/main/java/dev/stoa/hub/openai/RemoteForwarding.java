package dev.stoa.hub.openai;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.error.ErrorRenderer;
import dev.stoa.hub.inference.InferenceMetrics;
import dev.stoa.spi.inference.RemoteEngine;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * Forwards a gateway request to a {@link RemoteEngine} (a vLLM or other OpenAI-compatible server, a closed API) and
 * its answer back: the body as the client sent it with {@code model} set to the server's name for it, Stoa's key for
 * the server instead of the caller's token, and the answer — whole, or event by event as the server streams it —
 * with {@code model} set back to the name the client used. Upstream refusals keep their status when they are the
 * client's to fix (400, 404, 413, 422, 429), other failures are 502 and a server that does not answer within the
 * engine's time (an external model's own, or {@code stoa.inference.request-timeout}) 504.
 */
@ApplicationScoped
class RemoteForwarding {

    private static final int MAX_ANSWER = 64 * 1024 * 1024;
    private static final int MAX_ERROR = 64 * 1024;
    private static final Set<Integer> CLIENTS_TO_FIX = Set.of(400, 404, 409, 413, 422, 429);

    private final ObjectMapper json;
    private final ErrorRenderer errors;
    private final InferenceMetrics metrics;
    private final HttpClient http;

    RemoteForwarding(ObjectMapper json, ErrorRenderer errors, InferenceMetrics metrics) {
        this.json = json;
        this.errors = errors;
        this.metrics = metrics;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** One forwarded call: what to send where, how the client named the model, how long the server may take. */
    record Call(String path, JsonNode body, String requestedModel, String servedModel, boolean stream, String token,
            Duration timeout) {
    }

    /**
     * Sends the call and returns the answer to give the client; {@code done} runs when the answer is complete (for a
     * stream: when it ends or the client leaves).
     */
    Response.ResponseBuilder forward(RemoteEngine engine, Call call, Runnable done) {
        ObjectNode upstream = (ObjectNode) call.body().deepCopy();
        upstream.put("model", engine.upstreamName(call.servedModel()));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(engine.baseUrl() + call.path()))
                .timeout(call.timeout()).header("Content-Type", MediaType.APPLICATION_JSON)
                .header("Accept", call.stream() ? "text/event-stream" : MediaType.APPLICATION_JSON)
                .POST(HttpRequest.BodyPublishers.ofString(upstream.toString()));
        engine.apiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));
        HttpResponse<InputStream> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            done.run();
            metrics.request(call.requestedModel(), call.token(), "error", 0, 0);
            throw new ApiException(504, "UpstreamTimeout", "The server behind " + call.requestedModel()
                    + " did not answer within " + call.timeout().toSeconds() + " s.");
        } catch (IOException e) {
            done.run();
            metrics.request(call.requestedModel(), call.token(), "error", 0, 0);
            throw new ApiException(502, "UpstreamUnreachable", "The server behind " + call.requestedModel()
                    + " cannot be reached: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.run();
            throw new ApiException(503, "UpstreamInterrupted", "Interrupted while waiting for " + call.requestedModel());
        }
        if (answer.statusCode() / 100 != 2) {
            done.run();
            metrics.request(call.requestedModel(), call.token(), "error", 0, 0);
            throw refusal(call, answer);
        }
        if (!call.stream()) {
            try (InputStream in = answer.body()) {
                byte[] bytes = in.readNBytes(MAX_ANSWER);
                JsonNode body = json.readTree(bytes);
                if (body instanceof ObjectNode object) {
                    object.put("model", call.requestedModel());
                }
                countUsage(call, body, "ok");
                return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE);
            } catch (IOException e) {
                metrics.request(call.requestedModel(), call.token(), "error", 0, 0);
                throw new ApiException(502, "UpstreamFailed", "The server behind " + call.requestedModel()
                        + " sent an answer that is not JSON: " + e.getMessage());
            } finally {
                done.run();
            }
        }
        String upstreamModel = upstream.get("model").asText();
        StreamingOutput stream = out -> relay(call, upstreamModel, answer.body(), out, done);
        return Response.ok(stream, "text/event-stream").header("Cache-Control", "no-cache");
    }

    /** Passes the server's events on as they come, each with the client's model name. */
    private void relay(Call call, String upstreamModel, InputStream upstream, OutputStream out, Runnable done)
            throws IOException {
        String upstreamName = "\"model\":" + json.writeValueAsString(upstreamModel);
        String requestedName = "\"model\":" + json.writeValueAsString(call.requestedModel());
        String outcome = "ok";
        JsonNode usage = null;
        try (upstream; BufferedReader lines = new BufferedReader(new InputStreamReader(upstream,
                StandardCharsets.UTF_8))) {
            String line;
            while (true) {
                try {
                    line = lines.readLine();
                } catch (IOException e) {
                    outcome = "error";
                    send(out, "data: " + errors.openAiBody(new ApiException(502, "UpstreamFailed", "The server behind "
                            + call.requestedModel() + " stopped answering: " + e.getMessage())) + "\n\n");
                    send(out, "data: [DONE]\n\n");
                    return;
                }
                if (line == null) {
                    return;
                }
                if (!line.startsWith("data:")) {
                    continue;
                }
                String data = line.substring(5).strip();
                if (data.equals("[DONE]")) {
                    send(out, "data: [DONE]\n\n");
                    continue;
                }
                if (data.contains(upstreamName) && !data.contains("\"usage\"")) {
                    // The common event: its model named as the server names it, compactly. Swapping the name in the
                    // text spares parsing every token's event.
                    send(out, "data: " + data.replace(upstreamName, requestedName) + "\n\n");
                    continue;
                }
                JsonNode event = readEvent(data);
                if (event instanceof ObjectNode object) {
                    object.put("model", call.requestedModel());
                    if (object.hasNonNull("usage")) {
                        usage = object.get("usage");
                    }
                    send(out, "data: " + object + "\n\n");
                } else {
                    send(out, "data: " + data + "\n\n");
                }
            }
        } catch (IOException clientLeft) {
            // The client went away: closing the upstream stream (above) tells the server to stop generating.
            outcome = "cancelled";
        } finally {
            done.run();
            metrics.request(call.requestedModel(), call.token(), outcome, tokens(usage, "prompt_tokens"),
                    tokens(usage, "completion_tokens"));
        }
    }

    private JsonNode readEvent(String data) {
        try {
            return json.readTree(data);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static void send(OutputStream out, String event) throws IOException {
        out.write(event.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void countUsage(Call call, JsonNode body, String outcome) {
        JsonNode usage = body.path("usage");
        metrics.request(call.requestedModel(), call.token(), outcome, tokens(usage, "prompt_tokens"),
                tokens(usage, "completion_tokens"));
    }

    private static long tokens(JsonNode usage, String field) {
        return usage == null ? 0 : usage.path(field).asLong(0);
    }

    /** The refusal the client gets for a server's non-2xx answer, with the server's own message when it gave one. */
    private ApiException refusal(Call call, HttpResponse<InputStream> answer) {
        String message;
        try (InputStream in = answer.body()) {
            byte[] bytes = in.readNBytes(MAX_ERROR);
            String text = new String(bytes, StandardCharsets.UTF_8);
            JsonNode body = readEvent(text);
            JsonNode error = body == null ? null : body.path("error");
            message = error == null ? text : error.isTextual() ? error.asText()
                    : error.path("message").isTextual() ? error.path("message").asText() : text;
        } catch (IOException e) {
            message = "";
        }
        message = message.length() > 500 ? message.substring(0, 500) + "…" : message.strip();
        int status = answer.statusCode();
        String said = "The server behind " + call.requestedModel() + " answered HTTP " + status
                + (message.isEmpty() ? "." : ": " + message);
        if (status == 401 || status == 403) {
            return new ApiException(502, "UpstreamRefusedKey", "The server behind " + call.requestedModel()
                    + " refused Stoa's credentials (HTTP " + status + "); an administrator must check its API key.");
        }
        if (CLIENTS_TO_FIX.contains(status)) {
            ApiException refused = new ApiException(status, "UpstreamRefused", said);
            answer.headers().firstValue("Retry-After").ifPresent(r -> refused.withHeader("Retry-After", r));
            return refused;
        }
        return new ApiException(502, "UpstreamFailed", said);
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
