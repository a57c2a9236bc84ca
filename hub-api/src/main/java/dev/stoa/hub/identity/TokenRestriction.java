package dev.stoa.hub.identity;

import java.util.Objects;
import java.util.Set;

/**
 * What an access token is limited to, beyond its read or write scope: listed repositories, or the
 * repositories of one organisation. Repository access decides what the limit means for each action.
 */
public sealed interface TokenRestriction {

    /** Only these repositories (by database id); a deleted repository simply drops out of the set. */
    record Repositories(Set<Long> repositoryIds) implements TokenRestriction {
        public Repositories {
            repositoryIds = Set.copyOf(repositoryIds);
        }
    }

    /** Only the repositories owned by this organisation. */
    record Organization(long organizationId, String organizationName) implements TokenRestriction {
        public Organization {
            Objects.requireNonNull(organizationName, "organizationName is null");
        }
    }
}
