package dev.stoa.hub.hf;

import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.RefService;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/{type}s/{ns}/{name}/tag/{revision}} (create_tag: tags that revision) and
 * {@code DELETE .../tag/{tag}} (delete_tag). Revision and tag arrive percent-encoded in one segment.
 */
@Path("/api/{type: models|datasets}/{ns}/{name}/tag/{ref: .+}")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class TagResource {

    private final RepoAccess access;
    private final RefService refs;
    private final SecurityIdentity identity;

    public TagResource(RepoAccess access, RefService refs, SecurityIdentity identity) {
        this.access = access;
        this.refs = refs;
        this.identity = identity;
    }

    /** {@code message} makes an annotated tag; without one the tag is lightweight. */
    public record CreateTag(String tag, String message) {
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public RefService.RefEntry create(@PathParam("type") String type, @PathParam("ns") String namespace,
                                      @PathParam("name") String name, @PathParam("ref") String revision, CreateTag body) {
        if (body == null || body.tag() == null || body.tag().isBlank()) {
            throw ApiException.invalidField("tag", "Name the tag to create: send {\"tag\": \"v1.0\"} (and a \"message\" for an annotated tag).");
        }
        Optional<Caller> caller = Caller.of(identity);
        RepoView repo = access.requireWritable(new RepoId(RepoType.fromPlural(type), namespace, name), caller);
        return refs.createTag(repo, caller.orElseThrow(), revision, body.tag(), Optional.ofNullable(body.message()));
    }

    @DELETE
    public Map<String, Object> delete(@PathParam("type") String type, @PathParam("ns") String namespace,
                                      @PathParam("name") String name, @PathParam("ref") String tag) {
        RepoView repo = access.requireWritable(new RepoId(RepoType.fromPlural(type), namespace, name), Caller.of(identity));
        refs.deleteTag(repo, tag);
        return Map.of("success", true);
    }
}
