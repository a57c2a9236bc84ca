package dev.stoa.hub.hf;

import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.AccountView;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.ops.BaseUrl;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/repos/move} {@code {fromRepo, toRepo, type}}: huggingface_hub's move_repo, a rename or a
 * transfer to another namespace. History, files and settings go along; the old name stops resolving (no
 * redirect is kept, so the name is free for a new repository at once).
 */
@Path("/api/repos/move")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
public class RepoMoveResource {

    private final RepoAccess access;
    private final RepoService repos;
    private final SecurityIdentity identity;
    private final BaseUrl baseUrl;

    public RepoMoveResource(RepoAccess access, RepoService repos, SecurityIdentity identity, BaseUrl baseUrl) {
        this.access = access;
        this.repos = repos;
        this.identity = identity;
        this.baseUrl = baseUrl;
    }

    public record MoveRequest(String fromRepo, String toRepo, String type) {
    }

    @POST
    public Map<String, String> move(MoveRequest request) {
        Caller caller = Caller.required(identity);
        if (request == null) {
            throw ApiException.badRequest("Send {\"fromRepo\": \"ns/name\", \"toRepo\": \"ns/name\", \"type\": \"model\"}.");
        }
        RepoType type = RepoType.fromSingular("type", request.type());
        RepoId from = RepoId.parse(type, "fromRepo", request.fromRepo());
        RepoId to = RepoId.parse(type, "toRepo", request.toRepo());
        RepoView repo = access.requireAdministrable(from, Optional.of(caller));
        AccountView owner = access.requireWritableNamespace(caller, to.namespace());
        RepoView moved = repos.move(repo, owner, to.name());
        return Map.of("url", baseUrl.link("/" + moved.repoId().urlPath()));
    }
}
