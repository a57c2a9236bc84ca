package dev.stoa.hub.identity.token;

import dev.stoa.hub.identity.Caller;

import java.util.Collection;
import java.util.Map;

/**
 * The repositories a token may be limited to. Implemented by the repository feature, so that tokens can
 * name repositories without this package depending on it.
 */
public interface RestrictableRepositories {

    /**
     * The id of the repository {@code reference} names ({@code ns/name}, {@code models/ns/name} or
     * {@code datasets/ns/name}), when {@code creator} may read it.
     *
     * @throws dev.stoa.hub.error.ApiException 400 for a malformed reference, 404 for a repository that is
     *                                         missing or that the creator may not see
     */
    long readableRepositoryId(Caller creator, String reference);

    /** The names ({@code ns/name} or {@code datasets/ns/name}) of the repositories that still exist, by id. */
    Map<Long, String> names(Collection<Long> repositoryIds);
}
