package dev.stoa.hub.web;

import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;

/** Path templates the portal's routes share. */
public final class PortalPaths {

    /**
     * A repository's pages, models and datasets alike: {@code /{ns}/{name}/...} or {@code /datasets/{ns}/{name}/...}
     * ({@link RepoType#ROUTE}): {@code /datasets/ns/name/settings} is a dataset's page, and {@code /static/x} a file.
     */
    public static final String REPO = RepoType.ROUTE;

    /** The repository type a {@link #REPO} route matched. */
    public static RepoType type(String kind) {
        return RepoType.ofRoute(kind);
    }

    /** A repository's page: {@code /ns/name} or {@code /datasets/ns/name}; {@code id} is {@code ns/name}. */
    public static String page(RepoType type, String id) {
        return "/" + type.urlPrefix() + id;
    }

    public static String page(RepoId id) {
        return page(id.type(), id.id());
    }

    public static String page(RepoView repo) {
        return page(repo.repoId());
    }

    private PortalPaths() {
    }
}
