package dev.stoa.hub.repo;

import java.util.Optional;

/**
 * A ref of a repository moved: a commit through the API or git, a new or deleted branch or tag. Fired as a
 * CDI event after the ref's compare-and-swap succeeded; observers (card metadata, lineage, later check runs)
 * must tolerate seeing the same event twice.
 *
 * @param ref       the full ref name, {@code refs/heads/main} or {@code refs/tags/v1}
 * @param oldCommit the previous target, empty for a new ref
 * @param newCommit the new target, empty for a deleted ref
 */
public record RevisionPublished(long repoId, String ref, Optional<String> oldCommit, Optional<String> newCommit) {

    public boolean isMainBranch() {
        return "refs/heads/main".equals(ref);
    }
}
