package dev.stoa.hub.git;

import java.util.Optional;

/**
 * A ref of a repository moved: a commit through the API or git, a new or deleted branch or tag. Written to the outbox
 * (event type {@value #TYPE}) by the ref database in the transaction of the ref's compare-and-swap itself, so no
 * committed move goes unannounced; consumers (check runs, card metadata and lineage, the audit trail) must tolerate
 * seeing the same event twice.
 *
 * @param ref       the full ref name, {@code refs/heads/main} or {@code refs/tags/v1}
 * @param oldCommit the previous target, empty for a new ref
 * @param newCommit the new target, empty for a deleted ref
 */
public record RevisionPublished(long repoId, String ref, Optional<String> oldCommit, Optional<String> newCommit) {

    public static final String TYPE = "revision.published";

    public boolean isMainBranch() {
        return "refs/heads/main".equals(ref);
    }
}
