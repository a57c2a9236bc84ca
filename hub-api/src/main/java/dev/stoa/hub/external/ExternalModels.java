package dev.stoa.hub.external;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.event.Change;
import dev.stoa.hub.event.Outbox;
import dev.stoa.hub.identity.AccountService;
import dev.stoa.hub.identity.AccountView;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.identity.TokenRestriction;
import dev.stoa.hub.inference.EngineLease;
import dev.stoa.hub.inference.RunnerLifecycle;
import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.plugin.PluginCalls;
import dev.stoa.hub.plugin.PluginHost;
import dev.stoa.hub.plugin.PluginRunner;
import dev.stoa.hub.secret.SecretBox;
import dev.stoa.spi.RepoRef;
import dev.stoa.spi.Revision;
import dev.stoa.spi.inference.Deployment;
import dev.stoa.spi.inference.DeploymentContext;
import dev.stoa.spi.inference.DeploymentSpec;
import dev.stoa.spi.inference.DeploymentStatus;
import dev.stoa.spi.inference.ModelRef;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.FileNotFoundException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Registers external models (administrators) and serves them: each registration becomes, on first use, a deployment
 * of its runner whose engine the gateway forwards to; a changed registration is deployed anew on its next use.
 */
@ApplicationScoped
public class ExternalModels {

