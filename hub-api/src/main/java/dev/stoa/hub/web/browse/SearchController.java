package dev.stoa.hub.web.browse;

import dev.stoa.hub.catalog.RepoCatalog;
import dev.stoa.hub.catalog.RepoCatalog.FacetCount;
import dev.stoa.hub.catalog.RepoQuery;
import dev.stoa.hub.catalog.RepoQuery.Facet;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.ops.PublicRoute;
import dev.stoa.hub.repo.RepoPage;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.web.PageContext;
import dev.stoa.ui.browse.FacetGroup;
import dev.stoa.ui.browse.FilterChip;
import dev.stoa.ui.browse.KindLabels;
import dev.stoa.ui.browse.SearchView;
import dev.stoa.ui.pages.RepoSearchPage;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /models} and {@code /datasets}: search by name, narrow by facets (kind, library, task, licence, base
 * model, tags) whose counts cover only what the viewer may read, sort, and page through the results.
 */
@Path("/")
@Blocking
public class SearchController {

    static final int PAGE_SIZE = 30;
    static final int FACET_VALUES = 12;
    static final int TAG_VALUES = 20;

    private final PageContext pages;
    private final SecurityIdentity identity;
    private final RepoCatalog catalog;
    private final RepoSummaries summaries;

    public SearchController(PageContext pages, SecurityIdentity identity, RepoCatalog catalog, RepoSummaries summaries) {
        this.pages = pages;
        this.identity = identity;
        this.catalog = catalog;
        this.summaries = summaries;
    }

    @GET
    @Path("models")
    @Produces(MediaType.TEXT_HTML)
    @PublicRoute("Search lists only what the viewer may read: the catalog filters by access.")
    public TemplateInstance models(@Context UriInfo uri) {
        return search(RepoType.model, uri);
    }

    @GET
    @Path("datasets")
    @Produces(MediaType.TEXT_HTML)
    @PublicRoute("Search lists only what the viewer may read: the catalog filters by access.")
    public TemplateInstance datasets(@Context UriInfo uri) {
        return search(RepoType.dataset, uri);
    }

    private TemplateInstance search(RepoType type, UriInfo uri) {
        Optional<Caller> caller = Caller.of(identity);
        SearchParams params = SearchParams.of(type, uri.getQueryParameters());
        Optional<String> cursor = Optional.ofNullable(uri.getQueryParameters().getFirst("cursor")).filter(c -> !c.isBlank());
        RepoQuery query = params.query(PAGE_SIZE, cursor);
        RepoPage page = catalog.list(query, caller);
        long total = catalog.count(query, caller);
        SearchView view = new SearchView(type.name(), params.action(), params.search(), sorts(params.sort()),
                params.hidden(), total, chips(params), facets(params, query, caller),
                summaries.cards(page, caller, emptyText(type, params)),
                page.nextCursor().map(params::urlWithCursor).orElse(null),
                cursor.isPresent() ? params.url() : null);
        return new RepoSearchPage(pages.site(), pages.viewer(identity), view);
    }

    private static String emptyText(RepoType type, SearchParams params) {
        boolean narrowed = !params.search().isBlank() || !params.facets().isEmpty() || !params.tags().isEmpty()
                || !params.filters().isEmpty() || params.author() != null;
        return narrowed ? "Nothing matches this search. Remove a filter or search for something else."
                : "No " + type.plural() + " yet.";
    }

    private static List<SearchView.SortOption> sorts(String selected) {
        return List.of(
                new SearchView.SortOption("downloads", "Most downloaded", selected.equals("downloads")),
                new SearchView.SortOption("likes", "Most liked", selected.equals("likes")),
                new SearchView.SortOption("lastModified", "Recently updated", selected.equals("lastModified")),
                new SearchView.SortOption("createdAt", "Newest", selected.equals("createdAt")));
    }

    private static List<FilterChip> chips(SearchParams params) {
        List<FilterChip> chips = new ArrayList<>();
        if (!params.search().isBlank()) {
            chips.add(new FilterChip("Name: " + params.search(), params.withoutSearch().url()));
        }
        if (params.author() != null) {
            chips.add(new FilterChip("Owner: " + params.author(), params.withoutAuthor().url()));
        }
        params.facets().forEach((facet, value) ->
                chips.add(new FilterChip(label(facet) + ": " + valueLabel(facet, value), params.without(facet).url())));
        params.tags().forEach(tag -> chips.add(new FilterChip("Tag: " + tag, params.withoutTag(tag).url())));
        params.filters().forEach(filter -> chips.add(new FilterChip(filterLabel(filter), params.withoutFilter(filter).url())));
        return chips;
    }

    /** {@code base_model:adapter:x} reads "Adapter of: x"; other filters are tags. */
    private static String filterLabel(String filter) {
        if (filter.startsWith("base_model:")) {
            String rest = filter.substring("base_model:".length());
            int colon = rest.indexOf(':');
            if (colon > 0 && List.of("adapter", "merge", "quantized", "finetune").contains(rest.substring(0, colon))) {
                return KindLabels.of(rest.substring(0, colon)) + " of: " + rest.substring(colon + 1);
            }
            return "Derived from: " + rest;
        }
        return "Tag: " + filter;
    }

    private List<FacetGroup> facets(SearchParams params, RepoQuery query, Optional<Caller> caller) {
        Map<Facet, List<FacetCount>> counts = catalog.facetCounts(query, caller, FACET_VALUES);
        List<FacetGroup> groups = new ArrayList<>();
        List<Facet> shown = params.type() == RepoType.dataset
                ? List.of(Facet.task, Facet.library, Facet.license)
                : List.of(Facet.kind, Facet.task, Facet.library, Facet.license, Facet.base_model);
        for (Facet facet : shown) {
            String selected = params.facets().get(facet);
            List<FacetGroup.FacetOption> options = new ArrayList<>();
            for (FacetCount count : counts.get(facet)) {
                boolean isSelected = selected != null && (facet == Facet.base_model
                        ? count.value().equalsIgnoreCase(selected) : count.value().equals(selected));
                String url = isSelected ? params.without(facet).url() : params.with(facet, count.value()).url();
                options.add(new FacetGroup.FacetOption(valueLabel(facet, count.value()), count.count(), url, isSelected));
            }
            groups.add(new FacetGroup(facet.name().replace('_', '-'), label(facet), options));
        }
        List<FacetGroup.FacetOption> tagOptions = new ArrayList<>();
        for (FacetCount count : catalog.tagCounts(query, caller, TAG_VALUES)) {
            boolean isSelected = params.tags().contains(count.value());
            String url = isSelected ? params.withoutTag(count.value()).url() : params.withTag(count.value()).url();
            tagOptions.add(new FacetGroup.FacetOption(count.value(), count.count(), url, isSelected));
        }
        groups.add(new FacetGroup("tags", "Tags", tagOptions));
        return groups;
    }

    private static String label(Facet facet) {
        return switch (facet) {
            case kind -> "Kind";
            case library -> "Library";
            case task -> "Task";
            case license -> "Licence";
            case base_model -> "Base model";
        };
    }

    private static String valueLabel(Facet facet, String value) {
        return facet == Facet.kind ? KindLabels.of(value) : value;
    }
}
