package dev.stoa.hub.web.repo;

import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.files.CommitSummary;
import dev.stoa.hub.files.LastCommits;
import dev.stoa.hub.files.OpenRevision;
import dev.stoa.hub.files.RepoEntry;
import dev.stoa.hub.files.RepoRevisions;
import dev.stoa.hub.files.RepoTreeReader;
import dev.stoa.hub.repo.RawRepoPath;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.hub.web.PortalPaths;
import dev.stoa.ui.pages.RepoFilesPage;
import dev.stoa.ui.repo.FileRow;
import dev.stoa.ui.repo.FilesView;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The files tab {@code /ns/name/tree/rev[/path]}: one folder of one revision, a page of entries at a time, each
 * with its size, LFS badge, last commit, download link and (for LFS files) sha256; links to the upload, edit
 * and delete pages for people who may write.
 */
@Path("/")
@Blocking
public class RepoFilesController {

    static final int PAGE_SIZE = 200;

    private final RepoPageParts parts;
    private final RepoRevisions revisions;
    private final RepoTreeReader tree;
    private final LastCommits lastCommits;
    private final RepoAccess access;

    public RepoFilesController(RepoPageParts parts, RepoRevisions revisions, RepoTreeReader tree, LastCommits lastCommits,
                               RepoAccess access) {
        this.parts = parts;
        this.revisions = revisions;
        this.tree = tree;
        this.lastCommits = lastCommits;
        this.access = access;
    }

    @GET
    @Path(PortalPaths.REPO + "/tree/{rest: .+}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance files(@PathParam("kind") String kind, @PathParam("ns") String namespace, @PathParam("name") String name,
                                  @QueryParam("offset") int offset, @Context HttpServerRequest request) {
        return page(PortalPaths.type(kind), namespace, name, offset, request);
    }

    private TemplateInstance page(RepoType type, String namespace, String name, int offset, HttpServerRequest request) {
        RepoView repo = parts.readable(type, namespace, name);
        RawRepoPath target = RepoPageParts.target(request.path(), type, namespace, name, "tree");
        String revision = target.revision();
        String folder = RepoTreeReader.normalize(target.path());
        int from = Math.max(0, offset);
        RepoHeader header = parts.portal().header(repo, "files", revision);
        boolean canDownloadAll = access.canDownload(repo, parts.portal().caller());
        try (OpenRevision at = revisions.open(repo, revision)) {
            RepoTreeReader.Page listing = tree.list(at, folder, false, from, PAGE_SIZE);
            Map<String, CommitSummary> last = lastCommits.of(at.git(), at.commit(),
                    listing.entries().stream().map(RepoEntry::path).toList());
            List<FileRow> rows = new ArrayList<>();
            // folders first, as people expect; git's order within each
            List<RepoEntry> ordered = new ArrayList<>(listing.entries());
            ordered.sort(java.util.Comparator.comparing(RepoEntry::isFile));
            for (RepoEntry entry : ordered) {
                rows.add(row(repo, revision, entry, last.get(entry.path()), header.canWrite(),
                        canDownloadAll || RepoAccess.isTermsFile(entry.path())));
            }
            String here = RepoPageParts.at(repo, "tree", revision, folder);
            FilesView files = new FilesView(
                    parts.refSwitch(repo, revision, rev -> RepoPageParts.at(repo, "tree", rev, folder)),
                    folder, RepoPageParts.crumbs(repo, revision, folder), rows, at.commitId(),
                    PortalPaths.page(repo) + "/commit/" + at.commitId(),
                    RepoPageParts.at(repo, "commits", revision, folder),
                    folder.isEmpty() ? null : RepoPageParts.at(repo, "tree", revision, RepoPageParts.parentOf(folder)),
                    header.canWrite() ? RepoPageParts.at(repo, "upload", revision, "") : null,
                    from > 0 ? here + (from > PAGE_SIZE ? "?offset=" + (from - PAGE_SIZE) : "") : null,
                    listing.hasMore() ? here + "?offset=" + (from + PAGE_SIZE) : null,
                    canDownloadAll, PortalPaths.page(repo) + "/ask-access");
            return new RepoFilesPage(parts.site(), parts.viewer(), header, files);
        }
    }

    private static FileRow row(RepoView repo, String revision, RepoEntry entry, CommitSummary last, boolean canWrite,
                               boolean canDownload) {
        String lastUrl = last == null ? null : PortalPaths.page(repo) + "/commit/" + last.id();
        if (!entry.isFile()) {
            return new FileRow(entry.name(), true, RepoPageParts.at(repo, "tree", revision, entry.path()), 0, false, null,
                    last == null ? null : last.title(), lastUrl, last == null ? null : last.date(), null, null, null);
        }
        boolean lfs = entry.lfs().isPresent();
        return new FileRow(entry.name(), false, RepoPageParts.at(repo, "blob", revision, entry.path()), entry.size(), lfs,
                entry.lfs().map(pointer -> pointer.sha256()).orElse(null),
                last == null ? null : last.title(), lastUrl, last == null ? null : last.date(),
                canDownload ? RepoPageParts.at(repo, "resolve", revision, entry.path()) + "?download=true" : null,
                canWrite && !lfs ? RepoPageParts.at(repo, "edit", revision, entry.path()) : null,
                canWrite ? RepoPageParts.at(repo, "delete", revision, entry.path()) : null);
    }
}
