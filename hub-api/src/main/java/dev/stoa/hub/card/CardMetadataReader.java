package dev.stoa.hub.card;

import dev.stoa.hub.blob.Blobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoa.hub.git.LfsPointer;
import dev.stoa.hub.repo.RepoMetadata;
import dev.stoa.hub.repo.RepoType;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads what a commit's files say about a repository, as the Hub does: the README's front matter, a PEFT
 * {@code adapter_config.json}, and the headers of {@code *.safetensors} files.
 *
 * <p>The model tree: the card's {@code base_model} (a string or a list) names the bases; without it, an
 * adapter's {@code base_model_name_or_path}. The relation is the card's {@code base_model_relation} when set,
 * otherwise inferred like the Hub: {@code adapter} when there is an {@code adapter_config.json},
 * {@code merge} for several bases, {@code quantized} when there are GGUF files, else {@code finetune}.
 */
@ApplicationScoped
public class CardMetadataReader {

    private static final Logger LOG = Logger.getLogger(CardMetadataReader.class);
    private static final int MAX_CARD_BYTES = 1024 * 1024;
    private static final int MAX_SAFETENSORS_FILES = 1000;
    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)?");

    private final ObjectMapper json;
    private final Blobs lfs;

    public CardMetadataReader(ObjectMapper json, Blobs lfs) {
        this.json = json;
        this.lfs = lfs;
    }

    /** The metadata of {@code commit}; never fails on a broken card, config or weights file: those are skipped. */
    public RepoMetadata read(long repoId, Repository repository, RevCommit commit, RepoType type) {
        try (ObjectReader reader = repository.newObjectReader(); TreeWalk walk = new TreeWalk(repository, reader)) {
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            ObjectId readme = null;
            ObjectId adapterConfig = null;
            boolean gguf = false;
            List<ObjectId> safetensors = new ArrayList<>();
            while (walk.next()) {
                String path = walk.getPathString();
                String lower = path.toLowerCase(Locale.ROOT);
                if (path.equals("README.md")) {
                    readme = walk.getObjectId(0);
                } else if (path.equals("adapter_config.json")) {
                    adapterConfig = walk.getObjectId(0);
                } else if (lower.endsWith(".safetensors") && safetensors.size() < MAX_SAFETENSORS_FILES) {
                    safetensors.add(walk.getObjectId(0));
                } else if (lower.endsWith(".gguf")) {
                    gguf = true;
                }
            }
            ObjectNode card = readme == null ? null : card(reader, readme);
            Optional<String> adapterBase = adapterConfig == null ? Optional.empty() : adapterBase(reader, adapterConfig);
            return build(commit.name(), type, card, adapterConfig != null, adapterBase, gguf, !safetensors.isEmpty(),
                    parameterCounts(repoId, reader, safetensors));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RepoMetadata build(String commit, RepoType type, ObjectNode card, boolean isAdapter, Optional<String> adapterBase,
                               boolean gguf, boolean hasSafetensors, JsonNode safetensors) {
        ObjectNode fields = card == null ? json.createObjectNode() : card;
        Set<String> broken = new LinkedHashSet<>();
        for (String problem : CardRules.problems(fields, type)) {
            broken.add(problem.substring(1, problem.indexOf('"', 1)));
        }
        String license = text(fields, "license", broken);
        String library = text(fields, "library_name", broken);
        if (library == null && isAdapter && type == RepoType.model) {
            library = "peft";
        }
        String pipeline = text(fields, "pipeline_tag", broken);

        List<String> bases = strings(fields, "base_model", broken).stream().filter(CardMetadataReader::isModelId).distinct().toList();
        if (bases.isEmpty() && adapterBase.isPresent()) {
            bases = List.of(adapterBase.get());
        }
        String relation = text(fields, "base_model_relation", broken);
        if (relation == null) {
            relation = isAdapter ? "adapter" : bases.size() > 1 ? "merge" : gguf ? "quantized" : "finetune";
        }
        String kind = bases.isEmpty() || type != RepoType.model ? RepoMetadata.BASE : relation;
        String finalRelation = relation;
        List<RepoMetadata.BaseModel> lineage = type != RepoType.model ? List.of()
                : bases.stream().map(base -> new RepoMetadata.BaseModel(base, finalRelation)).toList();

        Set<String> tags = new LinkedHashSet<>();
        if (type == RepoType.model) {
            addIf(tags, library);
            tags.addAll(strings(fields, "tags", broken));
            if (hasSafetensors) {
                tags.add("safetensors");
            }
            if (gguf) {
                tags.add("gguf");
            }
            addIf(tags, pipeline);
            strings(fields, "datasets", broken).forEach(dataset -> tags.add("dataset:" + dataset));
            tags.addAll(strings(fields, "language", broken));
            for (RepoMetadata.BaseModel base : lineage) {
                tags.add("base_model:" + base.id());
                tags.add("base_model:" + base.relation() + ":" + base.id());
            }
        } else {
            tags.addAll(strings(fields, "tags", broken));
            for (String key : List.of("task_categories", "task_ids", "language", "size_categories")) {
                strings(fields, key, broken).forEach(value -> tags.add(key + ":" + value));
            }
        }
        if (license != null) {
            tags.add("license:" + license);
        }
        tags.removeIf(tag -> tag.isBlank() || tag.length() > 300);
        return new RepoMetadata(commit, card, library, pipeline, license, List.copyOf(tags), kind, lineage, safetensors);
    }

    private ObjectNode card(ObjectReader reader, ObjectId readme) throws IOException {
        Optional<byte[]> bytes = smallBlob(reader, readme);
        if (bytes.isEmpty() || LfsPointer.parse(bytes.get()).isPresent()) {
            return null;
        }
        try {
            return FrontMatter.parse(new String(bytes.get(), StandardCharsets.UTF_8));
        } catch (FrontMatter.InvalidFrontMatter e) {
            return null;
        }
    }

    private Optional<String> adapterBase(ObjectReader reader, ObjectId config) throws IOException {
        Optional<byte[]> bytes = smallBlob(reader, config);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode base = json.readTree(bytes.get()).path("base_model_name_or_path");
            return base.isTextual() && isModelId(base.asText()) ? Optional.of(base.asText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code {"parameters": {dtype: n}, "total": n}} over every readable safetensors file; null when none was. */
    private JsonNode parameterCounts(long repoId, ObjectReader reader, List<ObjectId> files) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        boolean anyRead = false;
        for (ObjectId file : files) {
            try (InputStream in = open(repoId, reader, file)) {
                if (in == null) {
                    continue;
                }
                SafetensorsHeader.parameterCounts(in).forEach((dtype, n) -> counts.merge(dtype, n, Math::addExact));
                anyRead = true;
            } catch (SafetensorsHeader.InvalidSafetensors | ArithmeticException e) {
                LOG.debugf("Skipping an unreadable safetensors file %s: %s", file.name(), e.getMessage());
            }
        }
        if (!anyRead) {
            return null;
        }
        ObjectNode result = json.createObjectNode();
        ObjectNode parameters = result.putObject("parameters");
        counts.forEach(parameters::put);
        result.put("total", counts.values().stream().mapToLong(Long::longValue).sum());
        return result;
    }

    /** The file's content: from git, or from the blob store when git holds an LFS pointer; null when unavailable. */
    private InputStream open(long repoId, ObjectReader reader, ObjectId blob) throws IOException {
        long size = reader.getObjectSize(blob, Constants.OBJ_BLOB);
        if (size <= LfsPointer.MAX_POINTER_BYTES) {
            byte[] bytes = reader.open(blob, Constants.OBJ_BLOB).getCachedBytes(LfsPointer.MAX_POINTER_BYTES);
            Optional<LfsPointer> pointer = LfsPointer.parse(bytes);
            if (pointer.isPresent()) {
                return lfs.openHead(repoId, pointer.get().sha256(), 8 + SafetensorsHeader.MAX_HEADER_BYTES).orElse(null);
            }
            return new java.io.ByteArrayInputStream(bytes);
        }
        return reader.open(blob, Constants.OBJ_BLOB).openStream();
    }

    private static Optional<byte[]> smallBlob(ObjectReader reader, ObjectId blob) throws IOException {
        long size = reader.getObjectSize(blob, Constants.OBJ_BLOB);
        if (size > MAX_CARD_BYTES) {
            try (InputStream in = reader.open(blob, Constants.OBJ_BLOB).openStream()) {
                return Optional.of(in.readNBytes(MAX_CARD_BYTES));
            }
        }
        return Optional.of(reader.open(blob, Constants.OBJ_BLOB).getCachedBytes(MAX_CARD_BYTES));
    }

    private static String text(ObjectNode card, String key, Set<String> broken) {
        JsonNode value = card.get(key);
        return value != null && value.isTextual() && !broken.contains(key) && !value.asText().isBlank() ? value.asText().strip() : null;
    }

    private static List<String> strings(ObjectNode card, String key, Set<String> broken) {
        JsonNode value = card.get(key);
        if (value == null || broken.contains(key)) {
            return List.of();
        }
        if (value.isTextual()) {
            return value.asText().isBlank() ? List.of() : List.of(value.asText().strip());
        }
        List<String> values = new ArrayList<>();
        value.forEach(item -> {
            if (item.isTextual() && !item.asText().isBlank()) {
                values.add(item.asText().strip());
            }
        });
        return values;
    }

    private static void addIf(Set<String> tags, String tag) {
        if (tag != null) {
            tags.add(tag);
        }
    }

    private static boolean isModelId(String id) {
        return id.length() <= 200 && MODEL_ID.matcher(id).matches() && !id.contains("..");
    }
}