    /** The runner registrations use unless they name another. */
    public static final String DEFAULT_RUNNER = "openai-endpoint/endpoint";
    private static final String PREFIX = ExternalModel.NAMESPACE + "/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9._-]{0,98}[a-z0-9])?");
    private static final Set<String> KEYS = Set.of("provider", "baseUrl", "model", "apiKey", "organization",
            "description", "runner", "timeoutSeconds");
    private static final int MAX_TIMEOUT = 3600;

    private final ExternalModelStore store;
    private final SecretBox secrets;
    private final PluginHost plugins;
    private final RunnerLifecycle lifecycle;
    private final AccountService accounts;
    private final Outbox outbox;
    private final Duration requestTimeout;
    private final Map<String, Served> served = new ConcurrentHashMap<>();

    ExternalModels(ExternalModelStore store, SecretBox secrets, PluginHost plugins, RunnerLifecycle lifecycle,
            AccountService accounts, Outbox outbox, StoaConfig config) {
        this.store = store;
        this.secrets = secrets;
        this.plugins = plugins;
        this.lifecycle = lifecycle;
        this.accounts = accounts;
        this.outbox = outbox;
        this.requestTimeout = config.inference().requestTimeout();
    }

    /** A registration's engine, as deployed for the registration last saved at {@code updatedAt}. */
    private record Served(Instant updatedAt, PluginRunner runner, Deployment deployment) {
    }

    /** Whether a request's {@code model} names an external model ({@code external/<name>}). */
    public static boolean isExternal(String model) {
        return model != null && model.startsWith(PREFIX);
    }

    /** The external models the caller may call, by name. */
    public List<ExternalModel> usable(Caller caller) {
        if (isRepositoryLimited(caller)) {
            return List.of();
        }
        return store.all().stream().filter(m -> mayUse(caller, m)).toList();
    }

    /** A registration the caller may call (or any, for administrators), else 404. */
    public ExternalModel get(Caller caller, String name) {
        return store.find(name).filter(m -> caller.isAdmin() || !isRepositoryLimited(caller) && mayUse(caller, m))
                .orElseThrow(() -> notFound(name));
    }

    private boolean mayUse(Caller caller, ExternalModel m) {
        return caller.isAdmin() || m.orgId().isEmpty() || accounts.roleIn(m.orgId().get(), caller.accountId()).isPresent();
    }

    private static boolean isRepositoryLimited(Caller caller) {
        return caller.restriction().filter(r -> r instanceof TokenRestriction.Repositories).isPresent();
    }

    private static ApiException notFound(String name) {
        return ApiException.notFound("ModelNotFound", "There is no external model '" + PREFIX + name
                + "' that you can use; GET /v1/models lists those you can.");
    }

    /** Leases the engine of the external model a request names. */
    public EngineLease lease(String model, Caller caller) {
        String name = model.substring(PREFIX.length());
        if (name.contains("@")) {
            throw ApiException.invalidField("model", "External models have no revisions: call it '" + PREFIX
                    + name.substring(0, name.indexOf('@')) + "'.");
        }
        if (isRepositoryLimited(caller)) {
            throw ApiException.forbidden("This token is limited to repositories, so it reaches no external model; use"
                    + " a token without that limit.");
        }
        ExternalModel m = store.find(name).filter(found -> mayUse(caller, found)).orElseThrow(() -> notFound(name));
        Served engine = engineOf(m);
        Duration timeout = m.timeoutSeconds().map(Duration::ofSeconds).orElse(requestTimeout);
        return new EngineLease(plugins, engine.runner(), engine.deployment(), m.id(), "", timeout) {
            @Override
            public Optional<String> deploymentName() {
                return Optional.empty();
            }

            @Override
            protected void release() {
            }
        };
    }

    private Served engineOf(ExternalModel m) {
        String key = m.name().toLowerCase(Locale.ROOT);
        Served current = served.get(key);
        if (current != null && current.updatedAt().equals(m.updatedAt())) {
            return current;
        }
        synchronized (this) {
            current = served.get(key);
            if (current != null && current.updatedAt().equals(m.updatedAt())) {
                return current;
            }
            PluginRunner runner = plugins.enabledRunner(m.runner()).orElseThrow(() -> new ApiException(503, "NoRunner",
                    "The runner " + m.runner() + " of " + m.id() + " is not installed or is switched off; ask an"
                            + " administrator."));
            DeploymentSpec spec = new DeploymentSpec(new ModelRef(new RepoRef("model", ExternalModel.NAMESPACE, m.name()),
                    ""), List.of(), "text-generation", null, Map.of("base-url", m.baseUrl(), "model", m.upstreamModel()));
            Deployment deployment;
            try {
                deployment = lifecycle.deploy(runner, spec, new Context(m));
            } catch (PluginCalls.PluginCallFailed e) {
                String why = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
                throw new ApiException(502, "ExternalModelUnavailable", m.id() + " (" + m.provider()
                        + ") cannot be used now: " + why);
            }
            Served fresh = new Served(m.updatedAt(), runner, deployment);
            Served old = served.put(key, fresh);
            if (old != null) {
                lifecycle.close(old.runner(), old.deployment(), m.id());
            }
            return fresh;
        }
    }

    /** What a runner gets for an external model: no files, the registration's API key as secret {@code api-key}. */
    private final class Context implements DeploymentContext {

        private final ExternalModel model;

        Context(ExternalModel model) {
            this.model = model;
        }

        @Override
        public Revision files(ModelRef ref) throws FileNotFoundException {
            throw new FileNotFoundException(model.id() + " is an external model: Stoa holds none of its files");
        }

        @Override
        public Optional<HubAccess> hubAccess() {
            return Optional.empty();
        }

        @Override
        public Optional<String> secret(String name) {
            if ("api-key".equals(name) && model.apiKeySealed().isPresent()) {
                return Optional.of(secrets.open(model.secretOwner(), model.apiKeySealed().get()));
            }
            return Optional.empty();
        }

        @Override
        public String deploymentName() {
            String name = "external-" + model.name().replaceAll("[^a-z0-9-]", "-");
            return name.length() > 52 ? name.substring(0, 52) : name;
        }

        @Override
        public Path workDirectory() {
            throw new UnsupportedOperationException("an external model has no work folder");
        }

        @Override
        public void report(DeploymentStatus.State state, String message) {
        }
    }

    /** A saved registration, and whether it is new. */
    record Saved(ExternalModel model, boolean created) {
    }

    /**
     * Registers or changes an external model: administrators only. {@code apiKey} absent keeps the key it has, empty
     * removes it. Recorded on the audit trail without the key.
     */
    Saved save(Caller caller, String name, JsonNode body) {
        requireAdmin(caller);
        if (!NAME.matcher(name).matches()) {
            throw ApiException.invalidField("name", "'" + name + "' is not an external model name: use up to 100"
                    + " lowercase letters, digits, '.', '_' and '-', starting and ending with a letter or digit.");
        }
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("Send the registration as a JSON object: {\"provider\": \"OpenAI\","
                    + " \"baseUrl\": \"https://.../v1\", \"model\": \"gpt-4o-mini\", \"apiKey\": \"...\"}.");
        }
        body.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                throw ApiException.invalidField(key, "'" + key + "' is not part of a registration; the fields are "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ".");
            }
        });
        String provider = text(body, "provider", 100, true).orElseThrow();
        String baseUrl = checkBaseUrl(text(body, "baseUrl", 2000, true).orElseThrow());
        String upstream = text(body, "model", 200, true).orElseThrow();
        String description = text(body, "description", 2000, false).orElse("");
        String runner = text(body, "runner", 200, false).orElse(DEFAULT_RUNNER);
        if (plugins.enabledRunner(runner).isEmpty()) {
            throw ApiException.invalidField("runner", "There is no enabled runner '" + runner + "'.");
        }
        Optional<AccountView> org = text(body, "organization", 42, false).map(o -> accounts.find(o)
                .filter(a -> "org".equals(a.type())).orElseThrow(() -> ApiException.invalidField("organization",
                        "There is no organisation '" + o + "'.")));
        Optional<Integer> timeout = Optional.ofNullable(body.get("timeoutSeconds")).filter(t -> !t.isNull()).map(t -> {
            if (!t.isIntegralNumber() || !t.canConvertToInt() || t.asInt() < 1 || t.asInt() > MAX_TIMEOUT) {
                throw ApiException.invalidField("timeoutSeconds", "'timeoutSeconds' is a whole number of seconds from 1"
                        + " to " + MAX_TIMEOUT + ".");
            }
            return t.asInt();
        });
        Optional<String> apiKey = body.has("apiKey") && !body.get("apiKey").isNull()
                ? Optional.of(text(body, "apiKey", 4096, false).orElse("")) : Optional.empty();
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<ExternalModel> before = store.find(name);
            Instant now = Instant.now();
            ExternalModel unsealed = new ExternalModel(before.map(ExternalModel::rowId).orElse(0L), name, provider,
                    description, runner, baseUrl, upstream, Optional.empty(), timeout, org.map(AccountView::id),
                    org.map(AccountView::name), before.map(ExternalModel::createdBy).orElse(caller.name()),
                    before.map(ExternalModel::createdAt).orElse(now), now);
            Optional<String> sealed = apiKey.isPresent()
                    ? apiKey.filter(k -> !k.isEmpty()).map(k -> secrets.seal(unsealed.secretOwner(), k))
                    : before.flatMap(ExternalModel::apiKeySealed);
            ExternalModel saved = unsealed.withApiKey(sealed);
            store.save(saved);
            outbox.change(before.isEmpty() ? "external-model.created" : "external-model.updated", 0,
                    Change.of("external-model", saved.id(), org.map(AccountView::id).orElse(0L),
                            before.map(ExternalModels::describe).orElse(Map.of()), describe(saved)));
            return new Saved(store.find(name).orElseThrow(), before.isEmpty());
        });
    }

    /** Removes a registration: administrators only. */
    void delete(Caller caller, String name) {
        requireAdmin(caller);
        ExternalModel m = store.find(name).orElseThrow(() -> notFound(name));
        QuarkusTransaction.requiringNew().run(() -> {
            if (store.delete(name)) {
                outbox.change("external-model.deleted", 0, Change.of("external-model", m.id(), m.orgId().orElse(0L),
                        describe(m), Map.of()));
            }
        });
        Served old = served.remove(m.name().toLowerCase(Locale.ROOT));
        if (old != null) {
            lifecycle.close(old.runner(), old.deployment(), m.id());
        }
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw ApiException.forbidden("Only administrators register external models.");
        }
        caller.requireWrite();
    }

    /** What the audit trail keeps: never the key, only whether there is one. */
    private static Map<String, Object> describe(ExternalModel m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("provider", m.provider());
        out.put("baseUrl", m.baseUrl());
        out.put("model", m.upstreamModel());
        out.put("runner", m.runner());
        out.put("apiKey", m.apiKeySealed().isPresent() ? "set" : "none");
        out.put("timeoutSeconds", m.timeoutSeconds().map(Object::toString).orElse("default"));
        out.put("organization", m.orgName().orElse(""));
        return out;
    }

    private static String checkBaseUrl(String url) {
        try {
            URI uri = new URI(url);
            if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    || uri.getHost() == null) {
                throw ApiException.invalidField("baseUrl", "'" + url + "' is not an http or https URL; give the"
                        + " server's OpenAI-compatible base, such as https://api.example.com/v1.");
            }
            if (uri.getUserInfo() != null) {
                throw ApiException.invalidField("baseUrl", "Put credentials in apiKey, not in the URL.");
            }
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        } catch (URISyntaxException e) {
            throw ApiException.invalidField("baseUrl", "'" + url + "' is not a URL: " + e.getReason() + ".");
        }
    }

    private static Optional<String> text(JsonNode body, String field, int max, boolean required) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull() || value.isTextual() && value.asText().isBlank() && !field.equals("apiKey")) {
            if (required) {
                throw ApiException.invalidField(field, "'" + field + "' is required.");
            }
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().length() > max || value.asText().chars().anyMatch(c -> c < 0x20)) {
            throw ApiException.invalidField(field, "'" + field + "' is a string of at most " + max
                    + " characters without control characters.");
        }
        return Optional.of(value.asText());
    }
}
