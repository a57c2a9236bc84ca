package dev.stoa.hub.web.moderation;

import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.moderation.Reports;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.hub.web.CsrfTokens;
import dev.stoa.hub.web.PageContext;
import dev.stoa.hub.web.PortalPaths;
import dev.stoa.hub.web.PortalRepos;
import dev.stoa.ui.pages.MyReportsPage;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.Optional;

/**
 * Reporting from the portal: the report form of a repository page posts to {@code /{ns}/{name}/report} (and
 * {@code /datasets/{ns}/{name}/report}), then returns to the page; {@code /settings/reports} lists the viewer's
 * reports and their outcomes.
 */
@Path("/")
@Blocking
public class ReportsController {

    private final PageContext pages;
    private final SecurityIdentity identity;
    private final CsrfTokens csrf;
    private final PortalRepos portal;
    private final Reports reports;

    public ReportsController(PageContext pages, SecurityIdentity identity, CsrfTokens csrf, PortalRepos portal, Reports reports) {
        this.pages = pages;
        this.identity = identity;
        this.csrf = csrf;
        this.portal = portal;
        this.reports = reports;
    }

    @POST
    @Path(PortalPaths.REPO + "/report")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reportRepo(@PathParam("kind") String kind, @PathParam("ns") String ns, @PathParam("name") String name,
                               @FormParam(CsrfTokens.FIELD) String token,
                               @FormParam("reason") String reason, @FormParam("details") String details, @FormParam("path") String path) {
        return report(PortalPaths.type(kind), ns, name, token, reason, details, path);
    }

    @GET
    @Path("settings/reports")
    @Produces(MediaType.TEXT_HTML)
    public MyReportsPage mine() {
        Caller caller = Caller.signedIn(identity, "see your reports");
        return new MyReportsPage(pages.site(), pages.viewer(identity),
                reports.mine(caller, 200).stream().map(r -> ModerationLines.report(r, false)).toList());
    }

    private Response report(RepoType type, String ns, String name, String token, String reason, String details, String path) {
        csrf.verify(token);
        Caller caller = Caller.signedIn(identity, "report a repository");
        RepoView repo = portal.readable(type, ns, name);
        reports.file(repo, caller, reason, details, Optional.ofNullable(path));
        return Response.seeOther(URI.create(PortalPaths.page(repo) + "?reported=1#report")).build();
    }
}
