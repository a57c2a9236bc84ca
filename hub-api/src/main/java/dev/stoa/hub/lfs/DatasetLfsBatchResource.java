package dev.stoa.hub.lfs;

import dev.stoa.hub.repo.RepoType;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;

/** The git-lfs batch API of dataset repositories: {@code /datasets/{ns}/{name}[.git]/info/lfs/...}. */
@Path("/datasets/{namespace}/{repo}/info/lfs")
public class DatasetLfsBatchResource {

    private final LfsRoutes routes;

    DatasetLfsBatchResource(LfsRoutes routes) {
        this.routes = routes;
    }

    @POST
    @Path("/objects/batch")
    public Response batch(@PathParam("namespace") String namespace, @PathParam("repo") String repo, InputStream body)
            throws IOException {
        return routes.batch(RepoType.dataset, namespace, repo, body);
    }

    @POST
    @Path("/locks/verify")
    public Response locksVerify() {
        return routes.locksVerify();
    }
}
