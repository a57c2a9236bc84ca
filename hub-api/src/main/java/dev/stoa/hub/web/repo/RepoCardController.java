package dev.stoa.hub.web.repo;

import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.card.RepoMetadataService;
import dev.stoa.hub.catalog.RepoCatalog;
import dev.stoa.hub.deployment.Deployments;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.files.OpenRevision;
import dev.stoa.hub.files.RepoEntry;
import dev.stoa.hub.files.RepoRevisions;
import dev.stoa.hub.files.RepoTreeReader;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.inference.ModelTarget;
import dev.stoa.hub.inference.ModelTargets;
import dev.stoa.hub.inference.OnDemandServing;
import dev.stoa.hub.repo.RepoMetadata;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.hub.web.PortalPaths;
import dev.stoa.hub.web.moderation.ModerationLines;
import dev.stoa.ui.markdown.MarkdownHtml;
import dev.stoa.ui.pages.ErrorPage;
import dev.stoa.ui.pages.RepoCardPage;
import dev.stoa.ui.repo.CardView;
import dev.stoa.ui.repo.ModelTree;
import dev.stoa.ui.repo.TryIt;
import dev.stoa.ui.view.RepoHeader;
import dev.stoa.ui.view.moderation.ModerationNotice;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The card page {@code /ns/name} (and {@code /datasets/ns/name}): the README rendered and sanitised, its YAML
 * metadata as chips, the model tree, how to use it with this Stoa, a notice when downloads are gated or files are
 * quarantined, and the report form.
 */
@Path("/")
@Blocking
public class RepoCardController {

    /** A card larger than this is not rendered (the Hub caps card size too). */
    private static final int MAX_CARD_BYTES = 1024 * 1024;

    private final RepoPageParts parts;
    private final RepoRevisions revisions;
    private final RepoTreeReader tree;
    private final RepoMetadataService metadata;
    private final RepoCatalog catalog;
    private final ModelTargets targets;
    private final OnDemandServing serving;
    private final Deployments deployments;
    private final RepoAccess access;
    private final ModerationLines moderation;

    public RepoCardController(RepoPageParts parts, RepoRevisions revisions, RepoTreeReader tree, RepoMetadataService metadata,
                              RepoCatalog catalog, RepoAccess access, ModerationLines moderation, ModelTargets targets,
                              OnDemandServing serving, Deployments deployments) {
        this.moderation = moderation;
        this.deployments = deployments;
        this.targets = targets;
        this.serving = serving;
        this.parts = parts;
        this.revisions = revisions;
        this.tree = tree;
        this.metadata = metadata;
        this.catalog = catalog;
        this.access = access;
    }

    @GET
    @Path(PortalPaths.REPO)
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance card(@PathParam("kind") String kind, @PathParam("ns") String namespace, @PathParam("name") String name,
                                 @QueryParam("reported") String reported) {
        return page(PortalPaths.type(kind), namespace, name, reported != null);
    }

    private TemplateInstance page(RepoType type, String namespace, String name, boolean reported) {
        RepoView repo = parts.readable(type, namespace, name);
        ModerationNotice notice = moderation.notice(repo, parts.portal().caller(), reported);
        RepoHeader header = parts.portal().header(repo, "card", "main");
        String base = PortalPaths.page(repo);
        String cloneUrl = parts.site().baseUrl() + base;
        String uploadUrl = header.canWrite() ? base + "/upload/main" : null;
        boolean canDownload = access.canDownload(repo, parts.portal().caller());
        String askAccess = base + "/ask-access";
        Map<String, Long> derived = type == RepoType.model ? catalog.derivedCounts(repo.repoId().id(), parts.portal().caller()) : Map.of();

        Optional<OpenRevision> opened = openMain(repo);
        if (opened.isEmpty()) {
            CardView empty = new CardView("", true, null, List.of(), CardFacts.tree(repo.repoId().id(), null, derived),
                    UseSnippets.of(parts.site().baseUrl(), repo, null), canDownload, askAccess, null, uploadUrl, cloneUrl);
            return new RepoCardPage(parts.site(), parts.viewer(), header, empty, notice, null);
        }
        try (OpenRevision at = opened.get()) {
            RepoMetadata meta = metadata.at(repo, at.git(), at.commit());
            String html = readme(at).map(MarkdownHtml::renderCard).orElse("");
            ModelTree modelTree = CardFacts.tree(repo.repoId().id(), meta, derived);
            String editUrl = header.canWrite() ? base + "/edit/main/README.md" : null;
            CardView card = new CardView(html, false, at.commitId(), CardFacts.metadata(type, meta), modelTree,
                    UseSnippets.of(parts.site().baseUrl(), repo, meta), canDownload, askAccess, editUrl, uploadUrl, cloneUrl);
            TryIt tryIt = type == RepoType.model && canDownload ? tryIt(repo, at.commitId(), base) : null;
            return new RepoCardPage(parts.site(), parts.viewer(), header, card, notice, tryIt);
        }
    }

    /** The "Try it" panel: whether the model runs here and, if not, the verdict, decided before anyone asks. */
    private TryIt tryIt(RepoView repo, String commit, String page) {
        Optional<Caller> caller = parts.portal().caller();
        String refusal;
        try {
            ModelTarget target = targets.target(repo.repoId().id(), repo, commit, caller);
            // A deployment serves it (private models included) whatever on-demand serving would say.
            refusal = deployments.serves(target, false) ? null : serving.refusal(target).orElse(null);
        } catch (ApiException e) {
            refusal = e.getMessage();
        }
        return new TryIt(repo.repoId().id(), refusal, caller.isPresent(), ErrorPage.signInUrlFor(page));
    }

    /** Main's head, or empty for a repository nothing was pushed to yet. */
    private Optional<OpenRevision> openMain(RepoView repo) {
        try {
            return Optional.of(revisions.open(repo, "main"));
        } catch (ApiException e) {
            if (e.status() == 404 && "RevisionNotFound".equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Optional<String> readme(OpenRevision at) {
        Optional<RepoEntry> entry = tree.find(at, "README.md").filter(RepoEntry::isFile);
        if (entry.isEmpty() || entry.get().lfs().isPresent() || entry.get().pointerSize() > MAX_CARD_BYTES) {
            return Optional.empty();
        }
        try {
            byte[] bytes = at.git().open(ObjectId.fromString(entry.get().oid()), Constants.OBJ_BLOB).getBytes();
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
