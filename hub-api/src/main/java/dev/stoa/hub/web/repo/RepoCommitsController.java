package dev.stoa.hub.web.repo;

import dev.stoa.hub.files.OpenRevision;
import dev.stoa.hub.files.RepoRevisions;
import dev.stoa.hub.files.RepoTreeReader;
import dev.stoa.hub.repo.HistoryService;
import dev.stoa.hub.repo.RawRepoPath;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.hub.web.PortalPaths;
import dev.stoa.ui.pages.RepoCommitPage;
import dev.stoa.ui.pages.RepoCommitsPage;
import dev.stoa.ui.repo.ChangeRow;
import dev.stoa.ui.repo.CommitRow;
import dev.stoa.ui.repo.CommitView;
import dev.stoa.ui.repo.CommitsView;
import dev.stoa.ui.repo.Crumb;
import dev.stoa.ui.view.RepoHeader;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.jgit.revwalk.RevCommit;

import java.util.Arrays;
import java.util.List;

/**
 * The history {@code /ns/name/commits/rev[/path]} (30 commits a page, {@code ?p=} from 0 as on the Hub) and one
 * commit {@code /ns/name/commit/oid} with the files it changed: the {@code commitUrl} the commit API returns.
 */
@Path("/")
@Blocking
public class RepoCommitsController {

    static final int PAGE_SIZE = 30;
    static final int MAX_CHANGES = 1000;

    private final RepoPageParts parts;
    private final HistoryService history;
    private final RepoRevisions revisions;
    private final CommitChanges changes;

    public RepoCommitsController(RepoPageParts parts, HistoryService history, RepoRevisions revisions, CommitChanges changes) {
        this.parts = parts;
        this.history = history;
        this.revisions = revisions;
        this.changes = changes;
    }

    @GET
    @Path(PortalPaths.REPO + "/commits/{rest: .+}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance historyPage(@PathParam("kind") String kind, @PathParam("ns") String namespace, @PathParam("name") String name,
                                        @QueryParam("p") int page, @Context HttpServerRequest request) {
        return history(PortalPaths.type(kind), namespace, name, page, request);
    }

    @GET
    @Path(PortalPaths.REPO + "/commit/{oid}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance commitPage(@PathParam("kind") String kind, @PathParam("ns") String namespace, @PathParam("name") String name,
                                       @PathParam("oid") String oid) {
        return commit(PortalPaths.type(kind), namespace, name, oid);
    }

    private TemplateInstance history(RepoType type, String namespace, String name, int page, HttpServerRequest request) {
        RepoView repo = parts.readable(type, namespace, name);
        RawRepoPath target = RepoPageParts.target(request.path(), type, namespace, name, "commits");
        String revision = target.revision();
        String path = RepoTreeReader.normalize(target.path());
        int number = Math.max(0, page);
        RepoHeader header = parts.portal().header(repo, "commits", revision);
        HistoryService.CommitPage commits = history.page(repo, revision, path, number, PAGE_SIZE);
        List<CommitRow> rows = commits.commits().stream().map(c -> row(repo, c)).toList();
        String here = RepoPageParts.at(repo, "commits", revision, path);
        CommitsView view = new CommitsView(parts.refSwitch(repo, revision, rev -> RepoPageParts.at(repo, "commits", rev, path)),
                path, rows, number + 1,
                number > 0 ? here + (number > 1 ? "?p=" + (number - 1) : "") : null,
                commits.hasMore() ? here + "?p=" + (number + 1) : null);
        return new RepoCommitsPage(parts.site(), parts.viewer(), header, view);
    }

    private TemplateInstance commit(RepoType type, String namespace, String name, String oid) {
        RepoView repo = parts.readable(type, namespace, name);
        try (OpenRevision at = revisions.open(repo, oid)) {
            RevCommit commit = at.commit();
            String id = at.commitId();
            RepoHeader header = parts.portal().header(repo, "commits", id);
            CommitChanges.Changes changed = changes.of(at, MAX_CHANGES);
            String base = PortalPaths.page(repo);
            List<ChangeRow> rows = changed.changes().stream().map(change -> new ChangeRow(change.entry().path(), change.kind(),
                    change.entry().size(), change.entry().lfs().isPresent(),
                    change.deleted() ? RepoPageParts.at(repo, "blob", commit.getParentCount() > 0 ? commit.getParent(0).name() : id,
                            change.entry().path()) : RepoPageParts.at(repo, "blob", id, change.entry().path()))).toList();
            List<Crumb> parents = Arrays.stream(commit.getParents())
                    .map(parent -> new Crumb(parent.name().substring(0, 10), base + "/commit/" + parent.name())).toList();
            CommitView view = new CommitView(row(repo, HistoryService.CommitEntry.of(commit)), parents, rows, changed.truncated());
            return new RepoCommitPage(parts.site(), parts.viewer(), header, view);
        }
    }

    private static CommitRow row(RepoView repo, HistoryService.CommitEntry commit) {
        return new CommitRow(commit.id(), commit.title(), commit.message(), String.join(", ", commit.authors()), commit.date(),
                PortalPaths.page(repo) + "/commit/" + commit.id(), RepoPageParts.at(repo, "tree", commit.id(), ""));
    }
}
