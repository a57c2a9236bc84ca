package dev.stoa.hub.hf;

import dev.stoa.hub.repo.RepoMetadata;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The JSON of a model or dataset in the info and list routes, field by field, and which fields a request
 * asked for: all the defaults, or with {@code expand=} only the named ones (unknown names are ignored, as the
 * Hub does; {@code id} and {@code _id} always come).
 */
final class RepoInfoFields {

    static final Set<String> EXPANDABLE = Set.of("author", "cardData", "createdAt", "disabled", "downloads",
            "downloadsAllTime", "gated", "lastModified", "library_name", "likes", "pipeline_tag", "private",
            "safetensors", "sha", "siblings", "tags", "trendingScore", "curated");
    static final Set<String> INFO = Set.of("author", "sha", "lastModified", "createdAt", "private", "gated", "disabled",
            "downloads", "likes", "library_name", "pipeline_tag", "tags", "cardData", "safetensors", "siblings", "curated");
    static final Set<String> LIST = Set.of("author", "createdAt", "lastModified", "private", "gated", "disabled",
            "downloads", "likes", "trendingScore", "library_name", "pipeline_tag", "tags");

    private RepoInfoFields() {
    }

    /** The fields to write: the named known ones, or {@code defaults} when none is named. */
    static Set<String> select(Collection<String> expand, Set<String> defaults) {
        Set<String> named = new LinkedHashSet<>();
        for (String value : expand) {
            for (String field : value.split(",")) {
                if (EXPANDABLE.contains(field.strip())) {
                    named.add(field.strip());
                }
            }
        }
        return named.isEmpty() ? defaults : named;
    }

    /** The parts of the body that need git; read only when a selected field needs them. */
    record GitFields(String sha, Supplier<List<RepoFiles.Sibling>> siblings) {
        static GitFields of(Repository repository, RevCommit commit, boolean blobs) {
            return new GitFields(commit.name(), () -> RepoFiles.siblings(repository, commit, blobs));
        }
    }

    static Map<String, Object> write(RepoView repo, RepoMetadata metadata, GitFields git, Set<String> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("_id", String.format("%024x", repo.id()));
        body.put("id", repo.repoId().id());
        if (repo.type() == RepoType.model) {
            body.put("modelId", repo.repoId().id());
        }
        for (String field : ORDER) {
            if (fields.contains(field)) {
                Object value = value(field, repo, metadata, git);
                if (value != null) {
                    body.put(field, value);
                }
            }
        }
        return body;
    }

    private static final List<String> ORDER = List.of("author", "sha", "lastModified", "createdAt", "private", "gated",
            "disabled", "downloads", "downloadsAllTime", "likes", "trendingScore", "library_name", "pipeline_tag", "tags",
            "cardData", "safetensors", "siblings");

    private static Object value(String field, RepoView repo, RepoMetadata metadata, GitFields git) {
        boolean model = repo.type() == RepoType.model;
        return switch (field) {
            case "author" -> repo.repoId().namespace();
            case "sha" -> git == null ? null : git.sha();
            case "lastModified" -> repo.lastModified();
            case "createdAt" -> repo.createdAt();
            case "private" -> repo.isPrivate();
            case "gated" -> switch (repo.gated()) {
                case off -> false;
                case auto -> "auto";
                case manual -> "manual";
            };
            case "disabled" -> repo.disabled();
            case "downloads", "downloadsAllTime" -> repo.downloads();
            case "likes" -> repo.likes();
            case "trendingScore" -> 0;
            case "library_name" -> model && metadata != null ? metadata.libraryName() : null;
            case "pipeline_tag" -> model && metadata != null ? metadata.pipelineTag() : null;
            case "tags" -> metadata == null ? List.of() : metadata.tags();
            case "cardData" -> metadata == null ? null : metadata.cardData();
            case "safetensors" -> model && metadata != null ? metadata.safetensors() : null;
            case "siblings" -> git == null ? null : git.siblings().get();
            default -> null;
        };
    }
}
