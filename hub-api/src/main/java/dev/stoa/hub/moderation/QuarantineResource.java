package dev.stoa.hub.moderation;

import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.RepoView;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Quarantines of one repository: {@code GET} lists them (active and lifted) for anyone who can read the repository;
 * {@code POST {reason, path?, revision?}} quarantines the whole repository or one file, and
 * {@code POST /{id}/lift {note?}} lifts a quarantine, for moderators only.
 */
@Path("/api/v1/repos/{type: models|datasets}/{ns}/{name}/quarantine")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class QuarantineResource {

    private final ModeratedRepos repos;
    private final Quarantines quarantines;
    private final SecurityIdentity identity;

    QuarantineResource(ModeratedRepos repos, Quarantines quarantines, SecurityIdentity identity) {
        this.repos = repos;
        this.quarantines = quarantines;
        this.identity = identity;
    }

    /** The body of a quarantine: the file's path (none for the whole repository) and the revision it is read at. */
    public record Imposition(String reason, String path, String revision) {
    }

    /** The body of a lift. */
    public record Lift(String note) {
    }

    @GET
    public List<Map<String, Object>> list(@PathParam("type") String type, @PathParam("ns") String ns, @PathParam("name") String name) {
        RepoView repo = repos.visible(ModeratedRepos.id(type, ns, name), Caller.of(identity));
        return quarantines.ofRepo(repo).stream().map(Quarantine::json).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response impose(@PathParam("type") String type, @PathParam("ns") String ns, @PathParam("name") String name,
                           Imposition body) {
        Optional<Caller> caller = Caller.of(identity);
        RepoView repo = repos.forModerator(ModeratedRepos.id(type, ns, name), caller);
        Imposition request = body == null ? new Imposition(null, null, null) : body;
        Quarantine imposed = quarantines.impose(repo, Optional.ofNullable(request.path()),
                request.revision() == null || request.revision().isBlank() ? "main" : request.revision(),
                request.reason(), caller, Optional.empty());
        return Response.status(201).entity(imposed.json()).build();
    }

    @POST
    @Path("/{id}/lift")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public Map<String, Object> lift(@PathParam("type") String type, @PathParam("ns") String ns, @PathParam("name") String name,
                                    @PathParam("id") long id, Lift body) {
        Optional<Caller> caller = Caller.of(identity);
        RepoView repo = repos.forModerator(ModeratedRepos.id(type, ns, name), caller);
        return quarantines.lift(repo, id, caller.orElseThrow(), body == null ? null : body.note()).json();
    }
}
