package dev.stoa.hub.lfs;

import dev.stoa.hub.repo.RepoType;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;

/**
 * The git-lfs batch API of model repositories: {@code /{ns}/{name}.git/info/lfs/...}, also without
 * {@code .git} (git-lfs appends {@code .git/info/lfs} to the remote, which may or may not end in {@code .git}).
 */
@Path("/{namespace}/{repo}/info/lfs")
public class LfsBatchResource {

    private final LfsRoutes routes;

    LfsBatchResource(LfsRoutes routes) {
        this.routes = routes;
    }

    @POST
    @Path("/objects/batch")
    public Response batch(@PathParam("namespace") String namespace, @PathParam("repo") String repo, InputStream body)
            throws IOException {
        return routes.batch(RepoType.model, namespace, repo, body);
    }

    @POST
    @Path("/locks/verify")
    public Response locksVerify() {
        return routes.locksVerify();
    }
}
