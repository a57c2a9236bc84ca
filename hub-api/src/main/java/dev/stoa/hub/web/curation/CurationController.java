package dev.stoa.hub.web.curation;

import dev.stoa.hub.curation.CurationEligibility;
import dev.stoa.hub.curation.CurationQueue;
import dev.stoa.hub.curation.CurationRequest;
import dev.stoa.hub.curation.CurationService;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.hub.web.CsrfTokens;
import dev.stoa.hub.web.PageContext;
import dev.stoa.hub.web.PortalPaths;
import dev.stoa.hub.web.PortalRepos;
import dev.stoa.ui.curation.CurationItem;
import dev.stoa.ui.pages.CurationDecisionPage;
import dev.stoa.ui.pages.CurationQueuePage;
import dev.stoa.ui.pages.RepoCurationPage;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The curation pages: {@code /curation} (the queue, curators only), {@code /{ns}/{name}/curation} (a repository's
 * requests and, for writers, the submit form) and {@code /{ns}/{name}/curation/{id}} (one request, its checks side by
 * side, and for curators the approve/reject form). Datasets under {@code /datasets/...}.
 */
@Path("/")
public class CurationController {

    private static final int PAGE = 50;

    private final PageContext pages;
    private final PortalRepos portal;
    private final CurationService curation;
    private final CurationEligibility eligibility;
    private final CurationQueue queue;
    private final RepoService repos;
    private final CsrfTokens csrf;
    private final SecurityIdentity identity;

    public CurationController(PageContext pages, PortalRepos portal, CurationService curation, CurationEligibility eligibility,
                              CurationQueue queue, RepoService repos, CsrfTokens csrf, SecurityIdentity identity) {
        this.pages = pages;
        this.portal = portal;
        this.curation = curation;
        this.eligibility = eligibility;
        this.queue = queue;
        this.repos = repos;
        this.csrf = csrf;
        this.identity = identity;
    }

    @GET
    @Path("curation")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance queue(@QueryParam("after") Long after) {
        Caller caller = Caller.required(identity);
        List<CurationItem> items = new ArrayList<>();
        for (CurationRequest request : curation.queue(caller, after == null ? 0 : after, PAGE)) {
            repos.findById(request.repoId()).ifPresent(repo -> items.add(CurationItems.of(repo, request, eligibility.of(repo, request.commit()))));
        }
        String next = items.size() == PAGE ? "/curation?after=" + items.getLast().id() : null;
        return new CurationQueuePage(pages.site(), pages.viewer(identity), items, next);
    }

    @GET
    @Path(PortalPaths.REPO + "/curation")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance curationPage(@PathParam("kind") String kind, @PathParam("ns") String ns, @PathParam("name") String name) {
        return repoPage(PortalPaths.type(kind), ns, name);
    }

    @POST
    @Path(PortalPaths.REPO + "/curation")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submitRequest(@PathParam("kind") String kind, @PathParam("ns") String ns, @PathParam("name") String name,
                                  @FormParam("csrf") String token, @FormParam("revision") String revision,
                                  @FormParam("tag") String tag, @FormParam("note") String note) {
        return submit(PortalPaths.type(kind), ns, name, token, revision, tag, note);
    }

    @GET
    @Path(PortalPaths.REPO + "/curation/{id: [0-9]+}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance showRequest(@PathParam("kind") String kind, @PathParam("ns") String ns, @PathParam("name") String name,
                                        @PathParam("id") long id) {
        return requestPage(PortalPaths.type(kind), ns, name, id);
    }

    @POST
    @Path(PortalPaths.REPO + "/curation/{id: [0-9]+}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decideRequest(@PathParam("kind") String kind, @PathParam("ns") String ns, @PathParam("name") String name,
                                  @PathParam("id") long id, @FormParam("csrf") String token,
                                  @FormParam("action") String action, @FormParam("comment") String comment) {
        return decide(PortalPaths.type(kind), ns, name, id, token, action, comment);
    }

    private TemplateInstance repoPage(RepoType type, String ns, String name) {
        RepoView repo = portal.readable(type, ns, name);
        List<CurationItem> items = curation.ofRepo(repo).stream()
                .map(r -> CurationItems.of(repo, r, eligibility.of(repo, r.commit()))).toList();
        return new RepoCurationPage(pages.site(), pages.viewer(identity), portal.header(repo, "curation", "main"), items,
                PortalPaths.page(repo) + "/curation");
    }

    private Response submit(RepoType type, String ns, String name, String token, String revision, String tag, String note) {
        csrf.verify(token);
        RepoView repo = portal.writable(type, ns, name);
        CurationRequest request = curation.submit(repo, portal.caller().orElseThrow(), revision, Optional.ofNullable(tag), note);
        return Response.seeOther(URI.create(PortalPaths.page(repo) + "/curation/" + request.id())).build();
    }

    private TemplateInstance requestPage(RepoType type, String ns, String name, long id) {
        RepoView repo = portal.readable(type, ns, name);
        CurationRequest request = require(repo, id);
        boolean canDecide = request.status() == CurationRequest.Status.pending
                && portal.caller().map(c -> curation.canCurate(c, repo)).orElse(false);
        return new CurationDecisionPage(pages.site(), pages.viewer(identity), portal.header(repo, "curation", "main"),
                CurationItems.of(repo, request, eligibility.of(repo, request.commit())), canDecide,
                PortalPaths.page(repo) + "/curation/" + id);
    }

    private Response decide(RepoType type, String ns, String name, long id, String token, String action, String comment) {
        csrf.verify(token);
        Caller caller = Caller.required(identity);
        RepoView repo = portal.readable(type, ns, name);
        switch (action == null ? "" : action) {
            case "approve" -> curation.approve(repo, caller, id, comment);
            case "reject" -> curation.reject(repo, caller, id, comment);
            default -> throw ApiException.invalidField("action", "Choose approve or reject.");
        }
        return Response.seeOther(URI.create(PortalPaths.page(repo) + "/curation/" + id)).build();
    }

    private CurationRequest require(RepoView repo, long id) {
        return curation.find(repo, id).orElseThrow(() -> ApiException.notFound("CurationRequestNotFound",
                "There is no curation request " + id + " for " + repo.repoId() + "."));
    }
}
