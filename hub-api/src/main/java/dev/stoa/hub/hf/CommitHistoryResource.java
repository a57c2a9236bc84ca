package dev.stoa.hub.hf;

import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.ops.BaseUrl;
import dev.stoa.hub.repo.HistoryService;
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
import jakarta.ws.rs.core.Response;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/{type}s/{ns}/{name}/commits/{revision}}: huggingface_hub's list_repo_commits. Newest first,
 * {@code limit} commits a page (page {@code p}, from 0); the next page is named by an absolute
 * {@code Link: <...>; rel="next"} built from the configured base URL, which the client follows as it is.
 */
@Path("/api/{type: models|datasets}/{ns}/{name}/commits/{revision: .+}")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class CommitHistoryResource {

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 1000;

    private final RepoAccess access;
    private final HistoryService history;
    private final SecurityIdentity identity;
    private final BaseUrl baseUrl;

    public CommitHistoryResource(RepoAccess access, HistoryService history, SecurityIdentity identity, BaseUrl baseUrl) {
        this.access = access;
        this.history = history;
        this.identity = identity;
        this.baseUrl = baseUrl;
    }

    public record Author(String user) {
    }

    public record CommitInfo(String id, List<Author> authors, Instant date, String title, String message) {
    }

    @GET
    public Response list(@PathParam("type") String type, @PathParam("ns") String namespace, @PathParam("name") String name,
                         @PathParam("revision") String revision, @QueryParam("p") Integer page, @QueryParam("limit") Integer limit) {
        RepoView repo = access.requireReadable(new RepoId(RepoType.fromPlural(type), namespace, name), Caller.of(identity));
        int p = page == null ? 0 : page;
        int size = limit == null ? DEFAULT_PAGE_SIZE : limit;
        if (p < 0) {
            throw ApiException.invalidField("p", "The page 'p' must be 0 or more (0 is the newest commits).");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiException.invalidField("limit", "'limit' must be between 1 and " + MAX_PAGE_SIZE + " commits a page.");
        }
        HistoryService.CommitPage commits = history.page(repo, revision, p, size);
        Response.ResponseBuilder response = Response.ok(commits.commits().stream()
                .map(c -> new CommitInfo(c.id(), c.authors().stream().map(Author::new).toList(), c.date(), c.title(), c.message()))
                .toList());
        if (commits.hasMore()) {
            String next = baseUrl.link("/api/" + repo.type().plural() + "/" + repo.repoId().id()
                    + "/commits/" + encode(revision) + "?p=" + (p + 1) + (limit == null ? "" : "&limit=" + size));
            response.header("Link", "<" + next + ">; rel=\"next\"");
        }
        return response.build();
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
