package dev.stoa.hub.hf;

import dev.stoa.hub.access.RepoAccess;
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
 * {@code POST|DELETE /api/{type}s/{ns}/{name}/branch/{branch}}: huggingface_hub's create_branch and delete_branch.
 * The branch name arrives percent-encoded in one segment ({@code feature%2Fx}).
 */
@Path("/api/{type: models|datasets}/{ns}/{name}/branch/{branch: .+}")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class BranchResource {

    private final RepoAccess access;
    private final RefService refs;
    private final SecurityIdentity identity;

    public BranchResource(RepoAccess access, RefService refs, SecurityIdentity identity) {
        this.access = access;
        this.refs = refs;
        this.identity = identity;
    }

    /** {@code startingPoint}: the revision the branch starts at; the head of main when absent. */
    public record CreateBranch(String startingPoint) {
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public RefService.RefEntry create(@PathParam("type") String type, @PathParam("ns") String namespace,
                                      @PathParam("name") String name, @PathParam("branch") String branch, CreateBranch body) {
        RepoView repo = writable(type, namespace, name);
        return refs.createBranch(repo, branch, Optional.ofNullable(body).map(CreateBranch::startingPoint));
    }

    @DELETE
    public Map<String, Object> delete(@PathParam("type") String type, @PathParam("ns") String namespace,
                                      @PathParam("name") String name, @PathParam("branch") String branch) {
        refs.deleteBranch(writable(type, namespace, name), branch);
        return Map.of("success", true);
    }

    private RepoView writable(String type, String namespace, String name) {
        return access.requireWritable(new RepoId(RepoType.fromPlural(type), namespace, name), Caller.of(identity));
    }
}
