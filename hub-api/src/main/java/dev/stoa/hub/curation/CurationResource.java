package dev.stoa.hub.curation;

import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Optional;

/**
 * {@code /api/v1/repos/{models|datasets}/{ns}/{name}/curation}: submit a revision (writers), list the repository's
 * requests (readers), one request with its check results, approve or reject it (curators).
 */
@Path("/api/v1/repos/{type: models|datasets}/{ns}/{name}/curation")
@Produces(MediaType.APPLICATION_JSON)
public class CurationResource {

    private final RepoAccess access;
    private final CurationService curation;
    private final CurationEligibility eligibility;
    private final SecurityIdentity identity;

    public CurationResource(RepoAccess access, CurationService curation, CurationEligibility eligibility, SecurityIdentity identity) {
        this.access = access;
        this.curation = curation;
        this.eligibility = eligibility;
        this.identity = identity;
    }

    /** {@code tag}: the protected tag's name when approved; {@code curated/<n>} when left out. */
    public record Submission(String revision, String note, String tag) {
    }

    public record Decision(String comment) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(@PathParam("type") String type, @PathParam("ns") String ns, @PathParam("name") String name,
                           Submission body) {
        Optional<Caller> caller = Caller.of(identity);
        RepoView repo = access.requireWritable(id(type, ns, name), caller);
        if (body == null) {
            throw ApiException.badRequest("Send {\"revision\": \"main\", \"note\": \"...\"} to submit a revision for curation.");
        }
        CurationRequest request = curation.submit(repo, caller.orElseThrow(), body.revision(), Optional.ofNullable(body.tag()), body.note());
        return Response.status(201).entity(detailed(repo, request)).build();
    }

    @GET
    public List<CurationJson.Request> list(@PathParam("type") String type, @PathParam("ns") String ns, @PathParam("name") String name) {
        RepoView repo = access.requireReadable(id(type, ns, name), Caller.of(identity));
        return curation.ofRepo(repo).stream().map(r -> json(repo, r)).toList();
    }

    @GET
    @Path("/{id: [0-9]+}")
    public CurationJson.Detailed get(@PathParam("type") String type, @PathParam("ns") String ns, @PathParam("name") String name,
                                     @PathParam("id") long id) {
        RepoView repo = access.requireReadable(id(type, ns, name), Caller.of(identity));
        return detailed(repo, require(repo, id));
    }

    @POST
    @Path("/{id: [0-9]+}/approve")
    @Consumes(MediaType.WILDCARD)
    public CurationJson.Detailed approve(@PathParam("type") String type, @PathParam("ns") String ns, @PathParam("name") String name,
                                         @PathParam("id") long id, Decision body) {
        Caller caller = Caller.required(identity);
        RepoView repo = access.requireReadable(id(type, ns, name), Optional.of(caller));
        return detailed(repo, curation.approve(repo, caller, id, body == null ? null : body.comment()));
    }

    @POST
    @Path("/{id: [0-9]+}/reject")
    @Consumes(MediaType.WILDCARD)
    public CurationJson.Detailed reject(@PathParam("type") String type, @PathParam("ns") String ns, @PathParam("name") String name,
                                        @PathParam("id") long id, Decision body) {
        Caller caller = Caller.required(identity);
        RepoView repo = access.requireReadable(id(type, ns, name), Optional.of(caller));
        return detailed(repo, curation.reject(repo, caller, id, body == null ? null : body.comment()));
    }

    private CurationRequest require(RepoView repo, long id) {
        return curation.find(repo, id).orElseThrow(() -> ApiException.notFound("CurationRequestNotFound",
                "There is no curation request " + id + " for " + repo.repoId() + "."));
    }

    private CurationJson.Detailed detailed(RepoView repo, CurationRequest request) {
        return CurationJson.Detailed.of(json(repo, request), eligibility.of(repo, request.commit()));
    }

    static CurationJson.Request json(RepoView repo, CurationRequest request) {
        return CurationJson.Request.of(request, repo.repoId().id(), repo.type().name());
    }

    private static RepoId id(String type, String ns, String name) {
        return new RepoId(RepoType.fromPlural(type), ns, name);
    }
}
