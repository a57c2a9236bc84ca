package dev.stoa.hub.repo;

import dev.stoa.hub.identity.AccountView;
import dev.stoa.hub.identity.Caller;

import java.util.Optional;

/**
 * A rule on new repositories that may keep one from being created public (the organisation's publishing policy).
 * {@link RepoCreation} asks every rule; a repository any rule objects to is created private.
 */
public interface NewRepositoryRule {

    /** Why the repository {@code creator} creates in {@code owner}'s namespace must be private; empty when it may be public. */
    Optional<String> mustBePrivate(Caller creator, AccountView owner);
}
