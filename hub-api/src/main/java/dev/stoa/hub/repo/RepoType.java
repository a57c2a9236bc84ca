package dev.stoa.hub.repo;

import dev.stoa.hub.error.ApiException;

import java.util.Locale;

/** What a repository holds. Spaces are not hosted by Stoa. */
public enum RepoType {
    model("models", ""),
    dataset("datasets", "datasets/");

    /**
     * A repository in a route's path template, models and datasets alike: {@code {ns}/{name}} or
     * {@code datasets/{ns}/{name}}, told apart by {@link #ofRoute(String)} of the {@code kind} parameter. The namespace
     * never names what Stoa serves under its own first segments ({@code datasets}, {@code static}, {@code webjars},
     * {@code api}, {@code q}, {@code v1}): these names are reserved, so no account holds them.
     */
    public static final String ROUTE = "{kind: (?:datasets/)?}{ns: (?!(?:datasets|static|webjars|api|q|v1)(?:/|$))[^/]+}/{name}";

    private final String plural;
    private final String urlPrefix;

    RepoType(String plural, String urlPrefix) {
        this.plural = plural;
        this.urlPrefix = urlPrefix;
    }

    /** The API path segment: {@code models}, {@code datasets}. */
    public String plural() {
        return plural;
    }

    /** What precedes {@code ns/name} in web and git URLs: nothing for models, {@code datasets/} for datasets. */
    public String urlPrefix() {
        return urlPrefix;
    }

    /** The repository type a {@link #ROUTE} matched, from its {@code kind} parameter. */
    public static RepoType ofRoute(String kind) {
        return kind == null || kind.isEmpty() ? model : dataset;
    }

    /** The type named in a request body ({@code model}, {@code dataset}; null means model). */
    public static RepoType fromSingular(String field, String value) {
        if (value == null || value.isBlank()) {
            return model;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "model" -> model;
            case "dataset" -> dataset;
            case "space" -> throw ApiException.invalidField(field, "Stoa hosts models and datasets, not spaces.");
            default -> throw ApiException.invalidField(field, "'" + value + "' is not a repository type; use 'model' or 'dataset'.");
        };
    }

    /** The type named by an API path segment ({@code models}, {@code datasets}). */
    public static RepoType fromPlural(String segment) {
        for (RepoType type : values()) {
            if (type.plural.equals(segment)) {
                return type;
            }
        }
        throw ApiException.notFound("RepoNotFound", "There is no repository type '" + segment + "'; use models or datasets.");
    }
}
