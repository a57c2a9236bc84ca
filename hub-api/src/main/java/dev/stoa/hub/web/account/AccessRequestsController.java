package dev.stoa.hub.web.account;

import dev.stoa.hub.web.PortalPaths;
import dev.stoa.hub.repo.RepoType;
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
    @Path(PortalPaths.MODEL_NS + "/{name}/ask-access")
    @Produces(MediaType.TEXT_HTML)
    public Response askModel(@PathParam("ns") String ns, @PathParam("name") String name, @QueryParam("notice") String notice) {
        return pages.askForm(RepoType.model, ns, name, notice);
    }

    @GET
    @Path("datasets/{ns}/{name}/ask-access")
    @Produces(MediaType.TEXT_HTML)
    public Response askDataset(@PathParam("ns") String ns, @PathParam("name") String name, @QueryParam("notice") String notice) {
        return pages.askForm(RepoType.dataset, ns, name, notice);
    }

    @POST
    @Path(PortalPaths.MODEL_NS + "/{name}/ask-access")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response sendModel(@PathParam("ns") String ns, @PathParam("name") String name, MultivaluedMap<String, String> form) {
        return pages.ask(RepoType.model, ns, name, form);
    }

    @POST
    @Path("datasets/{ns}/{name}/ask-access")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response sendDataset(@PathParam("ns") String ns, @PathParam("name") String name, MultivaluedMap<String, String> form) {
        return pages.ask(RepoType.dataset, ns, name, form);
    }

    @POST
    @Path(PortalPaths.MODEL_NS + "/{name}/ask-access/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response cancelModel(@PathParam("ns") String ns, @PathParam("name") String name,
                                @FormParam(CsrfTokens.FIELD) String csrf) {
        return pages.cancel(RepoType.model, ns, name, csrf);
    }

    @POST
    @Path("datasets/{ns}/{name}/ask-access/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response cancelDataset(@PathParam("ns") String ns, @PathParam("name") String name,
                                  @FormParam(CsrfTokens.FIELD) String csrf) {
        return pages.cancel(RepoType.dataset, ns, name, csrf);
    }

    @GET
    @Path(PortalPaths.MODEL_NS + "/{name}/settings/access-requests")
    @Produces(MediaType.TEXT_HTML)
    public Response modelRequests(@PathParam("ns") String ns, @PathParam("name") String name,
                                  @QueryParam("status") String status, @QueryParam("page") @DefaultValue("1") int page,
                                  @QueryParam("notice") String notice) {
        return pages.requestsPage(RepoType.model, ns, name, status, page, notice);
    }

    @GET
    @Path("datasets/{ns}/{name}/settings/access-requests")
    @Produces(MediaType.TEXT_HTML)
    public Response datasetRequests(@PathParam("ns") String ns, @PathParam("name") String name,
                                    @QueryParam("status") String status, @QueryParam("page") @DefaultValue("1") int page,
                                    @QueryParam("notice") String notice) {
        return pages.requestsPage(RepoType.dataset, ns, name, status, page, notice);
    }

    @POST
    @Path(PortalPaths.MODEL_NS + "/{name}/settings/access-requests")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response decideModel(@PathParam("ns") String ns, @PathParam("name") String name, MultivaluedMap<String, String> form) {
        return pages.decide(RepoType.model, ns, name, form);
    }

    @POST
    @Path("datasets/{ns}/{name}/settings/access-requests")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response decideDataset(@PathParam("ns") String ns, @PathParam("name") String name,
                                  MultivaluedMap<String, String> form) {
        return pages.decide(RepoType.dataset, ns, name, form);
    }
}
