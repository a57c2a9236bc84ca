package dev.stoa.hub.web.repo;

import dev.stoa.hub.check.CheckQueue;
import dev.stoa.hub.check.CheckRunView;
import dev.stoa.hub.files.OpenRevision;
import dev.stoa.hub.files.RepoRevisions;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.hub.web.PortalPaths;
import dev.stoa.spi.Metric;
import dev.stoa.ui.markdown.MarkdownHtml;
import dev.stoa.ui.pages.RepoChecksPage;
import dev.stoa.ui.repo.CheckRow;
import dev.stoa.ui.repo.ChecksView;
import dev.stoa.ui.repo.FindingRow;
import dev.stoa.ui.repo.MetricRow;
import dev.stoa.ui.view.RepoHeader;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * The checks tab {@code /ns/name/checks?revision=}: each check run of the revision's commit (main by default)
 * with its status, verdict, findings, summary (sanitised Markdown) and metrics, and a link to its details.
 */
@Path("/")
@Blocking
public class RepoChecksController {

    private final RepoPageParts parts;
    private final RepoRevisions revisions;
    private final CheckQueue checks;

    public RepoChecksController(RepoPageParts parts, RepoRevisions revisions, CheckQueue checks) {
        this.parts = parts;
        this.revisions = revisions;
        this.checks = checks;
    }

    @GET
    @Path(PortalPaths.REPO + "/checks")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance checks(@PathParam("kind") String kind, @PathParam("ns") String namespace, @PathParam("name") String name,
                                   @QueryParam("revision") String revision) {
        return page(PortalPaths.type(kind), namespace, name, revision);
    }

    private TemplateInstance page(RepoType type, String namespace, String name, String asked) {
        RepoView repo = parts.readable(type, namespace, name);
        String revision = asked == null || asked.isBlank() ? "main" : asked;
        RepoHeader header = parts.portal().header(repo, "checks", revision);
        String commit;
        try (OpenRevision at = revisions.open(repo, revision)) {
            commit = at.commitId();
        }
        String base = PortalPaths.page(repo);
        String api = "/api/v1/repos/" + type.plural() + "/" + repo.repoId().id() + "/checks/";
        List<CheckRunView> runs = checks.list(repo.id(), commit);
        List<CheckRow> rows = runs.stream().map(run -> new CheckRow(run.id(), run.check(), run.pluginId(), run.status().name(),
                run.verdict(),
                run.findings().stream().map(f -> new FindingRow(f.severity().name(), f.code(), f.path(), f.message())).toList(),
                run.metrics().stream().map(m -> new MetricRow(m.name(), value(m))).toList(),
                run.summary() == null ? "" : MarkdownHtml.render(run.summary()), run.lastError(), run.finishedAt(),
                api + run.id())).toList();
        ChecksView view = new ChecksView(
                parts.refSwitch(repo, revision, rev -> base + "/checks?revision=" + dev.stoa.ui.repo.Links.query(rev)),
                commit, base + "/commit/" + commit, rows, runs.stream().anyMatch(run -> !run.status().isFinished()));
        return new RepoChecksPage(parts.site(), parts.viewer(), header, view);
    }

    private static String value(Metric metric) {
        return switch (metric) {
            case Metric.Count count -> Long.toString(count.value());
            case Metric.Number number -> (Double.isFinite(number.value()) ? String.valueOf(number.value()) : "–")
                    + (number.unit() == null ? "" : " " + number.unit());
            case Metric.Text text -> text.value();
            case Metric.Flag flag -> flag.value() ? "yes" : "no";
        };
    }
}
