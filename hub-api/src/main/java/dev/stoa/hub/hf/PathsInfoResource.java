package dev.stoa.hub.hf;

import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.check.CheckSummaries;
import dev.stoa.hub.files.CommitSummary;
import dev.stoa.hub.files.LastCommits;
import dev.stoa.hub.files.OpenRevision;
import dev.stoa.hub.files.RepoEntry;
import dev.stoa.hub.files.RepoRevisions;
import dev.stoa.hub.files.RepoTreeReader;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/{type}s/{ns}/{name}/paths-info/{rev}}: huggingface_hub's get_paths_info, a form with
 * repeated {@code paths} and {@code expand} (the JavaScript client sends the same as JSON). Answers the tree
 * entries of the paths that exist, in the order asked; missing ones are simply absent.
 */
@Path("/api/{type: models|datasets}/{ns}/{name}/paths-info/{revision: .+}")
@Blocking
public class PathsInfoResource {

    private final RepoAccess access;
    private final RepoRevisions revisions;
    private final RepoTreeReader tree;
    private final LastCommits lastCommits;
    private final SecurityIdentity identity;
    private final CheckSummaries checks;

    public PathsInfoResource(RepoAccess access, RepoRevisions revisions, RepoTreeReader tree, LastCommits lastCommits,
                             SecurityIdentity identity, CheckSummaries checks) {
        this.access = access;
        this.revisions = revisions;
        this.tree = tree;
        this.lastCommits = lastCommits;
        this.identity = identity;
        this.checks = checks;
    }

    /** The JSON form of the request. */
    public record PathsRequest(List<String> paths, Object expand) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public List<TreeEntryJson> form(@PathParam("type") String type, @PathParam("ns") String namespace,
                                    @PathParam("name") String name, @PathParam("revision") String revision,
                                    @FormParam("paths") List<String> paths, @FormParam("expand") String expand) {
        return answer(new RepoId(RepoType.fromPlural(type), namespace, name), revision, paths, QueryFlags.isTrue(expand));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public List<TreeEntryJson> json(@PathParam("type") String type, @PathParam("ns") String namespace,
                                    @PathParam("name") String name, @PathParam("revision") String revision,
                                    PathsRequest body) {
        List<String> paths = body == null ? null : body.paths();
        boolean expand = body != null && body.expand() != null && QueryFlags.isTrue(String.valueOf(body.expand()));
        return answer(new RepoId(RepoType.fromPlural(type), namespace, name), revision, paths, expand);
    }

    private List<TreeEntryJson> answer(RepoId id, String revision, List<String> paths, boolean expand) {
        RepoView repo = access.requireReadable(id, Caller.of(identity));
        try (OpenRevision at = revisions.open(repo, revision)) {
            List<RepoEntry> entries = tree.findAll(at, paths == null ? List.of() : paths);
            Map<String, CommitSummary> last = expand
                    ? lastCommits.of(at.git(), at.commit(), entries.stream().map(RepoEntry::path).toList())
                    : Map.of();
            CheckSummaries.FileStatuses security = expand ? checks.files(repo.id(), at.commitId()) : null;
            return entries.stream().map(e -> TreeEntryJson.of(e, last.get(e.path()), security)).toList();
        }
    }
}
