package dev.stoa.hub.web.publish;

import dev.stoa.hub.web.PortalPaths;
import dev.stoa.ui.repo.Links;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.CommitRequest;
import dev.stoa.hub.repo.CommitService;
import dev.stoa.hub.repo.FileOperation;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.hub.web.CsrfTokens;
import dev.stoa.hub.web.PageContext;
import dev.stoa.hub.web.PortalRepos;
import dev.stoa.ui.markdown.MarkdownHtml;
import dev.stoa.ui.pages.DeleteFilePage;
import dev.stoa.ui.pages.EditFilePage;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The text editor {@code /{ns}/{name}/edit/{rev}/{path}} (with a Markdown preview that also works as a plain
 * form post), its script's preview endpoint {@code /{ns}/{name}/preview}, and file deletion
 * {@code /{ns}/{name}/delete/{rev}/{path}}; each change is one commit through {@link CommitService}.
 */
@Path("/")
@Blocking
@Produces(MediaType.TEXT_HTML)
public class FileEditController {

    private final PageContext pages;
    private final SecurityIdentity identity;
    private final CsrfTokens csrf;
    private final PortalRepos portal;
    private final RepoFileText files;
    private final CommitService commits;

    public FileEditController(PageContext pages, SecurityIdentity identity, CsrfTokens csrf, PortalRepos portal,
                              RepoFileText files, CommitService commits) {
        this.pages = pages;
        this.identity = identity;
        this.csrf = csrf;
        this.portal = portal;
        this.files = files;
        this.commits = commits;
    }

    // ---- editor

    @GET
    @Path(PortalPaths.REPO + "/edit/{rev}/{path: .+}")
    public EditFilePage editPage(@PathParam("kind") String kind, @PathParam("ns") String ns, @PathParam("name") String name,
                                 @PathParam("rev") String rev,
                                 @PathParam("path") String path) {
        return editor(PortalPaths.type(kind), ns, name, rev, path);
    }

    @POST
    @Path(PortalPaths.REPO + "/edit/{rev}/{path: .+}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response saveFile(@PathParam("kind") String kind, @PathParam("ns") String ns, @PathParam("name") String name,
                             @PathParam("rev") String rev,
                             @PathParam("path") String path, @FormParam(CsrfTokens.FIELD) String token,
                             @FormParam("action") String action, @FormParam("content") String content,
                             @FormParam("parent") String parent, @FormParam("summary") String summary,
                             @FormParam("description") String description) {
        return save(PortalPaths.type(kind), ns, name, rev, path, token, action, content, parent, summary, description);
    }

    @POST
    @Path(PortalPaths.REPO + "/preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response previewFile(@PathParam("kind") String kind, @PathParam("ns") String ns, @PathParam("name") String name,
                                @FormParam(CsrfTokens.FIELD) String token,
                                @FormParam("path") String path, @FormParam("content") String content) {
        return preview(PortalPaths.type(kind), ns, name, token, path, content);
    }

    // ---- deletion

    @GET
    @Path(PortalPaths.REPO + "/delete/{rev}/{path: .+}")
    public DeleteFilePage confirmDeletePage(@PathParam("kind") String kind, @PathParam("ns") String ns, @PathParam("name") String name,
                                            @PathParam("rev") String rev, @PathParam("path") String path) {
        return confirmDelete(PortalPaths.type(kind), ns, name, rev, path);
    }

    @POST
    @Path(PortalPaths.REPO + "/delete/{rev}/{path: .+}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response deleteFile(@PathParam("kind") String kind, @PathParam("ns") String ns, @PathParam("name") String name,
                               @PathParam("rev") String rev,
                               @PathParam("path") String path, @FormParam(CsrfTokens.FIELD) String token,
                               @FormParam("parent") String parent, @FormParam("summary") String summary) {
        return delete(PortalPaths.type(kind), ns, name, rev, path, token, parent, summary);
    }

    private EditFilePage editor(RepoType type, String ns, String name, String rev, String path) {
        RepoView repo = portal.writable(type, ns, name);
        RepoFileText.Loaded file = files.load(repo, rev, path, true);
        String verb = file.entry().isPresent() ? "Update " : "Create ";
        return page(repo, rev, path, file.entry().isPresent(), file.text(), file.commitId(), verb + path, "", null, null);
    }

