package dev.stoa.plugins.openaiendpoint;

import dev.stoa.spi.InferenceRunner;
import dev.stoa.spi.inference.Admission;
import dev.stoa.spi.inference.Admission.Reason;
import dev.stoa.spi.inference.Admission.Refusal;
import dev.stoa.spi.inference.AdapterRef;
import dev.stoa.spi.inference.Deployment;
import dev.stoa.spi.inference.DeploymentContext;
import dev.stoa.spi.inference.DeploymentSpec;
import dev.stoa.spi.inference.ModelFacts;
import dev.stoa.spi.inference.RemoteEngine;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Admits any spec that names its server (engine option {@code base-url}, the server's base ending in {@code /v1});
 * {@code model} is the name the server knows the base model by (default: its {@code ns/name} on Stoa) and
 * {@code model.<adapter ns/name>} an adapter's. Deploying checks that the server answers {@code GET /models} with
 * the key and lists the model (or answers {@code GET /models/<name>} for it, as servers that load models on demand
 * do), so a wrong URL, key or name fails the deployment with that reason instead of every request.
 */
final class EndpointRunner implements InferenceRunner {

    static final String NAME = "endpoint";
    static final String BASE_URL = "base-url";
    static final String MODEL = "model";
    static final String API_KEY = "api-key";
    private static final Pattern MODEL_ID = Pattern.compile("\"id\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Duration checkTimeout;
    private final HttpClient http;

    EndpointRunner(Duration checkTimeout) {
        this.checkTimeout = checkTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(checkTimeout).build();
    }

    @Override
    public Admission admit(DeploymentSpec spec, ModelFacts base, List<ModelFacts> adapters) {
        List<Refusal> refusals = new ArrayList<>();
        String url = spec.engineOptions().get(BASE_URL);
        if (url == null || url.isBlank()) {
            refusals.add(new Refusal(Reason.OTHER, "the endpoint runner needs the engine option " + BASE_URL
                    + ": the server's OpenAI-compatible base, such as http://vllm.models:8000/v1"));
        } else if (baseUrl(url).isEmpty()) {
            refusals.add(new Refusal(Reason.OTHER, "'" + url + "' is not an http or https URL"));
        }
        if (spec.resources().gpuCount() > 0) {
            refusals.add(new Refusal(Reason.RESOURCES, "the endpoint runner calls a server that runs already and"
                    + " starts no GPU work; ask for 0 GPUs"));
        }
        return refusals.isEmpty() ? Admission.accept() : Admission.refuse(refusals);
    }

    @Override
    public Deployment deploy(DeploymentSpec spec, DeploymentContext context) throws IOException {
        URI base = baseUrl(spec.engineOptions().getOrDefault(BASE_URL, ""))
                .orElseThrow(() -> new IOException("the engine option " + BASE_URL + " is not an http or https URL"));
        Optional<String> key = context.secret(API_KEY);
        Map<String, String> names = new LinkedHashMap<>();
        String stoaName = spec.base().repository().id();
        names.put(stoaName, spec.engineOptions().getOrDefault(MODEL, stoaName));
        for (AdapterRef adapter : spec.adapters()) {
            names.put(adapter.name(), spec.engineOptions().getOrDefault(MODEL + "." + adapter.name(), adapter.name()));
        }
        List<String> served = listModels(base, key);
        List<String> missing = new ArrayList<>();
        for (String name : names.values()) {
            // Servers that load models on demand (Stoa, Ollama) list only those loaded; they answer for the others.
            if (!served.contains(name) && get(base, "/models/" + name, key).statusCode() / 100 != 2) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException("the server at " + base + " does not serve " + String.join(", ", missing)
                    + "; it serves " + (served.isEmpty() ? "nothing" : String.join(", ", served)));
        }
        // The server runs on its own: closing only stops Stoa from forwarding to it.
        return Deployment.ready(new RemoteEngine(base, key, names), () -> { });
    }

    private HttpResponse<String> get(URI base, String path, Optional<String> key) throws IOException {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(new URI(base + path)).timeout(checkTimeout).GET();
        } catch (URISyntaxException e) {
            throw new IOException("'" + path + "' cannot be asked of " + base, e);
        }
        key.ifPresent(k -> request.header("Authorization", "Bearer " + k));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("cannot reach " + base + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + base + " for its models", e);
        }
    }

    private List<String> listModels(URI base, Optional<String> key) throws IOException {
        HttpResponse<String> answer = get(base, "/models", key);
        if (answer.statusCode() == 401 || answer.statusCode() == 403) {
            throw new IOException("the server at " + base + " refused the API key (HTTP " + answer.statusCode() + ")");
        }
        if (answer.statusCode() / 100 != 2) {
            throw new IOException("the server at " + base + " answered HTTP " + answer.statusCode() + " to GET /models");
        }
        List<String> ids = new ArrayList<>();
        Matcher m = MODEL_ID.matcher(answer.body());
        while (m.find()) {
            ids.add(m.group(1).replace("\\/", "/").replace("\\\"", "\""));
        }
        return ids;
    }

    /** The base URL without a trailing slash, when it is an absolute http(s) URL. */
    static Optional<URI> baseUrl(String url) {
        try {
            URI uri = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            return web && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
