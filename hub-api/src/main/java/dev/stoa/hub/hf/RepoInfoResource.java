package dev.stoa.hub.hf;

import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.card.RepoMetadataService;
import dev.stoa.hub.check.CheckSummaries;
import dev.stoa.hub.curation.CurationRequest;
import dev.stoa.hub.curation.CurationService;
import dev.stoa.hub.git.GitRepositories;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.Refs;
import dev.stoa.hub.repo.RepoErrors;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoMetadata;
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
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/{models|datasets}/{ns}/{name}[/revision/{revision}]}: huggingface_hub's model_info and
 * dataset_info. The revision arrives percent-encoded in one segment ({@code refs%2Fpr%2F1}).
 *
 * <p>The class path is the listing's ({@link RepoListResource}): JAX-RS picks one resource class by its path
 * before it looks at methods, so a class at {@code /api/models/{ns}/{name}} would never see these requests
 * next to one at {@code /api/models}.
 */
@Path("/api/{type: models|datasets}")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class RepoInfoResource {

    private final RepoAccess access;
    private final GitRepositories git;
    private final RepoMetadataService metadata;
    private final SecurityIdentity identity;
    private final CheckSummaries checks;
    private final CurationService curation;

    public RepoInfoResource(RepoAccess access, GitRepositories git, RepoMetadataService metadata, SecurityIdentity identity,
                            CheckSummaries checks, CurationService curation) {
        this.curation = curation;
        this.access = access;
        this.git = git;
        this.metadata = metadata;
        this.identity = identity;
        this.checks = checks;
    }

    @GET
    @Path("/{ns}/{name}")
    public Map<String, Object> info(@PathParam("type") String type, @PathParam("ns") String namespace,
                                    @PathParam("name") String name, @QueryParam("blobs") String blobs,
                                    @QueryParam("files_metadata") String filesMetadata,
                                    @QueryParam("securityStatus") String securityStatus,
                                    @QueryParam("expand") List<String> expand) {
        return info(type, namespace, name, "main", blobs, filesMetadata, securityStatus, expand);
    }

    @GET
    @Path("/{ns}/{name}/revision/{revision: .+}")
    public Map<String, Object> info(@PathParam("type") String type, @PathParam("ns") String namespace,
                                    @PathParam("name") String name, @PathParam("revision") String revision,
                                    @QueryParam("blobs") String blobs, @QueryParam("files_metadata") String filesMetadata,
                                    @QueryParam("securityStatus") String securityStatus,
                                    @QueryParam("expand") List<String> expand) {
        RepoId id = new RepoId(RepoType.fromPlural(type), namespace, name);
        RepoView repo = access.requireReadable(id, Caller.of(identity));
        try (Repository repository = git.open(repo.id())) {
            RevCommit commit = Refs.resolve(repository, revision).orElseThrow(() -> RepoErrors.revisionNotFound(id, revision));
            RepoMetadata card = metadata.at(repo, repository, commit);
            boolean withBlobs = QueryFlags.isTrue(blobs) || QueryFlags.isTrue(filesMetadata);
            java.util.Set<String> fields = RepoInfoFields.select(expand == null ? List.of() : expand, RepoInfoFields.INFO);
            Map<String, Object> body = RepoInfoFields.write(repo, card,
                    RepoInfoFields.GitFields.of(repository, commit, withBlobs), fields);
            if (fields.contains("curated")) {
                body.put("curated", curation.latestApproved(repo.id()).map(a -> curated(a, commit.name())).orElse(null));
            }
            boolean expanded = expand != null && expand.stream().flatMap(e -> java.util.Arrays.stream(e.split(",")))
                    .anyMatch(e -> e.strip().equals("securityRepoStatus"));
            if (QueryFlags.isTrue(securityStatus) || expanded) {
                body.put("securityRepoStatus", checks.repoStatus(repo.id(), commit.name()));
            }
            return body;
        }
    }

    /**
     * {@code curated}: the latest approval of the repository, whichever revision was asked for; {@code current} says
     * whether the revision asked for is that approved commit (a later commit is not curated).
     */
    private static Map<String, Object> curated(CurationRequest approval, String commit) {
        Map<String, Object> curated = new java.util.LinkedHashMap<>();
        curated.put("status", approval.status().name());
        curated.put("revision", approval.commit());
        curated.put("tag", approval.tag().orElse(null));
        curated.put("approvedBy", approval.decidedBy().orElse(null));
        curated.put("approvedAt", approval.decidedAt().orElse(null));
        curated.put("current", approval.commit().equals(commit));
        return curated;
    }
}
