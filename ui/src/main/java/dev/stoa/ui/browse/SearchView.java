package dev.stoa.ui.browse;

import java.util.List;

/**
 * Everything the search page of models or datasets shows.
 *
 * @param type      {@code model} or {@code dataset}
 * @param action    the search form's URL ({@code /models} or {@code /datasets})
 * @param search    the text searched for, or an empty string
 * @param sorts     the orders offered, one selected
 * @param hidden    the filters the search form keeps when it is sent again
 * @param total     how many repositories match, all pages together
 * @param chips     the active filters, each removable
 * @param facets    the facets with their counts
 * @param results   this page of results
 * @param nextUrl   the next page, or {@code null} on the last one
 * @param firstUrl  the first page, or {@code null} when this is the first one
 */
public record SearchView(String type, String action, String search, List<SortOption> sorts, List<Param> hidden,
                         long total, List<FilterChip> chips, List<FacetGroup> facets, RepoCards results,
                         String nextUrl, String firstUrl) {

    public boolean isDataset() {
        return "dataset".equals(type);
    }

    /** "models" or "datasets", for the headline. */
    public String plural() {
        return isDataset() ? "datasets" : "models";
    }

    /** "1 model", "12 datasets". */
    public String totalText() {
        return total + " " + (total == 1 ? type : plural());
    }

    /** An order of the results. */
    public record SortOption(String value, String label, boolean selected) {
    }

    /** A query parameter carried by a hidden form field. */
    public record Param(String name, String value) {
    }
}
