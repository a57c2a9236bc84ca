package dev.stoa.hub.lfs;

import dev.stoa.hub.ops.PublicRoute;
import dev.stoa.hub.repo.RepoType;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;

/**
 * The git-lfs batch API: {@code /{ns}/{name}.git/info/lfs/...} and {@code /datasets/{ns}/{name}.git/info/lfs/...},
 * also without {@code .git} (git-lfs appends {@code .git/info/lfs} to the remote, which may or may not end in
 * {@code .git}).
 */
@Path("/" + RepoType.ROUTE + "/info/lfs")
public class LfsBatchResource {

    private final LfsRoutes routes;

    LfsBatchResource(LfsRoutes routes) {
        this.routes = routes;
    }

    @POST
    @Path("/objects/batch")
    public Response batch(@PathParam("kind") String kind, @PathParam("ns") String namespace, @PathParam("name") String repo,
                          InputStream body) throws IOException {
        return routes.batch(RepoType.ofRoute(kind), namespace, repo, body);
    }

    @POST
    @Path("/locks/verify")
    @PublicRoute("Answers 501: Stoa has no LFS locks; gives out nothing.")
    public Response locksVerify() {
        return routes.locksVerify();
    }
}
