package dev.stoa.plugins.openaiendpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.stoa.spi.inference.Admission;
import dev.stoa.spi.inference.AdapterRef;
import dev.stoa.spi.inference.Deployment;
import dev.stoa.spi.inference.DeploymentSpec;
import dev.stoa.spi.inference.DeploymentStatus;
import dev.stoa.spi.inference.ModelFacts;
import dev.stoa.spi.inference.RemoteEngine;
import dev.stoa.spi.inference.Resources;
import dev.stoa.spi.testkit.RunnerHarness;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint runner against a server on loopback that lists {@code served-model} (and answers for
 * {@code lazy-model} only when asked by name, as servers that load on demand do) and wants key {@code sk-1}.
 */
class EndpointRunnerTest {

    private final EndpointRunner runner = new EndpointRunner(Duration.ofSeconds(2));
    private final List<String> keys = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private String base;

    @TempDir
    Path work;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/models", exchange -> {
            String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            keys.add(auth);
            String path = exchange.getRequestURI().getPath();
            int status = !auth.equals("Bearer sk-1") ? 401 : path.equals("/v1/models") || path.equals("/v1/models/lazy-model") ? 200 : 404;
            byte[] body = "{\"object\":\"list\",\"data\":[{\"id\":\"served-model\",\"object\":\"model\"}]}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static DeploymentSpec spec(Map<String, String> options) {
        return new DeploymentSpec(RunnerHarness.ref("acme/llama"), List.of(), "text-generation", null, options);
    }

    private RunnerHarness.FolderContext context(String key) {
        return new RunnerHarness.FolderContext(Map.of(), work, key == null ? Map.of() : Map.of("api-key", key));
    }

    private static ModelFacts facts() {
        return new ModelFacts(RunnerHarness.ref("acme/llama"), "LlamaForCausalLM", "llama", java.util.Set.of("BF16"), 8_000_000_000L,
                16_000_000_000L, Map.of(), List.of(), Optional.empty());
    }

    @Test
    void admitsASpecThatNamesItsServerAndAsksForNoGpu() {
        assertThat(runner.admit(spec(Map.of("base-url", base)), facts(), List.of()).accepted()).isTrue();
        Admission none = runner.admit(spec(Map.of()), facts(), List.of());
        assertThat(none.summary()).contains("base-url");
        Admission ftp = runner.admit(spec(Map.of("base-url", "ftp://x/v1")), facts(), List.of());
        assertThat(ftp.summary()).contains("not an http or https URL");
        DeploymentSpec gpus = new DeploymentSpec(RunnerHarness.ref("acme/llama"), List.of(), null,
                new Resources(0, 0, 1, "", Map.of()), Map.of("base-url", base));
        assertThat(runner.admit(gpus, facts(), List.of()).refusals()).extracting(Admission.Refusal::reason)
                .containsExactly(Admission.Reason.RESOURCES);
    }

    @Test
    void deploysToAServerThatServesTheModelsWithTheKey() throws IOException {
        DeploymentSpec spec = new DeploymentSpec(RunnerHarness.ref("acme/llama"), List.of(new AdapterRef("acme/lora",
                RunnerHarness.ref("acme/lora"))), null, null, Map.of("base-url", base + "/", "model", "served-model",
                "model.acme/lora", "lazy-model"));
        Deployment deployment = runner.deploy(spec, context("sk-1"));
        assertThat(deployment.status().state()).isEqualTo(DeploymentStatus.State.READY);
        RemoteEngine engine = (RemoteEngine) deployment.engine();
        assertThat(engine.baseUrl().toString()).isEqualTo(base);
        assertThat(engine.apiKey()).contains("sk-1");
        assertThat(engine.upstreamName("acme/llama")).isEqualTo("served-model");
        assertThat(engine.upstreamName("acme/lora")).isEqualTo("lazy-model");
        assertThat(engine.toString()).doesNotContain("sk-1");
        assertThat(keys).containsOnly("Bearer sk-1");
        deployment.close();
        assertThat(deployment.status().state()).isEqualTo(DeploymentStatus.State.STOPPED);
    }

    @Test
    void passesTheRunnerConformanceCheck() throws IOException {
        dev.stoa.spi.inference.ModelRef ref = RunnerHarness.ref("acme/tiny");
        Path folder = dev.stoa.spi.testkit.TinyModel.llama(1).writeTo(work.resolve("model"));
        DeploymentSpec spec = new DeploymentSpec(ref, List.of(), null, null, Map.of("base-url", base, "model", "served-model"));
        // The server decides which architectures it serves, so the runner is not expected to refuse unknown ones.
        RunnerHarness.checkConformance(runner, spec, Map.of(ref, folder),
                new RunnerHarness.FolderContext(Map.of(ref, folder), work.resolve("work"), Map.of("api-key", "sk-1")), false);
    }

    @Test
    void aWrongKeyNameOrAddressFailsWithTheReason() {
        Map<String, String> options = Map.of("base-url", base, "model", "served-model");
        assertThatThrownBy(() -> runner.deploy(spec(options), context("sk-wrong")))
                .hasMessageContaining("refused the API key (HTTP 401)");
        assertThatThrownBy(() -> runner.deploy(spec(Map.of("base-url", base, "model", "gpt-9")), context("sk-1")))
                .hasMessageContaining("does not serve gpt-9").hasMessageContaining("served-model");
        server.stop(0);
        assertThatThrownBy(() -> runner.deploy(spec(options), context("sk-1"))).hasMessageContaining("cannot reach " + base);
    }
}
