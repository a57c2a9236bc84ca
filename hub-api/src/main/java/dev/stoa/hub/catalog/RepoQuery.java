package dev.stoa.hub.catalog;

import dev.stoa.hub.repo.RepoPage;
import dev.stoa.hub.repo.RepoType;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A search of repositories, as {@code GET /api/models} and {@code /api/datasets} take it.
 *
 * @param search     a substring of {@code ns/name}, compared case-insensitively
 * @param author     the owning namespace
 * @param filters    tags every result must carry; {@code base_model:<id>} and {@code base_model:<relation>:<id>}
 *                   are answered from the model tree, case-insensitively
 * @param limit      the page size
 * @param cursor     where the previous page ended, as {@link RepoPage#nextCursor()} gave it
 * @param facets     the portal's search facets: one value each, matched against the stored metadata columns
 *                   (see {@link Facet}); empty for the API
 */
public record RepoQuery(RepoType type, Optional<String> search, Optional<String> author, List<String> filters,
                        Sort sort, boolean descending, int limit, Optional<String> cursor, Map<Facet, String> facets) {

    /** The filter that keeps repositories with an approved curation request ({@code curated=true}). */
    public static final String CURATED = "stoa:curated";

    public RepoQuery {
        Objects.requireNonNull(type, "type is null");
        filters = List.copyOf(filters);
        Objects.requireNonNull(sort, "sort is null");
        facets = facets.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(facets));
    }

    /** A query without facets, as the API asks. */
    public RepoQuery(RepoType type, Optional<String> search, Optional<String> author, List<String> filters,
                     Sort sort, boolean descending, int limit, Optional<String> cursor) {
        this(type, search, author, filters, sort, descending, limit, cursor, Map.of());
    }

    /** This query without the facet {@code facet}: counting a facet's values ignores its own selection. */
    public RepoQuery without(Facet facet) {
        Map<Facet, String> rest = new EnumMap<>(Facet.class);
        rest.putAll(facets);
        rest.remove(facet);
        return new RepoQuery(type, search, author, filters, sort, descending, limit, cursor, rest);
    }

    /**
     * What the portal's search narrows by, each from the main branch's stored metadata: the kind (base, adapter,
     * merge, quantized, finetune), the library, the task ({@code pipeline_tag}), the licence and a base model of
     * the model tree (any relation, case-insensitive).
     */
    public enum Facet {
        kind("r.kind"),
        library("r.library_name"),
        task("r.pipeline_tag"),
        license("r.license"),
        base_model(null);

        /** The column holding the facet's value; null for the base model, which lives in the model tree. */
        final String column;

        Facet(String column) {
            this.column = column;
        }
    }

    /** The orders a listing can take; ties are broken by the repository's id, so pages never overlap. */
    public enum Sort {
        createdAt("created_at", true),
        lastModified("last_modified", true),
        downloads("downloads", false),
        likes("likes", false);

        final String column;
        final boolean isTime;

        Sort(String column, boolean isTime) {
            this.column = column;
            this.isTime = isTime;
        }
    }
}
