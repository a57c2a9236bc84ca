package dev.stoa.spi.testkit;

import dev.stoa.spi.InferenceRunner;
import dev.stoa.spi.Revision;
import dev.stoa.spi.inference.Admission;
import dev.stoa.spi.inference.AdapterRef;
import dev.stoa.spi.inference.Completion;
import dev.stoa.spi.inference.CompletionRequest;
import dev.stoa.spi.inference.Deployment;
import dev.stoa.spi.inference.DeploymentContext;
import dev.stoa.spi.inference.DeploymentSpec;
import dev.stoa.spi.inference.DeploymentStatus;
import dev.stoa.spi.inference.DeploymentStatus.State;
import dev.stoa.spi.inference.LocalEngine;
import dev.stoa.spi.inference.ModelFacts;
import dev.stoa.spi.inference.ModelRef;
import dev.stoa.spi.inference.Prompt;
import dev.stoa.spi.inference.RemoteEngine;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Tests an {@link InferenceRunner} without a Stoa server: model folders stand in for repositories ({@link
 * #facts} reads what the host would read from them, {@link FolderContext} serves their files), and {@link
 * #checkConformance} checks the contract every runner keeps.
 *
 * <pre>{@code
 * Path base = TinyModel.llama(1).writeTo(dir.resolve("base"));
 * ModelRef ref = RunnerHarness.ref("acme/tiny");
 * RunnerHarness.checkConformance(runner, DeploymentSpec.of(ref), Map.of(ref, base), dir.resolve("work"));
 * }</pre>
 */
public final class RunnerHarness {

    private RunnerHarness() {
    }

    /** A model reference for tests: the repository {@code id} at a fixed commit. */
    public static ModelRef ref(String id) {
        String[] parts = id.split("/", 2);
        return new ModelRef(new dev.stoa.spi.RepoRef("model", parts[0], parts[1]), "0".repeat(40));
    }

    /**
     * What the host knows of a model folder before loading it: {@code config.json}, {@code adapter_config.json}
     * and the safetensors headers.
     */
    @SuppressWarnings("unchecked")
    public static ModelFacts facts(ModelRef ref, Path folder) throws IOException {
        Map<String, Object> config = Files.exists(folder.resolve("config.json"))
                ? JsonValues.object(Files.readString(folder.resolve("config.json"))) : Map.of();
        Set<String> dtypes = new TreeSet<>();
        List<String> tensorNames = new ArrayList<>();
        long parameters = 0;
        long bytes = 0;
        List<String> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path file : list.sorted().toList()) {
                files.add(file.getFileName().toString());
                if (!file.toString().endsWith(".safetensors")) {
                    continue;
                }
                bytes += Files.size(file);
                for (Map.Entry<String, Object> e : safetensorsHeader(file).entrySet()) {
                    if (e.getKey().equals("__metadata__")) {
                        continue;
                    }
                    Map<String, Object> t = (Map<String, Object>) e.getValue();
                    dtypes.add((String) t.get("dtype"));
                    long n = 1;
                    for (Object d : (List<Object>) t.get("shape")) {
                        n *= ((Number) d).longValue();
                    }
                    parameters += n;
                    tensorNames.add(e.getKey());
                }
            }
        }
        Optional<ModelFacts.AdapterFacts> adapter = Optional.empty();
        if (Files.exists(folder.resolve("adapter_config.json"))) {
            Map<String, Object> a = JsonValues.object(Files.readString(folder.resolve("adapter_config.json")));
            adapter = Optional.of(new ModelFacts.AdapterFacts(String.valueOf(a.getOrDefault("base_model_name_or_path", "")),
                    ((Number) a.getOrDefault("r", 0L)).intValue(), ((Number) a.getOrDefault("lora_alpha", 0L)).doubleValue(),
                    strings(a.get("target_modules")), strings(a.get("modules_to_save")),
                    tensorNames.stream().filter(n -> !n.contains("lora_")).toList()));
        }
        List<String> architectures = strings(config.get("architectures"));
        return new ModelFacts(ref, architectures.isEmpty() ? "" : architectures.get(0),
                String.valueOf(config.getOrDefault("model_type", "")), dtypes, parameters, bytes, config, files, adapter);
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? ((List<Object>) list).stream().map(String::valueOf).toList() : List.of();
    }

    private static Map<String, Object> safetensorsHeader(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            long length = ByteBuffer.wrap(in.readNBytes(8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
            return JsonValues.object(new String(in.readNBytes((int) length), StandardCharsets.UTF_8));
        }
    }

    /**
     * Checks the runner contract on a spec the runner should accept: admission (and a refusal with reasons for an
     * architecture nobody serves), deployment to {@code READY} through legal states only, an OpenAI-shaped answer
     * (greedy completions that repeat, log-probabilities that are log-probabilities, or a remote server that lists
     * its models), and {@code close()} to {@code STOPPED}, twice without error.
     *
     * @param models a folder for the spec's base and each adapter
     * @param work   a folder for the deployment's files
     */
    public static void checkConformance(InferenceRunner runner, DeploymentSpec spec, Map<ModelRef, Path> models,
            Path work) throws IOException {
        checkConformance(runner, spec, models, new FolderContext(models, work), true);
    }

    /**
     * As {@link #checkConformance(InferenceRunner, DeploymentSpec, Map, Path)}, with the context the runner needs (its
     * secrets, {@linkplain FolderContext#withHubAccess Hugging Face access} for work it starts outside Stoa), and for a
     * runner whose server decides what it serves (an endpoint runner, vLLM, which serves more architectures than any
     * list) {@code refusesUnknownArchitectures} false: it is then not expected to refuse an unknown architecture.
     */
    public static void checkConformance(InferenceRunner runner, DeploymentSpec spec, Map<ModelRef, Path> models,
            FolderContext context, boolean refusesUnknownArchitectures) throws IOException {
        ModelFacts base = facts(spec.base(), models.get(spec.base()));
        List<ModelFacts> adapters = new ArrayList<>();
        for (AdapterRef a : spec.adapters()) {
            adapters.add(facts(a.model(), models.get(a.model())));
        }
        Admission admission = runner.admit(spec, base, adapters);
        require(admission.accepted(), "the runner refused the spec: " + admission.summary());
        ModelFacts alien = new ModelFacts(base.model(), "NoSuchArchitectureForCausalLM", "no-such-model", base.dtypes(),
                base.parameters(), base.weightBytes(), Map.of("architectures", List.of("NoSuchArchitectureForCausalLM")),
                base.files(), Optional.empty());
        Admission refusal = runner.admit(spec, alien, adapters);
        if (refusesUnknownArchitectures) {
            require(!refusal.accepted(), "the runner admitted an architecture nobody serves");
        }
        require(refusal.refusals().stream().allMatch(r -> !r.message().isBlank()), "a refusal has no message");

        Deployment deployment = runner.deploy(spec, context);
        try {
            DeploymentStatus status = awaitReady(deployment, Duration.ofMinutes(5));
            require(status.state() == State.READY, "the deployment did not become ready: " + status);
            checkTransitions(context.reports());
            switch (deployment.engine()) {
                case LocalEngine engine -> checkLocal(engine);
                case RemoteEngine remote -> checkRemote(remote);
            }
        } finally {
            deployment.close();
        }
        require(deployment.status().state() == State.STOPPED, "a closed deployment is " + deployment.status());
        deployment.close();
    }

    private static DeploymentStatus awaitReady(Deployment deployment, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        DeploymentStatus status = deployment.status();
        while (status.state() != State.READY && !status.state().isFinal() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            status = deployment.status();
        }
        return status;
    }

    private static void checkTransitions(List<DeploymentStatus> reports) {
        State previous = State.PENDING;
        for (DeploymentStatus report : reports) {
            require(!previous.isFinal(), "the runner reported " + report.state() + " after " + previous);
            require(!(report.state() == State.PENDING && previous != State.PENDING),
                    "the runner went back to PENDING after " + previous);
            previous = report.state();
        }
    }

    private static void checkLocal(LocalEngine engine) throws IOException {
        CompletionRequest greedy = CompletionRequest.greedy("the cat", 5);
        Completion first = engine.complete(greedy, LocalEngine.TextListener.NONE);
        Completion second = engine.complete(greedy, LocalEngine.TextListener.NONE);
        require(first.text().equals(second.text()), "greedy completions differ: '" + first.text() + "' and '"
                + second.text() + "'");
        require(first.tokens().size() <= 5, "asked for 5 tokens, got " + first.tokens().size());
        require(first.promptTokenCount() > 0, "the prompt has no tokens");
        List<Integer> ids = engine.encode("the cat and");
        Completion scored = engine.complete(new CompletionRequest("", new Prompt.Tokens(ids), 0, 0, 1,
                OptionalLong.empty(), List.of(), 1, true), LocalEngine.TextListener.NONE);
        require(scored.promptTokens().size() == ids.size(), "echo returned " + scored.promptTokens().size()
                + " prompt tokens for " + ids.size());
        require(scored.promptTokens().get(0).logprob().isEmpty(), "the first prompt token has a log-probability");
        for (Completion.Token t : scored.promptTokens().subList(1, ids.size())) {
            require(t.logprob().isPresent() && t.logprob().getAsDouble() <= 0, "token " + t.id()
                    + " has log-probability " + t.logprob());
            require(t.top().size() == 1 && t.top().get(0).logprob() >= t.logprob().getAsDouble(),
                    "the top-1 alternative of token " + t.id() + " is less likely than the token itself");
        }
    }

    private static void checkRemote(RemoteEngine remote) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(remote.baseUrl() + "/models")).GET();
        remote.apiKey().ifPresent(k -> request.header("Authorization", "Bearer " + k));
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            require(response.statusCode() == 200 && response.body().contains("\"data\""),
                    "GET " + remote.baseUrl() + "/models answered " + response.statusCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    /** A deployment context that serves model folders as revisions and records the status reports. */
    public static final class FolderContext implements DeploymentContext {

        private final Map<ModelRef, Path> models;
        private final Path work;
        private final Map<String, String> secrets;
        private final Optional<HubAccess> hubAccess;
        private final List<DeploymentStatus> reports = new CopyOnWriteArrayList<>();

        public FolderContext(Map<ModelRef, Path> models, Path work) {
            this(models, work, Map.of());
        }

        /** A context whose {@link #secret} answers from {@code secrets}. */
        public FolderContext(Map<ModelRef, Path> models, Path work, Map<String, String> secrets) {
            this(models, work, secrets, Optional.empty());
        }

        private FolderContext(Map<ModelRef, Path> models, Path work, Map<String, String> secrets,
                Optional<HubAccess> hubAccess) {
            this.models = new LinkedHashMap<>(models);
            this.work = work;
            this.secrets = Map.copyOf(secrets);
            this.hubAccess = hubAccess;
        }

        /** The same context whose {@link #hubAccess()} gives {@code access}, as Stoa gives runners that start pods. */
        public FolderContext withHubAccess(HubAccess access) {
            return new FolderContext(models, work, secrets, Optional.of(access));
        }

        /** {@code harness-} and a hash of the work folder: one name per context, as the host gives one per deployment. */
        @Override
        public String deploymentName() {
            return "harness-" + Integer.toHexString(work.toAbsolutePath().hashCode() & 0xfffffff);
        }

        @Override
        public Optional<String> secret(String name) {
            return Optional.ofNullable(secrets.get(name));
        }

        @Override
        public Revision files(ModelRef model) throws IOException {
            Path folder = models.get(model);
            if (folder == null) {
                throw new FileNotFoundException(model + " is not one of this deployment's models");
            }
            InMemoryRevision.Builder revision = InMemoryRevision.builder()
                    .model(model.repository().namespace(), model.repository().name()).commit(model.commit());
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.sorted().toList()) {
                    revision.lfsFile(file.getFileName().toString(), file);
                }
            }
            return revision.build();
        }

        @Override
        public Optional<HubAccess> hubAccess() {
            return hubAccess;
        }

        @Override
        public Path workDirectory() {
            return work;
        }

        @Override
        public void report(State state, String message) {
            reports.add(DeploymentStatus.of(state, message));
        }

        /** Every status reported so far, oldest first. */
        public List<DeploymentStatus> reports() {
            return List.copyOf(reports);
        }
    }
}
