package dev.stoa.hub.access;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.AccountView;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.identity.TokenRestriction;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.RepoView;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * What a restricted access token may reach: a token limited to repositories acts on those only, one limited
 * to an organisation on that organisation's repositories only. Public repositories stay readable by anyone;
 * {@link RepoAccess} combines this with the account's own rights.
 */
@ApplicationScoped
class TokenLimits {

    private final RepoService repos;

    TokenLimits(RepoService repos) {
        this.repos = repos;
    }

    /** Whether the caller's token (if restricted) covers this repository. */
    boolean covers(Caller caller, RepoView repo) {
        return switch (caller.restriction().orElse(null)) {
            case TokenRestriction.Repositories limited -> limited.repositoryIds().contains(repo.id());
            case TokenRestriction.Organization org -> org.organizationId() == repo.ownerId();
            case null -> true;
        };
    }

    /** Whether the caller's token (if restricted) may create repositories in the namespace {@code ownerId}. */
    boolean coversNamespace(Caller caller, long ownerId) {
        return switch (caller.restriction().orElse(null)) {
            case TokenRestriction.Repositories ignored -> false;
            case TokenRestriction.Organization org -> org.organizationId() == ownerId;
            case null -> true;
        };
    }

    void requireCovers(Caller caller, RepoView repo) {
        if (!covers(caller, repo)) {
            throw ApiException.forbidden("This token may not write to " + repo.repoId() + ": it is limited to "
                    + describe(caller) + ". Use a token that covers " + repo.repoId() + ".");
        }
    }

    void requireCoversNamespace(Caller caller, AccountView owner) {
        if (!coversNamespace(caller, owner.id())) {
            throw ApiException.forbidden("This token may not create repositories in '" + owner.name() + "': it is limited to "
                    + describe(caller) + (caller.restriction().get() instanceof TokenRestriction.Repositories
                    ? ", and a token limited to repositories never creates any" : "") + ".");
        }
    }

    private String describe(Caller caller) {
        return switch (caller.restriction().orElseThrow()) {
            case TokenRestriction.Repositories limited -> {
                List<String> names = limited.repositoryIds().stream().sorted()
                        .flatMap(id -> repos.findById(id).map(r -> r.repoId().urlPath()).stream())
                        .toList();
                yield names.isEmpty() ? "repositories that no longer exist" : "the repositories " + String.join(", ", names);
            }
            case TokenRestriction.Organization org -> "the organisation " + org.organizationName();
        };
    }
}
