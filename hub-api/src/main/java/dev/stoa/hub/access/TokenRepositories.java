package dev.stoa.hub.access;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.identity.token.RestrictableRepositories;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.RepoType;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Resolves the repositories a new access token is limited to: they must exist and be readable by its creator. */
@ApplicationScoped
class TokenRepositories implements RestrictableRepositories {

    private final RepoService repos;
    private final RepoAccess access;

    TokenRepositories(RepoService repos, RepoAccess access) {
        this.repos = repos;
        this.access = access;
    }

    @Override
    public long readableRepositoryId(Caller creator, String reference) {
        RepoId id = parse(reference);
        try {
            return access.requireReadable(id, Optional.of(creator)).id();
        } catch (ApiException e) {
            throw ApiException.notFound("RepoNotFound", "Cannot limit the token to " + id
                    + ": there is no such repository that you may read.");
        }
    }

    @Override
    public Map<Long, String> names(Collection<Long> repositoryIds) {
        Map<Long, String> names = new LinkedHashMap<>();
        for (long id : repositoryIds) {
            repos.findById(id).ifPresent(repo -> names.put(id, repo.repoId().urlPath()));
        }
        return names;
    }

    /** {@code ns/name} (a model), {@code models/ns/name} or {@code datasets/ns/name}. */
    private static RepoId parse(String reference) {
        String text = reference == null ? "" : reference.strip();
        for (RepoType type : RepoType.values()) {
            if (text.startsWith(type.plural() + "/") && text.chars().filter(c -> c == '/').count() == 2) {
                return RepoId.parse(type, "repositories", text.substring(type.plural().length() + 1));
            }
        }
        return RepoId.parse(RepoType.model, "repositories", text);
    }
}
