package dev.stoa.hub.web.browse;

import dev.stoa.hub.catalog.RepoCatalog;
import dev.stoa.hub.catalog.RepoQuery;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.ops.PublicRoute;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.web.PageContext;
import dev.stoa.ui.browse.HomeView;
import dev.stoa.ui.browse.RepoCards;
import dev.stoa.ui.pages.HomePage;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Optional;

/** {@code /}: recently updated, most downloaded and most liked models, recent datasets, curators' picks. */
@Path("/")
@Blocking
public class HomeController {

    static final int PER_LIST = 6;

    private final PageContext pages;
    private final SecurityIdentity identity;
    private final RepoCatalog catalog;
    private final RepoSummaries summaries;

    public HomeController(PageContext pages, SecurityIdentity identity, RepoCatalog catalog, RepoSummaries summaries) {
        this.pages = pages;
        this.identity = identity;
        this.catalog = catalog;
        this.summaries = summaries;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @PublicRoute("The front page lists only what the viewer may read: the catalog filters by access.")
    public TemplateInstance home() {
        Optional<Caller> caller = Caller.of(identity);
        HomeView home = new HomeView(
                top(RepoType.model, RepoQuery.Sort.lastModified, caller, "No models yet. Be the first to publish one."),
                top(RepoType.model, RepoQuery.Sort.downloads, caller, "Nothing downloaded yet."),
                top(RepoType.model, RepoQuery.Sort.likes, caller, "Nothing liked yet."),
                top(RepoType.dataset, RepoQuery.Sort.lastModified, caller, "No datasets yet."),
                curated(caller));
        return new HomePage(pages.site(), pages.viewer(identity), home);
    }

    /** The models with an approved revision, most recently updated first. */
    private RepoCards curated(Optional<Caller> caller) {
        RepoQuery query = new RepoQuery(RepoType.model, Optional.empty(), Optional.empty(), List.of(RepoQuery.CURATED),
                RepoQuery.Sort.lastModified, true, PER_LIST, Optional.empty());
        return summaries.cards(catalog.list(query, caller), caller, "No picks yet.");
    }

    private RepoCards top(RepoType type, RepoQuery.Sort sort, Optional<Caller> caller, String empty) {
        RepoQuery query = new RepoQuery(type, Optional.empty(), Optional.empty(), List.of(), sort, true, PER_LIST, Optional.empty());
        return summaries.cards(catalog.list(query, caller), caller, empty);
    }
}
