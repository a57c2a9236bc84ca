package dev.stoa.hub.policy;

import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.files.OpenRevision;
import dev.stoa.hub.files.RepoRevisions;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What the policy in force says of a revision of a repository, for everyone who can read the repository. */
@Path("/api/v1/repos/{type}/{ns}/{name}/policy")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Policies")
public class RepoPolicyResource {

    private final RepoAccess access;
    private final RepoRevisions revisions;
    private final PolicyEvaluations evaluations;
    private final SecurityIdentity identity;

    public RepoPolicyResource(RepoAccess access, RepoRevisions revisions, PolicyEvaluations evaluations, SecurityIdentity identity) {
        this.access = access;
        this.revisions = revisions;
        this.evaluations = evaluations;
        this.identity = identity;
    }

    /** The evaluation of one commit. */
    public record RevisionEvaluation(String repo, String revision, String commit, PolicyEvaluation evaluation) {
    }

    @GET
    @Operation(summary = "The policy evaluation of a revision",
            description = "revision: a branch, tag or commit; main by default. Required checks, license, base model's"
                    + " license terms, card fields, and whether the revision may be curated.")
    public RevisionEvaluation evaluate(@PathParam("type") String type, @PathParam("ns") String namespace,
                                       @PathParam("name") String name, @QueryParam("revision") String revision) {
        RepoView repo = access.requireReadable(new RepoId(RepoType.fromPlural(type), namespace, name), Caller.of(identity));
        String rev = revision == null || revision.isBlank() ? "main" : revision;
        String commit;
        try (OpenRevision at = revisions.open(repo, rev)) {
            commit = at.commitId();
        }
        return new RevisionEvaluation(repo.repoId().id(), rev, commit, evaluations.evaluate(repo, commit));
    }
}
