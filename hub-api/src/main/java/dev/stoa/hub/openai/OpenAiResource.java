package dev.stoa.hub.openai;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.error.ErrorRenderer;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.deployment.DeploymentRow;
import dev.stoa.hub.deployment.Deployments;
import dev.stoa.hub.external.ExternalModel;
import dev.stoa.hub.external.ExternalModels;
import dev.stoa.hub.inference.EngineLease;
import dev.stoa.hub.inference.InferenceLimiter;
import dev.stoa.hub.inference.InferenceMetrics;
import dev.stoa.hub.inference.ModelTarget;
import dev.stoa.hub.inference.ModelTargets;
import dev.stoa.hub.inference.OnDemandServing;
import dev.stoa.hub.plugin.PluginCalls;
import dev.stoa.spi.inference.Completion;
import dev.stoa.spi.inference.CompletionRequest;
import dev.stoa.spi.inference.LocalEngine;
import dev.stoa.spi.inference.Prompt;
import dev.stoa.spi.inference.RemoteEngine;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The OpenAI-compatible gateway. Every call needs a Stoa token (or a signed-in session); the model's repository rules
 * decide the rest ({@link ModelTargets}). Answers say which runner answered in {@code X-Stoa-Runner}. Prompts and
 * outputs are never logged; counts and token usage go to the metrics.
 */
@Path("/v1")
@Blocking
public class OpenAiResource {

    private static final String EVENT_STREAM = "text/event-stream";

    private final SecurityIdentity identity;
    private final ModelTargets targets;
    private final OnDemandServing serving;
    private final Deployments deployments;
    private final ExternalModels externals;
    private final RemoteForwarding forwarding;
    private final InferenceLimiter limiter;
    private final InferenceMetrics metrics;
    private final RepoAccess access;
    private final ObjectMapper json;
    private final ErrorRenderer errors;
    private final GatewayAnswers answers;
    private final int defaultMaxTokens;

    public OpenAiResource(SecurityIdentity identity, ModelTargets targets, OnDemandServing serving,
            Deployments deployments, ExternalModels externals, RemoteForwarding forwarding, InferenceLimiter limiter, InferenceMetrics metrics, RepoAccess access, ObjectMapper json, ErrorRenderer errors,
            StoaConfig config) {
        this.identity = identity;
        this.targets = targets;
        this.serving = serving;
        this.deployments = deployments;
        this.externals = externals;
        this.forwarding = forwarding;
        this.limiter = limiter;
        this.metrics = metrics;
        this.access = access;
        this.json = json;
        this.errors = errors;
        this.answers = new GatewayAnswers(json);
        this.defaultMaxTokens = config.inference().defaultMaxTokens();
    }

    /**
     * The models served now that the caller may run: those of deployments answering on this replica, those loaded on
     * demand (adapters with {@code parent}, as vLLM lists them), and the external models registered for the caller
     * ({@code external: true} with their {@code provider}).
     */
    @GET
    @Path("/models")
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode models() {
        Optional<Caller> caller = Optional.of(Caller.required(identity));
        ObjectNode list = json.createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        java.util.Set<String> listed = new java.util.HashSet<>();
        for (DeploymentRow d : deployments.served(caller)) {
            if (listed.add(d.model().id())) {
                model(data, d.model().id(), d.createdAt(), d.model().id(), Optional.empty())
                        .put("runner", d.runner()).put("deployment", d.fullName());
            }
            for (DeploymentRow.Pinned a : d.adapters()) {
                if (deployments.downloadable(a.repoId(), caller) && listed.add(a.id())) {
                    model(data, a.id(), d.createdAt(), a.id(), Optional.of(d.model().id()))
                            .put("runner", d.runner()).put("deployment", d.fullName());
                }
            }
        }
        for (OnDemandServing.ServedModel m : serving.served()) {
            if (!access.canDownload(m.repo(), caller) || m.baseRepo().filter(b -> !access.canDownload(b, caller)).isPresent()
                    || !listed.add(m.name())) {
                continue;
            }
            model(data, m.name(), m.created(), m.repo().repoId().id(), m.parent()).put("runner", m.runner());
        }
        for (ExternalModel m : externals.usable(caller.get())) {
            data.addObject().put("id", m.id()).put("object", "model").put("created", m.createdAt().getEpochSecond())
                    .put("owned_by", m.provider()).put("provider", m.provider()).put("external", true)
                    .put("runner", m.runner());
        }
        return list;
    }

