package dev.stoa.hub.web.repo;

import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.files.OpenRevision;
import dev.stoa.hub.files.RepoEntry;
import dev.stoa.hub.files.RepoRevisions;
import dev.stoa.hub.files.RepoTreeReader;
import dev.stoa.hub.repo.RawRepoPath;
import dev.stoa.hub.repo.RepoErrors;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.hub.storage.Sha256;
import dev.stoa.hub.web.PortalPaths;
import dev.stoa.ui.markdown.MarkdownHtml;
import dev.stoa.ui.pages.RepoBlobPage;
import dev.stoa.ui.repo.BlobView;
import dev.stoa.ui.repo.Links;
import dev.stoa.ui.view.RepoHeader;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The file viewer {@code /ns/name/blob/rev/path}: size, sha256 and download for every file; the text of a small
 * text file, escaped (Markdown rendered and sanitised). The content of a gated repository's files is shown only
 * to people who may download them, by the same rule as the resolve route.
 */
@Path("/")
@Blocking
public class RepoBlobController {

    /** Text files up to this size are shown in the page; larger ones are downloaded. */
    static final int TEXT_CAP = 512 * 1024;

    private final RepoPageParts parts;
    private final RepoRevisions revisions;
    private final RepoTreeReader tree;
    private final RepoAccess access;

    public RepoBlobController(RepoPageParts parts, RepoRevisions revisions, RepoTreeReader tree, RepoAccess access) {
        this.parts = parts;
        this.revisions = revisions;
        this.tree = tree;
        this.access = access;
    }

    @GET
    @Path(PortalPaths.REPO + "/blob/{rest: .+}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance blob(@PathParam("kind") String kind, @PathParam("ns") String namespace, @PathParam("name") String name,
                                 @Context HttpServerRequest request) {
        return page(PortalPaths.type(kind), namespace, name, request);
    }

    private TemplateInstance page(RepoType type, String namespace, String name, HttpServerRequest request) {
        RepoView repo = parts.readable(type, namespace, name);
        RawRepoPath target = RepoPageParts.target(request.path(), type, namespace, name, "blob");
        String revision = target.revision();
        String path = RepoTreeReader.normalize(target.path());
        RepoHeader header = parts.portal().header(repo, "files", revision);
        Optional<String> quarantined = access.quarantineOf(repo, path).map(q -> q.reason());
        boolean canDownload = quarantined.isEmpty()
                && (RepoAccess.isTermsFile(path) || access.canDownload(repo, parts.portal().caller()));
        try (OpenRevision at = revisions.open(repo, revision)) {
            RepoEntry entry = tree.find(at, path).filter(RepoEntry::isFile)
                    .orElseThrow(() -> RepoErrors.entryNotFound(repo.repoId(), at.commitId(), path));
            boolean lfs = entry.lfs().isPresent();
            String sha256 = lfs ? entry.lfs().get().sha256() : canDownload ? sha256(at, entry) : null;
            String text = null;
            String markdown = null;
            String reason = null;
            if (lfs) {
                reason = "This file is stored with git-lfs (" + Links.bytes(entry.size()) + "): it is not shown here.";
            } else if (entry.size() > TEXT_CAP) {
                reason = "This file is larger than " + Links.bytes(TEXT_CAP) + ", too large to show here.";
            } else if (canDownload) {
                Optional<String> content = text(at, entry);
                if (content.isEmpty()) {
                    reason = "This file is binary: it is not shown here.";
                } else {
                    text = content.get();
                    if (path.toLowerCase(Locale.ROOT).endsWith(".md")) {
                        markdown = MarkdownHtml.renderCard(text);
                    }
                }
            }
            BlobView blob = new BlobView(
                    parts.refSwitch(repo, revision, rev -> RepoPageParts.at(repo, "blob", rev, path)),
                    path, entry.name(), RepoPageParts.crumbs(repo, revision, path), entry.size(), lfs, sha256, entry.oid(),
                    text, markdown, reason, RepoPageParts.at(repo, "resolve", revision, path) + "?download=true",
                    canDownload, PortalPaths.page(repo) + "/ask-access",
                    header.canWrite() && !lfs ? RepoPageParts.at(repo, "edit", revision, path) : null,
                    header.canWrite() ? RepoPageParts.at(repo, "delete", revision, path) : null,
                    RepoPageParts.at(repo, "commits", revision, path), at.commitId(),
                    PortalPaths.page(repo) + "/commit/" + at.commitId(), quarantined.orElse(null));
            return new RepoBlobPage(parts.site(), parts.viewer(), header, blob);
        }
    }

    /** The text of a small regular file, or empty when it is not UTF-8 text. */
    private static Optional<String> text(OpenRevision at, RepoEntry entry) {
        byte[] bytes;
        try {
            bytes = load(at, entry).getCachedBytes(TEXT_CAP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (byte b : bytes) {
            if (b == 0) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException notText) {
            return Optional.empty();
        }
    }

    /** The sha256 of a regular file's content, read as a stream. */
    private static String sha256(OpenRevision at, RepoEntry entry) {
        try (InputStream in = load(at, entry).openStream()) {
            return Sha256.hexOf(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectLoader load(OpenRevision at, RepoEntry entry) {
        try {
            return at.git().open(ObjectId.fromString(entry.oid()), Constants.OBJ_BLOB);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
