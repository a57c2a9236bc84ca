package dev.stoa.hub.repo;

import java.util.List;
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
 */
public record RepoQuery(RepoType type, Optional<String> search, Optional<String> author, List<String> filters,
                        Sort sort, boolean descending, int limit, Optional<String> cursor) {

    public RepoQuery {
        Objects.requireNonNull(type, "type is null");
        filters = List.copyOf(filters);
        Objects.requireNonNull(sort, "sort is null");
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
