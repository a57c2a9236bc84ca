package dev.stoa.hub.web;

import dev.stoa.hub.repo.RepoType;

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

    private PortalPaths() {
    }
}
