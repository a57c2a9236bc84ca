package dev.stoa.hub.hf;

import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.check.CheckSummaries;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.files.CommitSummary;
import dev.stoa.hub.files.LastCommits;
import dev.stoa.hub.files.OpenRevision;
import dev.stoa.hub.files.RepoRevisions;
import dev.stoa.hub.files.RepoTreeReader;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.ops.BaseUrl;
import dev.stoa.hub.repo.RawRepoPath;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/{type}s/{ns}/{name}/tree/{rev}[/{path}]?recursive=&expand=}: huggingface_hub's
 * list_repo_tree, one page at a time, with the next page in an absolute {@code Link} built from
 * the {@link BaseUrl}. The next page is pinned to the commit the first page was read at, so a branch that
 * moves meanwhile never mixes two trees in one listing.
 */
@Path("/api/{type: models|datasets}/{ns}/{name}/tree/{rest: .+}")
@Blocking
public class TreeResource {

    static final int DEFAULT_PAGE = 1000;
    static final int MAX_PAGE = 1000;

    private final RepoAccess access;
    private final RepoRevisions revisions;
    private final RepoTreeReader tree;
    private final LastCommits lastCommits;
    private final SecurityIdentity identity;
    private final CheckSummaries checks;
    private final BaseUrl baseUrl;

    public TreeResource(RepoAccess access, RepoRevisions revisions, RepoTreeReader tree, LastCommits lastCommits,
                        SecurityIdentity identity, BaseUrl baseUrl, CheckSummaries checks) {
        this.access = access;
        this.revisions = revisions;
        this.tree = tree;
        this.lastCommits = lastCommits;
        this.identity = identity;
        this.checks = checks;
        this.baseUrl = baseUrl;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response tree(@PathParam("type") String type, @PathParam("ns") String namespace, @PathParam("name") String name,
                         @QueryParam("recursive") String recursive, @QueryParam("expand") String expand,
                         @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                         @Context HttpServerRequest request) {
        RepoId id = new RepoId(RepoType.fromPlural(type), namespace, name);
        RepoView repo = access.requireReadable(id, Caller.of(identity));
        RawRepoPath target = RawRepoPath.parse(request.path(), List.of("api", type), id, "tree");
        int pageSize = pageSize(limit);
        int offset = offset(cursor);
        boolean isRecursive = QueryFlags.isTrue(recursive);
        boolean isExpanded = QueryFlags.isTrue(expand);
        try (OpenRevision at = revisions.open(repo, target.revision())) {
            RepoTreeReader.Page page = tree.list(at, target.path(), isRecursive, offset, pageSize);
            Map<String, CommitSummary> last = isExpanded
                    ? lastCommits.of(at.git(), at.commit(), page.entries().stream().map(e -> e.path()).toList())
                    : Map.of();
            CheckSummaries.FileStatuses security = isExpanded ? checks.files(repo.id(), at.commitId()) : null;
            List<TreeEntryJson> body = page.entries().stream().map(e -> TreeEntryJson.of(e, last.get(e.path()), security)).toList();
            Response.ResponseBuilder response = Response.ok(body).header("X-Repo-Commit", at.commitId());
            if (page.hasMore()) {
                response.header("Link", "<" + nextPage(id, at.commitId(), target.path(), isRecursive, isExpanded, pageSize,
                        offset + page.entries().size()) + ">; rel=\"next\"");
            }
            return response.build();
        }
    }

    private String nextPage(RepoId id, String commit, String path, boolean recursive, boolean expand, int limit, int offset) {
        return baseUrl.link("/api/" + id.type().plural() + "/" + id.id() + "/tree/" + commit
                + (path.isEmpty() ? "" : "/" + RawRepoPath.encodeSegment(path))
                + "?recursive=" + recursive + "&expand=" + expand + "&limit=" + limit + "&cursor=" + cursor(offset));
    }

    private static int pageSize(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_PAGE;
        }
        try {
            int value = Integer.parseInt(limit.strip());
            if (value > 0) {
                return Math.min(value, MAX_PAGE);
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.invalidField("limit", "limit must be a whole number from 1 to " + MAX_PAGE + "; '" + limit + "' is not.");
    }

    static String cursor(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
            if (decoded.startsWith("offset:")) {
                int offset = Integer.parseInt(decoded.substring("offset:".length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw ApiException.invalidField("cursor", "The cursor is not one Stoa handed out; follow the Link header of the previous page.");
    }
}
