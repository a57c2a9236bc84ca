package dev.stoa.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoa.hub.testing.RandomText;
import dev.stoa.hub.testing.S3ProxyProcess;
import dev.stoa.hub.testing.StoaProcess;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pod the chart renders, run for real without a cluster: Stoa started from the files the Dockerfile
 * puts into the image, with exactly the rendered container's environment (Secrets resolved, the ConfigMap
 * and the plugins volume as local folders), against PostgreSQL and an S3 server, then probed the way the
 * kubelet probes it.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ChartPodIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theRenderedPodRunsStoaWithItsSecretsSettingsAndPlugins(@TempDir Path tmp) throws Exception {
        String dbPassword = RandomText.alphanumeric(24);
        String adminToken = "stoa_" + RandomText.alphanumeric(40);
        try (S3ProxyProcess s3 = S3ProxyProcess.start(Files.createDirectories(tmp.resolve("s3")));
             EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                     .setDataDirectory(tmp.resolve("postgres")).setCleanDataDirectory(true).start()) {
            try (Connection db = postgres.getPostgresDatabase().getConnection(); Statement sql = db.createStatement()) {
                sql.execute("CREATE ROLE stoa_app LOGIN PASSWORD '" + dbPassword + "'");
                sql.execute("CREATE DATABASE stoa_pod OWNER stoa_app");
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("database.host", "127.0.0.1");
            values.put("database.port", postgres.getPort());
            values.put("database.name", "stoa_pod");
            values.put("database.username", "stoa_app");
            values.put("s3.endpoint", s3.endpoint());
            values.put("s3.bucket", "stoa-pod-" + RandomText.lowercase(6));
            values.put("admin.existingSecret", "stoa-admin");
            values.put("plugins.volume.emptyDir.sizeLimit", "100Mi");
            values.put("config.stoa\\.plugins\\.card-check\\.enabled", "false");
            values.put("config.stoa\\.plugins\\.example\\.max-file-count", "${EXAMPLE_MAX_FILES}");
            values.put("extraEnv[0].name", "EXAMPLE_MAX_FILES");
            values.put("extraEnv[0].valueFrom.secretKeyRef.name", "example-plugin");
            values.put("extraEnv[0].valueFrom.secretKeyRef.key", "max-files");
            Rendered rendered = Chart.render("minimal", values);

            Map<String, Map<String, String>> secrets = Map.of(
                    "stoa-db", Map.of("password", dbPassword),
                    "stoa-s3", Map.of("access-key", s3.accessKey(), "secret-key", s3.secretKey()),
                    "stoa-admin", Map.of("token", adminToken),
                    "example-plugin", Map.of("max-files", "7"));
            LocalPod pod = new LocalPod(rendered, secrets, tmp.resolve("pod"));
            // What the plugins volume holds: an external plugin jar.
            Files.copy(Path.of(System.getProperty("test.example.plugin.jar")),
                    pod.mount(rendered.envValue("STOA_PLUGINS_DIR")).resolve("example.jar"));
            Path image = ImageDefinition.read().assemble(tmp.resolve("image"));
            List<String> imageFiles = files(image.resolve("stoa"));
            Map<String, String> environment = new LinkedHashMap<>(pod.environment());
            // The image user's home is /stoa (Dockerfile), on the read-only root filesystem.
            environment.merge("JAVA_TOOL_OPTIONS", "-Duser.home=" + image.resolve("stoa"), (a, b) -> a + " " + b);

            try (StoaProcess stoa = StoaProcess.start(image.resolve("stoa/quarkus-run.jar"),
                    Path.of(environment.get("STOA_DATA_DIR")), environment).awaitReady()) {
                Container container = rendered.stoa();
                for (Probe probe : List.of(container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe())) {
                    assertThat(get(stoa.baseUri(), probe.getHttpGet().getPath(), null).statusCode())
                            .as(probe.getHttpGet().getPath()).isEqualTo(200);
                }

                HttpResponse<String> whoami = get(stoa.baseUri(), "/api/whoami-v2", adminToken);
                assertThat(whoami.statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(whoami.body()).get("name").asText()).isEqualTo("admin");

                JsonNode plugins = JSON.readTree(get(stoa.baseUri(), "/api/v1/admin/plugins", adminToken).body());
                assertThat(plugin(plugins, "card-check").get("state").asText()).isEqualTo("disabled");
                JsonNode example = plugin(plugins, "example");
                assertThat(example.get("state").asText()).isEqualTo("enabled");
                assertThat(example.get("origin").asText()).contains("example.jar");
                assertThat(example.get("configuration").get("max-file-count").asText()).isEqualTo("7");

                String log = stoa.stop().log();
                assertThat(log).doesNotContain(dbPassword, s3.secretKey(), adminToken);
            }
            assertThat(files(image.resolve("stoa"))).as("nothing is written to the image's read-only root filesystem").isEqualTo(imageFiles);
        }
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    private static JsonNode plugin(JsonNode plugins, String id) {
        for (JsonNode plugin : plugins) {
            if (plugin.get("id").asText().equals(id)) {
                return plugin;
            }
        }
        throw new AssertionError("No plugin " + id + " in " + plugins);
    }

    private static HttpResponse<String> get(URI base, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
