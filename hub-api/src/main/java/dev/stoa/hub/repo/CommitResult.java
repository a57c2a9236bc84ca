package dev.stoa.hub.repo;

import java.util.Optional;

/**
 * A commit that is now on its branch.
 *
 * @param ref           the full ref that moved
 * @param pullRequestId the number of the pull request opened for it, if one was
 */
public record CommitResult(String commitOid, String ref, Optional<Integer> pullRequestId) {
}
