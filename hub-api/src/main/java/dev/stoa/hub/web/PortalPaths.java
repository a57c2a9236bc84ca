package dev.stoa.hub.web;

import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;

/** Path templates the portal's routes share. */
public final class PortalPaths {

    /**
     * A repository's pages, models and datasets alike: {@code /{ns}/{name}/...} or {@code /datasets/{ns}/{name}/...},
     * told apart by {@link #type(String)} of the {@code kind} parameter. The namespace never names what the portal
     * serves under its own first segments: {@code /datasets/ns/name/settings} is a dataset's page, and
     * {@code /static/x} a file. These names are reserved, so no account can hold them.
     */
    public static final String REPO = "{kind: (?:datasets/)?}{ns: (?!(?:datasets|static|webjars|api|q)(?:/|$))[^/]+}/{name}";

    /** The repository type a {@link #REPO} route matched. */
    public static RepoType type(String kind) {
        return kind == null || kind.isEmpty() ? RepoType.model : RepoType.dataset;
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
