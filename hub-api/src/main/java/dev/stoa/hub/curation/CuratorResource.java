package dev.stoa.hub.curation;

import dev.stoa.hub.identity.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** {@code /api/v1/organizations/{org}/curators}: an organisation's curators, chosen by its admins among its members. */
@Path("/api/v1/organizations/{org}/curators")
@Produces(MediaType.APPLICATION_JSON)
public class CuratorResource {

    private final Curators curators;
    private final SecurityIdentity identity;

    public CuratorResource(Curators curators, SecurityIdentity identity) {
        this.curators = curators;
        this.identity = identity;
    }

    /** Signed-in users see who curates an organisation. */
    @GET
    public List<Curators.OrgCurator> list(@PathParam("org") String org) {
        Caller.required(identity);
        return curators.list(org);
    }

    @PUT
    @Path("/{user}")
    @Consumes(MediaType.WILDCARD)
    public Curators.OrgCurator add(@PathParam("org") String org, @PathParam("user") String user) {
        return curators.add(Caller.required(identity), org, user);
    }

    @DELETE
    @Path("/{user}")
    public Response remove(@PathParam("org") String org, @PathParam("user") String user) {
        curators.remove(Caller.required(identity), org, user);
        return Response.noContent().build();
    }
}
