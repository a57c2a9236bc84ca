package dev.stoa.hub.check;

import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.files.OpenRevision;
import dev.stoa.hub.files.RepoRevisions;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.spi.Metric;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The check runs of a repository's revisions: who can read the repository reads them; who can write to it
 * re-runs and cancels them.
 */
@Path("/api/v1/repos/{type}/{ns}/{name}/checks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Checks")
public class CheckRunResource {

    private final RepoAccess access;
    private final RepoRevisions revisions;
    private final CheckQueue queue;
    private final SecurityIdentity identity;

    public CheckRunResource(RepoAccess access, RepoRevisions revisions, CheckQueue queue, SecurityIdentity identity) {
        this.access = access;
        this.revisions = revisions;
        this.queue = queue;
        this.identity = identity;
    }

    /** The runs of one commit. */
    public record RevisionChecks(String repo, String revision, String commit, List<RunJson> checks) {
    }

    /** One run as the API shows it. */
    public record RunJson(long id, String check, String plugin, String commit, String status, String verdict,
                         List<FindingJson> findings, List<Map<String, Object>> metrics, String summary, int attempts,
                         Instant createdAt, Instant startedAt, Instant finishedAt, String lastError) {
        static RunJson of(CheckRunView run) {
            return new RunJson(run.id(), run.check(), run.pluginId(), run.commit(), run.status().name(), run.verdict(),
                    run.findings().stream().map(f -> new FindingJson(f.severity().name(), f.code(), f.path(), f.message())).toList(),
                    run.metrics().stream().map(RunJson::metric).toList(), run.summary(), run.attempts(), run.createdAt(),
                    run.startedAt(), run.finishedAt(), run.lastError());
        }

        private static Map<String, Object> metric(Metric metric) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", metric.name());
            switch (metric) {
                case Metric.Count c -> row.put("value", c.value());
                case Metric.Number n -> {
                    row.put("value", Double.isFinite(n.value()) ? n.value() : null);
                    if (n.unit() != null) {
                        row.put("unit", n.unit());
                    }
                }
                case Metric.Text t -> row.put("value", t.value());
                case Metric.Flag f -> row.put("value", f.value());
            }
            return row;
        }
    }

    public record FindingJson(String severity, String code, String path, String message) {
    }

    @GET
    @Operation(summary = "The check runs of a revision", description = "revision: a branch, tag or commit; main by default.")
    public RevisionChecks list(@PathParam("type") String type, @PathParam("ns") String namespace, @PathParam("name") String name,
                               @QueryParam("revision") String revision) {
        RepoView repo = access.requireReadable(id(type, namespace, name), Caller.of(identity));
        String rev = revision == null || revision.isBlank() ? "main" : revision;
        String commit = commitOf(repo, rev);
        return new RevisionChecks(repo.repoId().id(), rev, commit, queue.list(repo.id(), commit).stream().map(RunJson::of).toList());
    }

    @GET
    @Path("/{id: [0-9]+}")
    @Operation(summary = "One check run")
    public RunJson get(@PathParam("type") String type, @PathParam("ns") String namespace, @PathParam("name") String name,
                       @PathParam("id") long id) {
        RepoView repo = access.requireReadable(id(type, namespace, name), Caller.of(identity));
        return RunJson.of(queue.find(repo.id(), id).orElseThrow(() -> notFound(repo, id)));
    }

    @POST
    @Path("/rerun")
    @Operation(summary = "Run a revision's checks again", description = "All checks, or the one named by check=<plugin>/<name>;"
            + " checks of plugins enabled since the commit are added. Writers of the repository only.")
    public Response rerun(@PathParam("type") String type, @PathParam("ns") String namespace, @PathParam("name") String name,
                          @QueryParam("revision") String revision, @QueryParam("check") String check) {
        RepoView repo = access.requireWritable(id(type, namespace, name), Caller.of(identity));
        String rev = revision == null || revision.isBlank() ? "main" : revision;
        String commit = commitOf(repo, rev);
        List<RunJson> runs = queue.rerun(repo.id(), commit, Optional.ofNullable(check).filter(c -> !c.isBlank()))
                .stream().map(RunJson::of).toList();
        return Response.accepted(new RevisionChecks(repo.repoId().id(), rev, commit, runs)).build();
    }

    @POST
    @Path("/{id: [0-9]+}/cancel")
    @Operation(summary = "Cancel a queued or running check run", description = "Writers of the repository only.")
    public RunJson cancel(@PathParam("type") String type, @PathParam("ns") String namespace, @PathParam("name") String name,
                          @PathParam("id") long id) {
        RepoView repo = access.requireWritable(id(type, namespace, name), Caller.of(identity));
        CheckRunView run = queue.find(repo.id(), id).orElseThrow(() -> notFound(repo, id));
        return RunJson.of(queue.cancel(repo.id(), id).orElseThrow(() -> ApiException.conflict("CheckRunFinished",
                "Check run " + id + " already " + run.status() + "; re-run it with POST .../checks/rerun?check=" + run.check() + ".")));
    }

    private static RepoId id(String type, String namespace, String name) {
        return new RepoId(RepoType.fromPlural(type), namespace, name);
    }

    private String commitOf(RepoView repo, String revision) {
        try (OpenRevision at = revisions.open(repo, revision)) {
            return at.commitId();
        }
    }

    private static ApiException notFound(RepoView repo, long id) {
        return ApiException.notFound("CheckRunNotFound", "Repository " + repo.repoId() + " has no check run " + id
                + "; GET .../checks?revision=<rev> lists them.");
    }
}
