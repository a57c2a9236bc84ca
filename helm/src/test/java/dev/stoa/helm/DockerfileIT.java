package dev.stoa.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** After the build: the Dockerfile copies what the build produced, and the image fits the chart. */
class DockerfileIT {

    private static final Path APP = Chart.REPO_ROOT.resolve("hub-api/target/quarkus-app");
    private final ImageDefinition image = ImageDefinition.read();

    @Test
    void everySourceTheDockerfileCopiesWasBuilt() {
        assertThat(image.copies()).isNotEmpty();
        for (ImageDefinition.Copy copy : image.copies()) {
            for (String source : copy.sources()) {
                Path path = Chart.REPO_ROOT.resolve(source);
                assertThat(path).as(source).exists();
                if (Files.isDirectory(path)) {
                    assertThat(path).as(source).isNotEmptyDirectory();
                }
            }
        }
    }

    @Test
    void theImageHoldsTheWholePackagedAppAndNothingFromElsewhere(@TempDir Path tmp) throws IOException {
        Path root = image.assemble(tmp.resolve("image"));
        assertThat(files(root.resolve("stoa"))).containsExactlyInAnyOrderElementsOf(
                files(APP).stream().filter(f -> !f.endsWith(".txt")).toList());
        List<String> ignoreExceptions = Files.readAllLines(Chart.REPO_ROOT.resolve(".dockerignore")).stream()
                .filter(l -> l.startsWith("!")).map(l -> l.substring(1)).toList();
        for (ImageDefinition.Copy copy : image.copies()) {
            assertThat(copy.sources()).allSatisfy(s -> assertThat(ignoreExceptions).anyMatch(s::startsWith));
        }
    }

    @Test
    void theBuiltInPluginsTravelInsideTheApp(@TempDir Path tmp) throws IOException {
        Path root = image.assemble(tmp.resolve("image"));
        Path appJar;
        try (Stream<Path> jars = Files.list(root.resolve("stoa/app"))) {
            appJar = jars.filter(p -> p.getFileName().toString().startsWith("stoa-hub-api")).findFirst().orElseThrow();
        }
        try (JarFile jar = new JarFile(appJar.toFile())) {
            for (String plugin : List.of("safetensors-inspector", "pickle-scanner", "license-policy", "card-check")) {
                assertThat(jar.getEntry("built-in-plugins/" + plugin + ".jar")).as(plugin).isNotNull();
            }
        }
    }

    @Test
    void theImageMatchesWhatTheChartExpects(@TempDir Path tmp) throws IOException {
        JsonNode values = new ObjectMapper(new YAMLFactory()).readTree(Chart.DIR.resolve("values.yaml").toFile());
        Rendered rendered = Chart.render("minimal");

        assertThat(image.user()).isEqualTo(values.at("/containerSecurityContext/runAsUser").asText());
        assertThat(image.exposedPort()).isEqualTo(rendered.stoa().getPorts().getFirst().getContainerPort());
        assertThat(rendered.stoa().getImage()).startsWith(values.at("/image/repository").asText() + ":");
        // A JRE at least as new as the release the code is compiled for.
        assertThat(image.from()).matches("eclipse-temurin:(2[1-9]|[3-9][0-9])-jre.*");
        assertThat(image.entrypoint()).containsExactly("java", "--add-modules", "jdk.incubator.vector", "-jar", "/stoa/quarkus-run.jar");
        assertThat(image.assemble(tmp.resolve("image")).resolve("stoa/quarkus-run.jar")).isRegularFile();
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }
}
