package dev.stoa.hub.web.publish;

import dev.stoa.hub.web.PortalPaths;
import dev.stoa.ui.repo.Links;
import dev.stoa.hub.files.OpenRevision;
import dev.stoa.hub.files.RepoRevisions;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.hub.web.PageContext;
import dev.stoa.hub.web.PortalRepos;
import dev.stoa.ui.pages.UploadPage;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /{ns}/{name}/upload/{rev}}: the browser uploader. The page only describes the repository; its script
 * uploads through the same endpoints huggingface_hub uses (preupload, the git-lfs batch API with multipart
 * transfers, the commit API), so every rule of the API applies, and bytes never pass through this page.
 */
@Path("/")
@Blocking
@Produces(MediaType.TEXT_HTML)
public class UploadController {

    private final PageContext pages;
    private final SecurityIdentity identity;
    private final PortalRepos portal;
    private final RepoRevisions revisions;

    public UploadController(PageContext pages, SecurityIdentity identity, PortalRepos portal, RepoRevisions revisions) {
        this.pages = pages;
        this.identity = identity;
        this.portal = portal;
        this.revisions = revisions;
    }

    @GET
    @Path(PortalPaths.REPO + "/upload/{rev}")
    public UploadPage uploadPage(@PathParam("kind") String kind, @PathParam("ns") String ns, @PathParam("name") String name,
                                 @PathParam("rev") String rev) {
        return page(PortalPaths.type(kind), ns, name, rev);
    }

    private UploadPage page(RepoType type, String ns, String name, String rev) {
        RepoView repo = portal.writable(type, ns, name);
        try (OpenRevision ignored = revisions.open(repo, rev)) {
            // only checks that the branch exists: a missing one is a "not found" page, not a failing upload later
        }
        String path = PortalPaths.page(repo.repoId());
        return new UploadPage(pages.site(), pages.viewer(identity), portal.header(repo, "files", rev), rev,
                "/api/" + type.plural() + "/" + repo.repoId().id(), path + ".git/info/lfs/objects/batch",
                path + "/tree/" + Links.segment(rev));
    }
}
