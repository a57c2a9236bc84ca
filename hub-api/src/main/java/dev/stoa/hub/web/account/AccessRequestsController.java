package dev.stoa.hub.web.account;

import dev.stoa.hub.web.PortalPaths;
import dev.stoa.hub.web.CsrfTokens;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/**
 * The routes of the gated-access pages: {@code /{ns}/{name}/ask-access} and
 * {@code /{ns}/{name}/settings/access-requests}, and the same under {@code /datasets/}.
 */
@Path("/")
public class AccessRequestsController {

    private final AccessRequestPages pages;

    public AccessRequestsController(AccessRequestPages pages) {
        this.pages = pages;
    }

    @GET
    @Path(PortalPaths.REPO + "/ask-access")
    @Produces(MediaType.TEXT_HTML)
    public Response askPage(@PathParam("kind") String kind, @PathParam("ns") String ns, @PathParam("name") String name,
                            @QueryParam("notice") String notice) {
        return pages.askForm(PortalPaths.type(kind), ns, name, notice);
    }

    @POST
    @Path(PortalPaths.REPO + "/ask-access")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response sendRequest(@PathParam("kind") String kind, @PathParam("ns") String ns, @PathParam("name") String name,
                                MultivaluedMap<String, String> form) {
        return pages.ask(PortalPaths.type(kind), ns, name, form);
    }

    @POST
    @Path(PortalPaths.REPO + "/ask-access/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response cancelRequest(@PathParam("kind") String kind, @PathParam("ns") String ns, @PathParam("name") String name,
                                  @FormParam(CsrfTokens.FIELD) String csrf) {
        return pages.cancel(PortalPaths.type(kind), ns, name, csrf);
    }

    @GET
    @Path(PortalPaths.REPO + "/settings/access-requests")
    @Produces(MediaType.TEXT_HTML)
    public Response requestsPage(@PathParam("kind") String kind, @PathParam("ns") String ns, @PathParam("name") String name,
                                 @QueryParam("status") String status, @QueryParam("page") @DefaultValue("1") int page,
                                 @QueryParam("notice") String notice) {
        return pages.requestsPage(PortalPaths.type(kind), ns, name, status, page, notice);
    }

    @POST
    @Path(PortalPaths.REPO + "/settings/access-requests")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response decideRequest(@PathParam("kind") String kind, @PathParam("ns") String ns, @PathParam("name") String name,
                                  MultivaluedMap<String, String> form) {
        return pages.decide(PortalPaths.type(kind), ns, name, form);
    }
}
