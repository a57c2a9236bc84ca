package dev.stoa.hub.hf;

import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.catalog.RepoLikes;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Likes as the Hub has them: {@code POST}/{@code DELETE /api/{models|datasets}/{ns}/{name}/like} (idempotent,
 * answered with the new count) and {@code GET .../likers} (huggingface_hub's list_repo_likers). The class path
 * is the listing's, like {@link RepoInfoResource}'s, so that JAX-RS sees these methods beside the others.
 */
@Path("/api/{type: models|datasets}")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class RepoLikeResource {

    static final int MAX_LIKERS = 1000;

    private final RepoLikes likes;
    private final RepoAccess access;
    private final SecurityIdentity identity;

    public RepoLikeResource(RepoLikes likes, RepoAccess access, SecurityIdentity identity) {
        this.likes = likes;
        this.access = access;
        this.identity = identity;
    }

    @POST
    @Path("/{ns}/{name}/like")
    public Map<String, Object> like(@PathParam("type") String type, @PathParam("ns") String namespace,
                                    @PathParam("name") String name) {
        long count = likes.like(id(type, namespace, name), Caller.required(identity));
        return Map.of("liked", true, "likes", count);
    }

    @DELETE
    @Path("/{ns}/{name}/like")
    public Map<String, Object> unlike(@PathParam("type") String type, @PathParam("ns") String namespace,
                                      @PathParam("name") String name) {
        long count = likes.unlike(id(type, namespace, name), Caller.required(identity));
        return Map.of("liked", false, "likes", count);
    }

    @GET
    @Path("/{ns}/{name}/likers")
    public List<Map<String, Object>> likers(@PathParam("type") String type, @PathParam("ns") String namespace,
                                            @PathParam("name") String name) {
        RepoView repo = access.requireReadable(id(type, namespace, name), Caller.of(identity));
        return likes.likers(repo.id(), MAX_LIKERS).stream().map(liker -> {
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("user", liker.name());
            user.put("fullname", liker.fullname() == null ? liker.name() : liker.fullname());
            user.put("type", liker.type());
            user.put("isPro", false);
            return user;
        }).toList();
    }

    private static RepoId id(String type, String namespace, String name) {
        return new RepoId(RepoType.fromPlural(type), namespace, name);
    }
}
