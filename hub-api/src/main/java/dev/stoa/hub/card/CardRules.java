package dev.stoa.hub.card;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoa.hub.repo.RepoType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The types the Hub expects of well-known card keys. A card that breaks them is refused by
 * {@code validate-yaml}; when one is committed anyway, the offending keys are left out of the derived
 * metadata (they stay in {@code cardData}).
 */
public final class CardRules {

    public static final Set<String> RELATIONS = Set.of("adapter", "merge", "quantized", "finetune");
    private static final List<String> STRINGS = List.of("license", "license_name", "license_link", "library_name",
            "pipeline_tag", "base_model_relation", "pretty_name");
    private static final List<String> STRING_LISTS = List.of("tags");
    private static final List<String> STRING_OR_LISTS = List.of("datasets", "language", "base_model", "task_categories",
            "task_ids", "size_categories", "language_creators", "annotations_creators", "multilinguality", "source_datasets");

    private CardRules() {
    }

    /** What is wrong with the card's well-known keys; empty when nothing is. */
    public static List<String> problems(ObjectNode card, RepoType type) {
        List<String> problems = new ArrayList<>();
        for (String key : STRINGS) {
            JsonNode value = card.get(key);
            if (value != null && !value.isNull() && !value.isTextual()) {
                problems.add("\"" + key + "\" must be a string, not " + describe(value) + ".");
            }
        }
        for (String key : STRING_LISTS) {
            JsonNode value = card.get(key);
            if (value != null && !value.isNull() && !isStringList(value)) {
                problems.add("\"" + key + "\" must be a list of strings (YAML '- item' lines), not " + describe(value) + ".");
            }
        }
        for (String key : STRING_OR_LISTS) {
            JsonNode value = card.get(key);
            if (value != null && !value.isNull() && !value.isTextual() && !isStringList(value)) {
                problems.add("\"" + key + "\" must be a string or a list of strings, not " + describe(value) + ".");
            }
        }
        JsonNode relation = card.get("base_model_relation");
        if (relation != null && relation.isTextual() && !RELATIONS.contains(relation.asText())) {
            problems.add("\"base_model_relation\" must be one of adapter, merge, quantized, finetune, not '" + relation.asText() + "'.");
        }
        if (relation != null && !relation.isNull() && card.get("base_model") == null) {
            problems.add("\"base_model_relation\" needs a \"base_model\" to relate to.");
        }
        JsonNode modelIndex = card.get("model-index");
        if (type == RepoType.model && modelIndex != null && !modelIndex.isNull() && !modelIndex.isArray()) {
            problems.add("\"model-index\" must be a list of models with their results, not " + describe(modelIndex) + ".");
        }
        return problems;
    }

    static boolean isStringList(JsonNode value) {
        if (!value.isArray()) {
            return false;
        }
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "a mapping";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> "'" + value.asText() + "'";
        };
    }
}
