package dev.stoa.ui.browse;

import java.util.List;

/**
 * One facet of the search page: its values with counts, each a link that selects or clears it.
 *
 * @param id    the facet's id, used for element ids
 * @param label what the facet is called ("Library")
 */
public record FacetGroup(String id, String label, List<FacetOption> options) {

    /**
     * A value of a facet.
     *
     * @param url      the search with this value selected, or cleared when it is selected already
     * @param selected whether the search narrows by it now
     */
    public record FacetOption(String label, long count, String url, boolean selected) {

        /** The {@code aria-current} attribute of the link. */
        public String current() {
            return selected ? "true" : "false";
        }
    }
}
