package dev.stoa.hub.repo;

import java.time.Instant;

/**
 * A repository as other features see it.
 *
 * @param id      the database id, the key of the repository's git data and blobs
 * @param repoId  its name, with the owner's name spelled as the owner spells it
 * @param ownerId the account (user or organisation) that owns it
 */
public record RepoView(long id, RepoId repoId, long ownerId, boolean isPrivate, Gating gated, boolean disabled,
                       Instant createdAt, Instant lastModified, long downloads, long likes) {

    static RepoView of(Repo repo, String ownerName) {
        return new RepoView(repo.id, new RepoId(repo.type, ownerName, repo.name), repo.ownerId, repo.isPrivate,
                repo.gated, repo.disabled, repo.createdAt, repo.lastModified, repo.downloads, repo.likes);
    }

    public RepoType type() {
        return repoId.type();
    }
}
