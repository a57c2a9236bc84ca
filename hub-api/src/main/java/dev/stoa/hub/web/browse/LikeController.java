package dev.stoa.hub.web.browse;

import dev.stoa.hub.catalog.RepoLikes;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.web.CsrfTokens;
import dev.stoa.hub.web.LocalPath;
import dev.stoa.hub.web.PortalPaths;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * The like button of a repository's header without JavaScript: {@code POST /{ns}/{name}/like} (and under
 * {@code /datasets}) with {@code action=like|unlike}, then back to the page. The rules are the API's
 * ({@link RepoLikes#like(RepoId, Caller)}).
 */
@Path("/")
@Blocking
public class LikeController {

    private final RepoLikes likes;
    private final CsrfTokens csrf;
    private final SecurityIdentity identity;

    public LikeController(RepoLikes likes, CsrfTokens csrf, SecurityIdentity identity) {
        this.likes = likes;
        this.csrf = csrf;
        this.identity = identity;
    }

    @POST
    @Path(PortalPaths.REPO + "/like")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response like(@PathParam("kind") String kind, @PathParam("ns") String namespace, @PathParam("name") String name,
                         @FormParam("csrf") String token, @FormParam("action") String action, @FormParam("next") String next) {
        return change(new RepoId(PortalPaths.type(kind), namespace, name), token, action, next);
    }

    private Response change(RepoId id, String token, String action, String next) {
        csrf.verify(token);
        Caller caller = Caller.required(identity);
        if ("unlike".equals(action)) {
            likes.unlike(id, caller);
        } else {
            likes.like(id, caller);
        }
        String back = next == null || next.isBlank() ? PortalPaths.page(id) : LocalPath.orHome(next);
        try {
            return Response.seeOther(URI.create(back)).build();
        } catch (IllegalArgumentException notAPath) {
            return Response.seeOther(URI.create(PortalPaths.page(id))).build();
        }
    }
}
