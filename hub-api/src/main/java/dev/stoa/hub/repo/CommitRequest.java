package dev.stoa.hub.repo;

import java.util.List;
import java.util.Optional;

/**
 * A commit to make: its changes, message and, optionally, the commit the writer based it on.
 *
 * @param revision     the branch to commit to: {@code main}, {@code refs/heads/main} or a pull request's
 *                     {@code refs/pr/1}
 * @param parentCommit when present the commit is refused (412) unless the branch's head is still this commit;
 *                     when absent the changes are applied onto whatever the head is when the ref moves
 * @param createPr     open a pull request: commit onto a new {@code refs/pr/N} branched from {@code revision}
 */
public record CommitRequest(String revision, Optional<String> parentCommit, String summary, String description,
                            List<FileOperation> operations, boolean createPr) {

    public CommitRequest {
        operations = List.copyOf(operations);
    }
}
