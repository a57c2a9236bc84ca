package dev.stoa.hub.web.browse;

import dev.stoa.hub.catalog.RepoQuery;
import dev.stoa.hub.catalog.RepoQuery.Facet;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.ui.browse.SearchView;
import jakarta.ws.rs.core.MultivaluedMap;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * What a search page was asked for, and the links that change one thing about it. The query parameters follow
 * the Hub's pages where they have one ({@code search}, {@code sort}, {@code library}, {@code pipeline_tag},
 * {@code license}, {@code other}/{@code filter}, {@code author}); the rest are Stoa's ({@code kind},
 * {@code base_model}, {@code tag}).
 */
record SearchParams(RepoType type, String search, String sort, Map<Facet, String> facets, List<String> tags,
                    List<String> filters, String author) {

    static final int MAX_VALUE_LENGTH = 300;

    static SearchParams of(RepoType type, MultivaluedMap<String, String> params) {
        Map<Facet, String> facets = new EnumMap<>(Facet.class);
        first(params, "kind").map(v -> v.toLowerCase(Locale.ROOT)).ifPresent(v -> facets.put(Facet.kind, v));
        first(params, "library").ifPresent(v -> facets.put(Facet.library, v));
        first(params, "task").or(() -> first(params, "pipeline_tag")).ifPresent(v -> facets.put(Facet.task, v));
        first(params, "license").map(v -> v.startsWith("license:") ? v.substring("license:".length()) : v)
                .filter(v -> !v.isBlank()).ifPresent(v -> facets.put(Facet.license, v));
        first(params, "base_model").ifPresent(v -> facets.put(Facet.base_model, v));
        if (type == RepoType.dataset) {
            facets.remove(Facet.kind);
            facets.remove(Facet.base_model);
        }
        List<String> filters = new ArrayList<>(all(params, "filter"));
        filters.addAll(all(params, "other"));
        return new SearchParams(type, first(params, "search").orElse(""), sortName(first(params, "sort").orElse("")),
                facets, distinct(all(params, "tag")), distinct(filters), first(params, "author").orElse(null));
    }

    /** The sort as the page names it; anything unknown is the default, most downloaded. */
    private static String sortName(String sort) {
        return switch (sort) {
            case "likes", "lastModified", "createdAt" -> sort;
            case "last_modified", "modified", "updated" -> "lastModified";
            case "created_at", "created", "newest" -> "createdAt";
            default -> "downloads";
        };
    }

    RepoQuery query(int limit, Optional<String> cursor) {
        List<String> allFilters = new ArrayList<>(tags);
        allFilters.addAll(filters);
        RepoQuery.Sort order = switch (sort) {
            case "likes" -> RepoQuery.Sort.likes;
            case "lastModified" -> RepoQuery.Sort.lastModified;
            case "createdAt" -> RepoQuery.Sort.createdAt;
            default -> RepoQuery.Sort.downloads;
        };
        return new RepoQuery(type, Optional.of(search).filter(s -> !s.isBlank()), Optional.ofNullable(author),
                allFilters, order, true, limit, cursor, facets);
    }

    String action() {
        return type == RepoType.dataset ? "/datasets" : "/models";
    }

    /** The search's URL (first page). */
    String url() {
        return action() + queryString(params(true));
    }

    String urlWithCursor(String cursor) {
        List<SearchView.Param> params = params(true);
        params.add(new SearchView.Param("cursor", cursor));
        return action() + queryString(params);
    }

    /** The fields the search form keeps as hidden inputs: everything but the text and the sort it asks for. */
    List<SearchView.Param> hidden() {
        return params(false);
    }

    private List<SearchView.Param> params(boolean withSearchAndSort) {
        List<SearchView.Param> params = new ArrayList<>();
        if (withSearchAndSort && !search.isBlank()) {
            params.add(new SearchView.Param("search", search));
        }
        if (withSearchAndSort && !sort.equals("downloads")) {
            params.add(new SearchView.Param("sort", sort));
        }
        facets.forEach((facet, value) -> params.add(new SearchView.Param(facet.name(), value)));
        tags.forEach(tag -> params.add(new SearchView.Param("tag", tag)));
        filters.forEach(filter -> params.add(new SearchView.Param("filter", filter)));
        if (author != null) {
            params.add(new SearchView.Param("author", author));
        }
        return params;
    }

    SearchParams with(Facet facet, String value) {
        Map<Facet, String> changed = new EnumMap<>(Facet.class);
        changed.putAll(facets);
        changed.put(facet, value);
        return new SearchParams(type, search, sort, changed, tags, filters, author);
    }

    SearchParams without(Facet facet) {
        Map<Facet, String> changed = new EnumMap<>(Facet.class);
        changed.putAll(facets);
        changed.remove(facet);
        return new SearchParams(type, search, sort, changed, tags, filters, author);
    }

    SearchParams withTag(String tag) {
        List<String> changed = new ArrayList<>(tags);
        changed.add(tag);
        return new SearchParams(type, search, sort, facets, distinct(changed), filters, author);
    }

    SearchParams withoutTag(String tag) {
        return new SearchParams(type, search, sort, facets, tags.stream().filter(t -> !t.equals(tag)).toList(), filters, author);
    }

    SearchParams withoutFilter(String filter) {
        return new SearchParams(type, search, sort, facets, tags, filters.stream().filter(f -> !f.equals(filter)).toList(), author);
    }

    SearchParams withoutSearch() {
        return new SearchParams(type, "", sort, facets, tags, filters, author);
    }

    SearchParams withoutAuthor() {
        return new SearchParams(type, search, sort, facets, tags, filters, null);
    }

    private static String queryString(List<SearchView.Param> params) {
        if (params.isEmpty()) {
            return "";
        }
        StringJoiner joined = new StringJoiner("&", "?", "");
        params.forEach(p -> joined.add(encode(p.name()) + "=" + encode(p.value())));
        return joined.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Optional<String> first(MultivaluedMap<String, String> params, String key) {
        return all(params, key).stream().findFirst();
    }

    private static List<String> all(MultivaluedMap<String, String> params, String key) {
        List<String> values = params.get(key);
        return values == null ? List.of()
                : values.stream().map(String::strip).filter(v -> !v.isEmpty() && v.length() <= MAX_VALUE_LENGTH).toList();
    }

    private static List<String> distinct(List<String> values) {
        return values.stream().distinct().toList();
    }
}
