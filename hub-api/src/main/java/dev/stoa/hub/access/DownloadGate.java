package dev.stoa.hub.access;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.RepoView;

import java.util.Optional;

/**
 * The gate of gated repositories, as {@link RepoAccess} asks it: whether an account's access request was accepted, and
 * how a download is refused to those who have not been let in. The gating feature provides it.
 */
public interface DownloadGate {

    /** Whether the account's access request to the repository was accepted (or access was granted). */
    boolean isAccepted(long repoId, long accountId);

    /** The 401/403 {@code GatedRepo} refusal for a caller who may read the repository but not download its files. */
    ApiException refusal(RepoView repo, Optional<Caller> caller);
}