    /**
     * One model the caller may run, loaded or not (OpenAI's "retrieve model"): a 404 in OpenAI's shape, with the
     * reason, when it cannot run here.
     */
    @GET
    @Path("/models/{model: .+}")
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode model(@jakarta.ws.rs.PathParam("model") String model) {
        Caller caller = Caller.required(identity);
        ArrayNode one = json.createArrayNode();
        if (ExternalModels.isExternal(model)) {
            ExternalModel m = externals.get(caller, model.substring(model.indexOf('/') + 1));
            return one.addObject().put("id", m.id()).put("object", "model").put("created", m.createdAt().getEpochSecond())
                    .put("owned_by", m.provider()).put("provider", m.provider()).put("external", true);
        }
        ModelTarget target = targets.resolve(model, Optional.of(caller));
        if (!deployments.serves(target, model.contains("@"))) {
            serving.refusal(target).ifPresent(why -> {
                throw ApiException.notFound("ModelNotServable", why);
            });
        }
        return model(one, model, target.repo().createdAt(), target.repo().repoId().id(),
                target.base().map(ModelTarget::name));
    }

    private static ObjectNode model(ArrayNode data, String id, Instant created, String repo, Optional<String> parent) {
        ObjectNode model = data.addObject().put("id", id).put("object", "model").put("created", created.getEpochSecond())
                .put("owned_by", repo.substring(0, repo.indexOf('/'))).put("root", repo);
        parent.ifPresentOrElse(p -> model.put("parent", p), () -> model.putNull("parent"));
        return model;
    }

