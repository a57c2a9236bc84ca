package dev.stoa.hub.web.repo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stoa.hub.repo.RepoMetadata;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.ui.repo.Links;
import dev.stoa.ui.repo.MetaChip;
import dev.stoa.ui.repo.MetaGroup;
import dev.stoa.ui.repo.ModelTree;
import dev.stoa.ui.repo.TreeBase;
import dev.stoa.ui.repo.TreeChildren;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The card's YAML metadata as labelled chips, and the model tree, from what {@code RepoMetadataService} read. */
final class CardFacts {

    /** At most this many chips per label: a card with a thousand tags stays readable. */
    private static final int MAX_CHIPS = 40;
    private static final List<String> RELATIONS = List.of("adapter", "finetune", "merge", "quantized");

    private CardFacts() {
    }

    static List<MetaGroup> metadata(RepoType type, RepoMetadata metadata) {
        List<MetaGroup> groups = new ArrayList<>();
        if (metadata == null) {
            return groups;
        }
        String search = type == RepoType.dataset ? "/datasets" : "/models";
        JsonNode card = metadata.cardData();
        add(groups, "License", one(metadata.license()), value -> search + "?license=" + Links.query(value));
        if (type == RepoType.model) {
            add(groups, "Library", one(metadata.libraryName()), value -> search + "?library=" + Links.query(value));
            add(groups, "Task", one(metadata.pipelineTag()), value -> search + "?pipeline_tag=" + Links.query(value));
            List<MetaChip> bases = new ArrayList<>();
            for (RepoMetadata.BaseModel base : metadata.baseModels()) {
                bases.add(new MetaChip(base.id(), base.relation(), "/" + Links.path(base.id())));
            }
            if (!bases.isEmpty()) {
                groups.add(new MetaGroup(bases.size() == 1 ? "Base model" : "Base models", bases));
            }
            add(groups, "Datasets", strings(card, "datasets"), value -> "/datasets/" + Links.path(value));
        } else {
            add(groups, "Task categories", strings(card, "task_categories"), value -> search + "?filter=" + Links.query("task_categories:" + value));
            add(groups, "Size", strings(card, "size_categories"), value -> search + "?filter=" + Links.query("size_categories:" + value));
        }
        add(groups, "Languages", strings(card, "language"), value -> search + "?filter=" + Links.query(type == RepoType.dataset ? "language:" + value : value));
        add(groups, "Tags", strings(card, "tags"), value -> search + "?filter=" + Links.query(value));
        return groups;
    }

    static ModelTree tree(String repoId, RepoMetadata metadata, Map<String, Long> derived) {
        List<TreeBase> bases = metadata == null ? List.of() : metadata.baseModels().stream()
                .map(base -> new TreeBase(base.id(), base.relation(), "/" + Links.path(base.id()))).toList();
        List<TreeChildren> children = new ArrayList<>();
        for (String relation : RELATIONS) {
            long count = derived.getOrDefault(relation, 0L);
            if (count > 0) {
                children.add(new TreeChildren(relation, label(relation, count), count,
                        "/models?filter=" + Links.query("base_model:" + relation + ":" + repoId)));
            }
        }
        return new ModelTree(metadata == null ? RepoMetadata.BASE : metadata.kind(), bases, children);
    }

    private static String label(String relation, long count) {
        String one = switch (relation) {
            case "adapter" -> "adapter";
            case "finetune" -> "fine-tune";
            case "merge" -> "merge";
            default -> "quantization";
        };
        return count == 1 ? one : one + "s";
    }

    private static void add(List<MetaGroup> groups, String label, List<String> values, java.util.function.Function<String, String> url) {
        List<MetaChip> chips = values.stream().limit(MAX_CHIPS).map(value -> new MetaChip(value, null, url.apply(value))).toList();
        if (!chips.isEmpty()) {
            groups.add(new MetaGroup(label, chips));
        }
    }

    private static List<String> one(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value);
    }

    /** A YAML field that is one string or a list of strings; other shapes show nothing. */
    private static List<String> strings(JsonNode card, String field) {
        if (card == null || !card.has(field)) {
            return List.of();
        }
        JsonNode node = card.get(field);
        Set<String> values = new LinkedHashSet<>();
        if (node.isValueNode() && !node.isNull()) {
            values.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(item -> {
                if (item.isValueNode() && !item.isNull()) {
                    values.add(item.asText());
                }
            });
        }
        values.removeIf(String::isBlank);
        return List.copyOf(values);
    }
}
