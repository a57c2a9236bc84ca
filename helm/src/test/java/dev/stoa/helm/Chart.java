package dev.stoa.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Stoa's chart driven through Helm itself (helm-java): lint, template, and the rendered objects typed. */
final class Chart {

    static final String RELEASE = "hub";
    static final String NAMESPACE = "ml";
    /** A Kubernetes release the chart supports (the oldest is 1.27, its kubeVersion). */
    static final String KUBE_VERSION = "1.31.0";
    static final Path REPO_ROOT = Path.of(System.getProperty("test.repo.root", "..")).toAbsolutePath().normalize();
    static final Path DIR = REPO_ROOT.resolve("helm/stoa");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

    private Chart() {
    }

    /** The chart's {@code ci/<name>-values.yaml} files, by name. */
    static List<String> ciValues() {
        try (Stream<Path> files = Files.list(DIR.resolve("ci"))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith("-values.yaml"))
                    .map(n -> n.substring(0, n.length() - "-values.yaml".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path ciValuesFile(String name) {
        return DIR.resolve("ci/" + name + "-values.yaml");
    }

    /** {@code helm template hub helm/stoa -n ml -f ci/<name>-values.yaml --set k=v ...}. */
    static String template(String ciValues, Map<String, Object> set) {
        TemplateCommand command = new Helm(DIR).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        if (ciValues != null) {
            command.withValuesFile(ciValuesFile(ciValues));
        }
        set.forEach(command::set);
        return command.call();
    }

    /** What {@code helm install --dry-run=client -f ci/<name>-values.yaml} prints, the chart's notes included. */
    static String installOutput(String ciValues, Map<String, Object> set) {
        InstallCommand command = new Helm(DIR).install().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION).dryRun().clientOnly().withValuesFile(ciValuesFile(ciValues));
        set.forEach(command::set);
        return command.call().getOutput();
    }

    /** The rendered manifests of {@code ci/<name>-values.yaml}, typed. */
    static Rendered render(String ciValues) {
        return render(ciValues, Map.of());
    }

    static Rendered render(String ciValues, Map<String, Object> set) {
        return new Rendered(parse(template(ciValues, set)));
    }

    /**
     * {@code helm lint -f ci/<name>-values.yaml}: helm-java's lint reads only the chart's own values.yaml,
     * so the chart is linted as a copy whose values.yaml is the chart's merged with the CI file.
     */
    static LintResult lint(String ciValues, Path workDir) {
        try {
            Path copy = workDir.resolve("stoa");
            copyTree(DIR, copy);
            JsonNode merged = merge(YAML.readTree(DIR.resolve("values.yaml").toFile()), YAML.readTree(ciValuesFile(ciValues).toFile()));
            YAML.writeValue(copy.resolve("values.yaml").toFile(), merged);
            return new Helm(copy).lint().strict().call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<HasMetadata> parse(String manifests) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : manifests.split("(?m)^---\\s*$")) {
            if (document.lines().allMatch(line -> line.isBlank() || line.startsWith("#"))) {
                continue;
            }
            objects.add(KUBERNETES.unmarshal(document, HasMetadata.class));
        }
        return objects;
    }

    private static JsonNode merge(JsonNode base, JsonNode override) {
        if (!(base instanceof ObjectNode target) || !override.isObject()) {
            return override;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = override.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = target.get(field.getKey());
            target.set(field.getKey(), existing == null ? field.getValue() : merge(existing, field.getValue()));
        }
        return target;
    }

    /** Copies a folder with everything in it. */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }
}
