package dev.stoa.hub.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoa.hub.card.SafetensorsHeader;
import dev.stoa.hub.check.RevisionViews;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.spi.Revision;
import dev.stoa.spi.RevisionFile;
import dev.stoa.spi.inference.ModelFacts;
import dev.stoa.spi.inference.ModelRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What runners decide admission from, read from a revision's {@code config.json}, {@code adapter_config.json} and
 * safetensors headers (ranged reads of the headers only, never the weights). Facts of a commit never change, so
 * they are kept for the most recently asked commits.
 */
@ApplicationScoped
public class ModelFactsReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KEPT = 512;

    private final RevisionViews views;
    private final KeptAnswers<String, ModelFacts> kept = new KeptAnswers<>(KEPT);

    public ModelFactsReader(RevisionViews views) {
        this.views = views;
    }

    /** The facts of the repository at {@code commit}. */
    public ModelFacts read(RepoView repo, String commit) throws IOException {
        return kept.get(repo.id() + "@" + commit, key -> read(views.of(repo, commit)));
    }

    /** The revision view a runner reads the weights through. */
    public Revision revision(RepoView repo, String commit) {
        return views.of(repo, commit);
    }

    @SuppressWarnings("unchecked")
    private static ModelFacts read(Revision revision) throws IOException {
        List<String> files = new ArrayList<>();
        Set<String> dtypes = new TreeSet<>();
        List<String> tensorNames = new ArrayList<>();
        long parameters = 0;
        long bytes = 0;
        for (RevisionFile file : revision.files()) {
            files.add(file.path());
            if (!file.path().endsWith(".safetensors")) {
                continue;
            }
            bytes += file.size();
            for (Map.Entry<String, SafetensorsHeader.Tensor> t : header(revision, file.path()).entrySet()) {
                dtypes.add(t.getValue().dtype());
                parameters += t.getValue().elements();
                tensorNames.add(t.getKey());
            }
        }
        Map<String, Object> config = files.contains("config.json")
                ? JSON.convertValue(json(revision, "config.json"), Map.class) : Map.of();
        Optional<ModelFacts.AdapterFacts> adapter = Optional.empty();
        if (files.contains("adapter_config.json")) {
            JsonNode a = json(revision, "adapter_config.json");
            adapter = Optional.of(new ModelFacts.AdapterFacts(a.path("base_model_name_or_path").asText(""),
                    a.path("r").asInt(0), a.path("lora_alpha").asDouble(0), strings(a.path("target_modules")),
                    strings(a.path("modules_to_save")), tensorNames.stream().filter(n -> !n.contains("lora_")).toList()));
        }
        JsonNode architectures = JSON.valueToTree(config.getOrDefault("architectures", List.of()));
        return new ModelFacts(new ModelRef(revision.repository(), revision.commit()),
                architectures.isArray() && !architectures.isEmpty() ? architectures.get(0).asText() : "",
                String.valueOf(config.getOrDefault("model_type", "")), dtypes, parameters, bytes, config, files, adapter);
    }

    /** The header alone: the stream stops being read (and is closed) once the header is parsed, as for model_info. */
    private static Map<String, SafetensorsHeader.Tensor> header(Revision revision, String path) throws IOException {
        try (InputStream in = revision.openRange(path, 0, 8 + SafetensorsHeader.MAX_HEADER_BYTES)) {
            return SafetensorsHeader.tensors(in);
        }
    }

    private static JsonNode json(Revision revision, String path) throws IOException {
        try (InputStream in = revision.open(path)) {
            return JSON.readTree(in);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(path + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static List<String> strings(JsonNode node) {
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }
}