    private Response save(RepoType type, String ns, String name, String rev, String path, String token, String action,
                          String content, String parent, String summary, String description) {
        csrf.verify(token);
        RepoView repo = portal.writable(type, ns, name);
        Caller caller = portal.caller().orElseThrow();
        // Browsers send a textarea's line breaks as CRLF; files keep the LF the editor showed.
        String text = content == null ? "" : content.replace("\r\n", "\n");
        RepoFileText.Loaded current = files.load(repo, rev, path, false);
        String message = summary == null || summary.isBlank() ? (current.entry().isPresent() ? "Update " : "Create ") + path : summary.strip();
        if ("preview".equals(action)) {
            return Response.ok(page(repo, rev, path, current.entry().isPresent(), text, parent, message, description,
                    previewHtml(path, text), null)).build();
        }
        try {
            commits.commit(repo, caller, new CommitRequest(rev, Optional.ofNullable(parent).filter(p -> !p.isBlank()), message,
                    description == null || description.isBlank() ? null : description,
                    List.of(new FileOperation.PutFile(path, text.getBytes(StandardCharsets.UTF_8))), false));
        } catch (ApiException e) {
            if (!PublishSupport.fixableOnForm(e)) {
                throw e;
            }
            String error = e.status() == 412
                    ? "Someone committed to " + rev + " since you opened the editor, so your text was not saved. It is still below:"
                      + " open the file again in another tab to compare, or commit again to replace their version."
                    : e.getMessage();
            // After a refused save, the next one is based on the branch as it is now.
            String base = e.status() == 412 ? current.commitId() : parent;
            return Response.status(e.status()).entity(page(repo, rev, path, current.entry().isPresent(), text, base, message,
                    description, null, error)).build();
        }
        return Response.seeOther(URI.create(PortalPaths.page(repo.repoId()) + "/blob/" + Links.segment(rev) + "/"
                + Links.path(path))).build();
    }

    private Response preview(RepoType type, String ns, String name, String token, String path, String content) {
        csrf.verify(token);
        portal.writable(type, ns, name);
        return Response.ok(previewHtml(path == null ? "" : path, content == null ? "" : content), MediaType.TEXT_HTML)
                .header("Cache-Control", "no-store").build();
    }

    private DeleteFilePage confirmDelete(RepoType type, String ns, String name, String rev, String path) {
        RepoView repo = portal.writable(type, ns, name);
        RepoFileText.Loaded file = files.load(repo, rev, path, false);
        if (file.entry().isEmpty()) {
            throw ApiException.notFound("EntryNotFound", "There is no file '" + path + "' on " + rev + " of " + repo.repoId().id() + ".");
        }
        return new DeleteFilePage(pages.site(), pages.viewer(identity), portal.header(repo, "files", rev), rev, path,
                Links.bytes(file.entry().get().size()), file.commitId(),
                PortalPaths.page(repo.repoId()) + "/delete/" + Links.segment(rev) + "/" + Links.path(path));
    }

    private Response delete(RepoType type, String ns, String name, String rev, String path, String token, String parent,
                            String summary) {
        csrf.verify(token);
        RepoView repo = portal.writable(type, ns, name);
        Caller caller = portal.caller().orElseThrow();
        String message = summary == null || summary.isBlank() ? "Delete " + path : summary.strip();
        commits.commit(repo, caller, new CommitRequest(rev, Optional.ofNullable(parent).filter(p -> !p.isBlank()), message, null,
                List.of(new FileOperation.DeleteFile(path)), false));
        int slash = path.lastIndexOf('/');
        String folder = slash < 0 ? "" : "/" + Links.path(path.substring(0, slash));
        return Response.seeOther(URI.create(PortalPaths.page(repo.repoId()) + "/tree/" + Links.segment(rev) + folder)).build();
    }

    private EditFilePage page(RepoView repo, String rev, String path, boolean exists, String text, String parent, String summary,
                              String description, String previewHtml, String error) {
        String base = PortalPaths.page(repo.repoId());
        return new EditFilePage(pages.site(), pages.viewer(identity), portal.header(repo, "files", rev), rev, path, exists, text,
                parent, summary, description, isMarkdown(path), previewHtml,
                base + "/edit/" + Links.segment(rev) + "/" + Links.path(path), base + "/preview", error);
    }

    private static boolean isMarkdown(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.endsWith(".md") || lower.endsWith(".markdown");
    }

    /** Sanitised HTML (MarkdownHtml), a card without its YAML block. */
    private static String previewHtml(String path, String text) {
        return path.toLowerCase(Locale.ROOT).endsWith("readme.md") ? MarkdownHtml.renderCard(text) : MarkdownHtml.render(text);
    }
}
