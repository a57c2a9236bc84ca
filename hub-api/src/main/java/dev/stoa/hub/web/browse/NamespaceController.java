package dev.stoa.hub.web.browse;

import dev.stoa.hub.catalog.RepoCatalog;
import dev.stoa.hub.catalog.RepoLikes;
import dev.stoa.hub.catalog.RepoQuery;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.AccountService;
import dev.stoa.hub.identity.AccountView;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.identity.OrganizationService;
import dev.stoa.hub.ops.PublicRoute;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.web.PageContext;
import dev.stoa.hub.web.PortalPaths;
import dev.stoa.ui.browse.NamespaceView;
import dev.stoa.ui.browse.RepoCards;
import dev.stoa.ui.pages.NamespacePage;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Optional;

/**
 * {@code /{ns}}: a user's or an organisation's models and datasets — the public ones, and the private ones the
 * viewer may read ({@link dev.stoa.hub.access.RepoAccess} decides, in the listing's query) — with an organisation's
 * members for those allowed to see them, and what a user likes.
 */
@Path("/")
@Blocking
public class NamespaceController {

    static final int PER_LIST = 12;
    static final int LIKES = 30;

    private final PageContext pages;
    private final SecurityIdentity identity;
    private final AccountService accounts;
    private final OrganizationService organizations;
    private final RepoCatalog catalog;
    private final RepoSummaries summaries;
    private final RepoLikes likes;

    public NamespaceController(PageContext pages, SecurityIdentity identity, AccountService accounts,
                               OrganizationService organizations, RepoCatalog catalog, RepoSummaries summaries,
                               RepoLikes likes) {
        this.pages = pages;
        this.identity = identity;
        this.accounts = accounts;
        this.organizations = organizations;
        this.catalog = catalog;
        this.summaries = summaries;
        this.likes = likes;
    }

    @GET
    @Path("{ns}")
    @Produces(MediaType.TEXT_HTML)
    @PublicRoute("A user's or organisation's page lists only what the viewer may read: the catalog filters by access.")
    public TemplateInstance namespace(@PathParam("ns") String namespace) {
        AccountView account = accounts.find(namespace).orElseThrow(() -> ApiException.notFound("NamespaceNotFound",
                "There is no user or organisation called '" + namespace + "'. Check the spelling, or search for models."));
        Optional<Caller> caller = Caller.of(identity);
        boolean isOrg = account.type().equals("org");
        RepoQuery models = query(RepoType.model, account.name());
        RepoQuery datasets = query(RepoType.dataset, account.name());
        List<NamespaceView.Member> members = List.of();
        boolean membersVisible = false;
        if (isOrg && caller.isPresent()) {
            try {
                members = organizations.members(caller.get(), account.name()).stream()
                        .map(m -> new NamespaceView.Member(m.user(), m.fullname(), m.role().name())).toList();
                membersVisible = true;
            } catch (ApiException notAMember) {
                // the service decides who sees an organisation's members; others see a note instead
            }
        }
        List<NamespaceView.Liked> liked = isOrg ? List.of() : likes.likedBy(account.id(), caller, LIKES).stream()
                .map(l -> new NamespaceView.Liked(l.repo().id(), PortalPaths.page(l.repo()), l.repo().type().name())).toList();
        NamespaceView view = new NamespaceView(account.name(), account.fullname(), isOrg,
                cards(models, caller, isOrg ? "This organisation has no models you can see." : "No models you can see."),
                catalog.count(models, caller),
                cards(datasets, caller, isOrg ? "This organisation has no datasets you can see." : "No datasets you can see."),
                catalog.count(datasets, caller), members, membersVisible, liked,
                caller.map(c -> c.name().equalsIgnoreCase(account.name())).orElse(false));
        return new NamespacePage(pages.site(), pages.viewer(identity), view);
    }

    private RepoCards cards(RepoQuery query, Optional<Caller> caller, String empty) {
        return summaries.cards(catalog.list(query, caller), caller, empty);
    }

    private static RepoQuery query(RepoType type, String owner) {
        return new RepoQuery(type, Optional.empty(), Optional.of(owner), List.of(), RepoQuery.Sort.lastModified, true,
                PER_LIST, Optional.empty());
    }
}
