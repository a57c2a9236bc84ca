package dev.stoa.hub.moderation;

import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.RepoErrors;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * The repository a moderation route names: moderators reach every repository (private ones included, to act on
 * them); everyone else by the usual reading rules, so a private repository answers like a missing one.
 */
@ApplicationScoped
class ModeratedRepos {

    private final RepoAccess access;
    private final RepoService repos;

    ModeratedRepos(RepoAccess access, RepoService repos) {
        this.access = access;
        this.repos = repos;
    }

    static RepoId id(String type, String ns, String name) {
        return new RepoId(RepoType.fromPlural(type), ns, name);
    }

    /** The repository, when the caller may see it (401 anonymous, 404 otherwise). */
    RepoView visible(RepoId id, Optional<Caller> caller) {
        if (caller.filter(Caller::isModerator).isPresent()) {
            return repos.find(id).orElseThrow(() -> RepoErrors.repoNotFound(id, false));
        }
        return access.requireReadable(id, caller);
    }

    /** The repository, when the caller is a moderator (401, 404 for what it cannot see, 403 for what it can). */
    RepoView forModerator(RepoId id, Optional<Caller> caller) {
        RepoView repo = visible(id, caller);
        requireModerator(caller).requireWrite();
        return repo;
    }

    /** The moderator calling; 401 anonymous, 403 for anyone else (changes also need {@link Caller#requireWrite}). */
    static Caller requireModerator(Optional<Caller> caller) {
        Caller who = caller.orElseThrow(() -> ApiException.unauthorized(
                "Sign in first: send Authorization: Bearer <token> with a Stoa access token."));
        if (!who.isModerator()) {
            throw ApiException.forbidden("Only moderators do this: ask a platform administrator to give you the moderator role.");
        }
        return who;
    }
}
