package dev.stoa.ui.pages;

import dev.stoa.ui.browse.SearchView;
import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import io.quarkus.qute.TemplateInstance;

/** {@code /models} and {@code /datasets}: search with facets, sorting and pages. */
public record RepoSearchPage(Site site, Viewer viewer, SearchView search) implements TemplateInstance {
}
