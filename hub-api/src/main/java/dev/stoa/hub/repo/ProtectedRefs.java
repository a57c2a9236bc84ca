package dev.stoa.hub.repo;

import java.util.Optional;

/**
 * Refs nobody may create, move or delete through the ordinary write routes (the tag and branch API, commits,
 * git push): the tags of approved curation requests and the names reserved for them. Asked by {@link RefService},
 * {@link CommitService} and git's push rules; implemented by the curation feature.
 */
public interface ProtectedRefs {

    /**
     * Why {@code ref} (a full ref, {@code refs/tags/x} or {@code refs/heads/x}) of the repository with database id
     * {@code repoId} may not be created, moved or deleted by a user; empty when it may.
     */
    Optional<String> refusal(long repoId, String ref);
}
