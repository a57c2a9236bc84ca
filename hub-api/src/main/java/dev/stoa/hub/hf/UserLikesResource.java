package dev.stoa.hub.hf;

import dev.stoa.hub.catalog.RepoLikes;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.AccountService;
import dev.stoa.hub.identity.AccountView;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.ops.PublicRoute;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/users/{user}/likes}: what a user likes (huggingface_hub's list_liked_repos), newest first.
 * Only repositories the caller may read are listed: a private repository stays invisible to outsiders here too.
 */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class UserLikesResource {

    static final int MAX_LIKES = 1000;

    private final RepoLikes likes;
    private final AccountService accounts;
    private final SecurityIdentity identity;

    public UserLikesResource(RepoLikes likes, AccountService accounts, SecurityIdentity identity) {
        this.likes = likes;
        this.accounts = accounts;
        this.identity = identity;
    }

    @GET
    @Path("/{user}/likes")
    @PublicRoute("Lists a user's likes of repositories the caller may read: the catalog filters by access.")
    public List<Map<String, Object>> likes(@PathParam("user") String user) {
        AccountView account = accounts.find(user).filter(a -> a.type().equals("user"))
                .orElseThrow(() -> ApiException.notFound("UserNotFound", "There is no user '" + user + "'."));
        return likes.likedBy(account.id(), Caller.of(identity), MAX_LIKES).stream()
                .map(liked -> Map.<String, Object>of("createdAt", liked.likedAt(),
                        "repo", Map.of("name", liked.repo().id(), "type", liked.repo().type().name())))
                .toList();
    }
}
