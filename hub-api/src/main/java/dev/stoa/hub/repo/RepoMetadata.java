package dev.stoa.hub.repo;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Objects;

/**
 * What a repository's files say about it at one commit: the README front matter, the Hub-style tags derived
 * from it, the model tree (which models it derives from, and how) and the safetensors parameter counts.
 *
 * @param commit      the commit it was read from (40 hex)
 * @param cardData    the README front matter as JSON; null when there is none or it is not valid YAML
 * @param kind        {@code base}, or the relation to its base models: adapter, merge, quantized, finetune
 * @param safetensors {@code {"parameters":{dtype:n},"total":n}}; null when no safetensors file could be read
 */
public record RepoMetadata(String commit, JsonNode cardData, String libraryName, String pipelineTag, String license,
                           List<String> tags, String kind, List<BaseModel> baseModels, JsonNode safetensors) {

    public static final String BASE = "base";

    public RepoMetadata {
        Objects.requireNonNull(commit, "commit is null");
        tags = List.copyOf(tags);
        baseModels = List.copyOf(baseModels);
        Objects.requireNonNull(kind, "kind is null");
    }

    /**
     * One edge of the model tree.
     *
     * @param id       the base model's repository id ({@code ns/name}), which need not be hosted here
     * @param relation adapter, merge, quantized or finetune
     */
    public record BaseModel(String id, String relation) {
        public BaseModel {
            Objects.requireNonNull(id, "id is null");
            Objects.requireNonNull(relation, "relation is null");
        }
    }
}
