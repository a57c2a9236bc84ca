package dev.stoa.hub.hf;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.RefService;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** {@code GET /api/{type}s/{ns}/{name}/refs[?include_prs=1]}: huggingface_hub's list_repo_refs. */
@Path("/api/{type: models|datasets}/{ns}/{name}/refs")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class RefsResource {

    private final RepoAccess access;
    private final RefService refs;
    private final SecurityIdentity identity;

    public RefsResource(RepoAccess access, RefService refs, SecurityIdentity identity) {
        this.access = access;
        this.refs = refs;
        this.identity = identity;
    }

    /** {@code converts} is always present (the client requires it); Stoa makes no conversions. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Listing(List<RefService.RefEntry> branches, List<RefService.RefEntry> tags,
                          List<RefService.RefEntry> converts, List<RefService.RefEntry> pullRequests) {
    }

    @GET
    public Listing list(@PathParam("type") String type, @PathParam("ns") String namespace, @PathParam("name") String name,
                        @QueryParam("include_prs") String includePrs) {
        RepoView repo = access.requireReadable(new RepoId(RepoType.fromPlural(type), namespace, name), Caller.of(identity));
        boolean withPrs = QueryFlags.isTrue(includePrs);
        RefService.RefListing listing = refs.list(repo, withPrs);
        return new Listing(listing.branches(), listing.tags(), List.of(), withPrs ? listing.pullRequests() : null);
    }
}
