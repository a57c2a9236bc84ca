package dev.stoa.hub.repo;

import java.util.List;
import java.util.Optional;

/**
 * One page of a repository listing.
 *
 * @param nextCursor an opaque value that continues the listing after this page; empty on the last page
 */
public record RepoPage(List<Entry> entries, Optional<String> nextCursor) {

    /** A listed repository with the metadata of its main branch, when that has been read yet. */
    public record Entry(RepoView repo, Optional<RepoMetadata> metadata) {
    }
}