    @POST
    @Path("/completions")
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, EVENT_STREAM})
    public Response completions(InputStream body) {
        Caller caller = Caller.required(identity);
        JsonNode request = read(body);
        return run(GatewayCall.completion(request, defaultMaxTokens), request, "/completions", caller);
    }

    @POST
    @Path("/chat/completions")
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, EVENT_STREAM})
    public Response chatCompletions(InputStream body) {
        Caller caller = Caller.required(identity);
        JsonNode request = read(body);
        return run(GatewayCall.chat(request, defaultMaxTokens), request, "/chat/completions", caller);
    }

    private JsonNode read(InputStream body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw ApiException.badRequest("Send the request as a JSON object.");
            }
            return node;
        } catch (JacksonException e) {
            throw ApiException.badRequest("The request is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response run(GatewayCall call, JsonNode body, String path, Caller caller) {
        EngineLease lease = lease(call.model(), caller);
        if (lease.deployment().engine() instanceof RemoteEngine remote) {
            // The server computes: no in-process turn to wait for.
            return answeredBy(forwarding.forward(remote, new RemoteForwarding.Call(path, body, call.model(),
                    lease.model(), call.stream(), tokenName(caller), lease.timeout()), lease::close), lease);
        }
        InferenceLimiter.Turn turn;
        Execution execution;
        try {
            turn = limiter.acquire();
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
        try {
            execution = new Execution(call, lease, (LocalEngine) lease.deployment().engine(), tokenName(caller));
        } catch (RuntimeException e) {
            lease.close();
            turn.close();
            throw e;
        }
        if (!call.stream()) {
            try (turn; lease) {
                return answeredBy(Response.ok(execution.answer().toString(), MediaType.APPLICATION_JSON_TYPE), lease);
            }
        }
        StreamingOutput stream = out -> {
            try (turn; lease) {
                execution.stream(out);
            }
        };
        return answeredBy(Response.ok(stream, EVENT_STREAM).header("Cache-Control", "no-cache"), lease);
    }

    /** The engine that answers: an external model's, a deployment's serving the model, or one loaded on demand. */
    private EngineLease lease(String model, Caller caller) {
        if (ExternalModels.isExternal(model)) {
            return externals.lease(model, caller);
        }
        ModelTarget target = targets.resolve(model, Optional.of(caller));
        return deployments.lease(target, model.contains("@")).orElseGet(() -> serving.acquire(target));
    }

    /** Says which runner (and deployment) answered. */
    private static Response answeredBy(Response.ResponseBuilder answer, EngineLease lease) {
        answer.header("X-Stoa-Runner", lease.runner());
        lease.deploymentName().ifPresent(d -> answer.header("X-Stoa-Deployment", d));
        return answer.build();
    }

    private static String tokenName(Caller caller) {
        return caller.token().map(Caller.TokenGrant::name)
                .orElse(caller.method().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** One request's completions: prompts × n, run one after another on the leased engine. */
    private final class Execution {

        private final GatewayCall call;
        private final EngineLease lease;
        private final LocalEngine engine;
        private final String token;
        private final List<Prompt> prompts;
        private final String id;
        private final long created = Instant.now().getEpochSecond();
        private long promptTokens;
        private long completionTokens;

        Execution(GatewayCall call, EngineLease lease, LocalEngine engine, String token) {
            this.call = call;
            this.lease = lease;
            this.engine = engine;
            this.token = token;
            this.id = (call.isChat() ? "chatcmpl-" : "cmpl-") + UUID.randomUUID().toString().replace("-", "");
            this.prompts = call.isChat()
                    ? List.of(new Prompt.Text(engineCall("chatPrompt", () -> engine.chatPrompt(call.messages())), false))
                    : call.prompts();
        }

        ObjectNode answer() {
            ObjectNode answer = answers.envelope(id, call.isChat() ? "chat.completion" : "text_completion", created,
                    call.model());
            ArrayNode choices = answer.putArray("choices");
            int index = 0;
            try {
                for (Prompt prompt : prompts) {
                    for (int j = 0; j < call.n(); j++, index++) {
                        Completion c = complete(prompt, j, LocalEngine.TextListener.NONE);
                        choices.add(call.isChat() ? answers.chatChoice(index, c, call.logprobs())
                                : answers.completionChoice(index, c, promptText(prompt, c), call.echo(), call.logprobs()));
                    }
                }
            } catch (ApiException e) {
                metrics.request(call.model(), token, "error", promptTokens, completionTokens);
                throw e;
            }
            answer.set("usage", answers.usage(promptTokens, completionTokens));
            metrics.request(call.model(), token, "ok", promptTokens, completionTokens);
            return answer;
        }

        void stream(OutputStream out) throws IOException {
            ObjectNode envelope = answers.envelope(id, call.isChat() ? "chat.completion.chunk" : "text_completion",
                    created, call.model());
            String outcome = "ok";
            try {
                int index = 0;
                for (Prompt prompt : prompts) {
                    for (int j = 0; j < call.n(); j++, index++) {
                        int choice = index;
                        if (call.isChat()) {
                            send(out, answers.chunk(envelope, true, choice, "", null, true));
                        }
                        Completion c = complete(prompt, j, text -> {
                            try {
                                send(out, answers.chunk(envelope, call.isChat(), choice, text, null, false));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
                        send(out, answers.chunk(envelope, call.isChat(), choice, null, c.finishReason().openAiName(), false));
                    }
                }
                if (call.includeUsage()) {
                    ObjectNode usage = envelope.deepCopy();
                    usage.putArray("choices");
                    usage.set("usage", answers.usage(promptTokens, completionTokens));
                    send(out, usage);
                }
            } catch (ApiException e) {
                outcome = "error";
                send(out, errors.openAiBody(e));
            } catch (UncheckedIOException e) {
                metrics.request(call.model(), token, "cancelled", promptTokens, completionTokens);
                return;
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            metrics.request(call.model(), token, outcome, promptTokens, completionTokens);
        }

        private void send(OutputStream out, ObjectNode event) throws IOException {
            out.write(("data: " + event + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        private Completion complete(Prompt prompt, int j, LocalEngine.TextListener listener) {
            OptionalLong seed = call.seed().isPresent() ? OptionalLong.of(call.seed().getAsLong() + j) : OptionalLong.empty();
            CompletionRequest request = new CompletionRequest(lease.adapter(), prompt, call.maxTokens(),
                    call.temperature(), call.topP(), seed, call.stop(), call.logprobs(), call.echo());
            Completion c = engineCall("complete", () -> engine.complete(request, listener));
            promptTokens += c.promptTokenCount();
            completionTokens += c.tokens().size();
            return c;
        }

        private String promptText(Prompt prompt, Completion c) {
            return switch (prompt) {
                case Prompt.Text t -> t.text();
                case Prompt.Tokens t -> String.join("", c.promptTokens().stream().map(Completion.Token::text).toList());
            };
        }

        private <T> T engineCall(String what, java.util.concurrent.Callable<T> body) {
            try {
                return lease.call(what, body);
            } catch (PluginCalls.PluginCallFailed e) {
                Throwable cause = e.getCause();
                if (cause instanceof UncheckedIOException disconnected) {
                    throw disconnected;
                }
                if (cause instanceof IllegalArgumentException refused) {
                    throw ApiException.invalidField(call.isChat() ? "messages" : "prompt", refused.getMessage());
                }
                throw new ApiException(cause == null ? 504 : 500, "InferenceFailed", "The model could not answer: "
                        + (cause == null ? e.getMessage() : cause.getMessage()));
            }
        }
    }
}
