package dev.stoa.hub.web.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.evaluation.EvaluationRow;
import dev.stoa.hub.evaluation.EvaluationRuns;
import dev.stoa.hub.evaluation.Leaderboards;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.ops.PublicRoute;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.hub.web.CsrfTokens;
import dev.stoa.hub.web.PageContext;
import dev.stoa.hub.web.PortalPaths;
import dev.stoa.hub.web.PortalRepos;
import dev.stoa.ui.pages.EvaluationPage;
import dev.stoa.ui.pages.LeaderboardPage;
import dev.stoa.ui.view.evaluate.EvaluationForm;
import dev.stoa.ui.view.evaluate.EvaluationItem;
import dev.stoa.ui.view.evaluate.LeaderboardItem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/** A model's {@code /{ns}/{name}/evaluation} tab and a task's {@code /leaderboards/{ns}/{dataset}/{task}} page. */
@Path("/")
@Blocking
public class EvaluationsController {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final int SHOWN = 50;

    private final PageContext pages;
    private final SecurityIdentity identity;
    private final CsrfTokens csrf;
    private final PortalRepos portal;
    private final EvaluationRuns runs;
    private final Leaderboards leaderboards;
    private final ObjectMapper json;

    public EvaluationsController(PageContext pages, SecurityIdentity identity, CsrfTokens csrf, PortalRepos portal,
            EvaluationRuns runs, Leaderboards leaderboards, ObjectMapper json) {
        this.pages = pages;
        this.identity = identity;
        this.csrf = csrf;
        this.portal = portal;
        this.runs = runs;
        this.leaderboards = leaderboards;
        this.json = json;
    }

    @GET
    @Path(PortalPaths.REPO + "/evaluation")
    @Produces(MediaType.TEXT_HTML)
    public EvaluationPage tab(@PathParam("kind") String kind, @PathParam("ns") String ns, @PathParam("name") String name) {
        RepoView repo = model(kind, ns, name);
        return page(repo, new EvaluationForm("", "", ""), null);
    }

    @POST
    @Path(PortalPaths.REPO + "/evaluation")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response start(@PathParam("kind") String kind, @PathParam("ns") String ns, @PathParam("name") String name,
            @FormParam(CsrfTokens.FIELD) String token, @FormParam("task") String task,
            @FormParam("numFewshot") String numFewshot, @FormParam("limit") String limit) {
        csrf.verify(token);
        Caller caller = Caller.signedIn(identity, "run an evaluation");
        RepoView repo = model(kind, ns, name);
        EvaluationForm typed = new EvaluationForm(text(task), text(numFewshot), text(limit));
        try {
            ObjectNode body = json.createObjectNode().put("model", repo.repoId().id()).put("task", typed.task().strip());
            if (!typed.numFewshot().isBlank()) {
                body.put("num_fewshot", number("Few-shot examples", typed.numFewshot()));
            }
            if (!typed.limit().isBlank()) {
                body.put("limit", number("Documents", typed.limit()));
            }
            runs.start(caller, body);
            return Response.seeOther(URI.create(portalUrl(repo) + "/evaluation")).build();
        } catch (ApiException e) {
            if (e.status() == 401) {
                throw e;
            }
            return Response.status(e.status()).entity(page(repo, typed, e.getMessage())).type(MediaType.TEXT_HTML_TYPE)
                    .build();
        }
    }

    @GET
    @Path("/leaderboards/{namespace}/{dataset}/{task}")
    @PublicRoute("A leaderboard lists only the results the viewer may see: Leaderboards checks the dataset's and each"
            + " run's access.")
    @Produces(MediaType.TEXT_HTML)
    public LeaderboardPage leaderboard(@PathParam("namespace") String namespace, @PathParam("dataset") String dataset,
            @PathParam("task") String task, @QueryParam("metric") String metric, @QueryParam("license") String license,
            @QueryParam("maxParameters") String maxParameters) {
        OptionalLong max = OptionalLong.empty();
        if (maxParameters != null && !maxParameters.isBlank()) {
            max = OptionalLong.of(number("maxParameters", maxParameters));
        }
        Leaderboards.Board board = leaderboards.board(Caller.of(identity), namespace + "/" + dataset, task,
                new Leaderboards.Filter(blankless(metric), blankless(license), OptionalLong.empty(), max,
                        Optional.empty()));
        List<LeaderboardItem> items = new ArrayList<>();
        int rank = 1;
        for (Leaderboards.Entry e : board.entries()) {
            items.add(new LeaderboardItem(rank++, e.model(), e.kind().equals("external") ? null : "/" + e.model(),
                    e.kind(), e.base().orElse(null), format(e.value()), format(e.stderr()),
                    e.delta().isPresent() ? (e.delta().getAsDouble() >= 0 ? "+" : "") + format(e.delta().getAsDouble())
                            : null,
                    e.parameters().isPresent() ? String.format(Locale.ROOT, "%,d", e.parameters().getAsLong()) : "unknown",
                    e.license().orElse(null), "/api/v1/evaluations/" + e.runId()));
        }
        StringBuilder chart = new StringBuilder("/api/v1/leaderboards/").append(namespace).append('/').append(dataset)
                .append('/').append(task).append("/chart.svg?metric=").append(encode(board.metric()));
        blankless(license).ifPresent(l -> chart.append("&license=").append(encode(l)));
        max.ifPresent(m -> chart.append("&maxParameters=").append(m));
        return new LeaderboardPage(pages.site(), pages.viewer(identity), board.task(), "/datasets/" + namespace + "/"
                + dataset, board.metric(), board.metrics(), board.higherIsBetter(), items, chart.toString(),
                blankless(license).orElse(null), blankless(maxParameters).orElse(null));
    }

    private EvaluationPage page(RepoView repo, EvaluationForm form, String error) {
        List<EvaluationItem> items = runs.list(Caller.of(identity), Optional.of(repo.repoId().id()), Optional.empty(),
                Optional.empty(), false, SHOWN).stream().map(EvaluationsController::item).toList();
        return new EvaluationPage(pages.site(), pages.viewer(identity), portal.header(repo, "evaluation", "main"), items,
                form, error);
    }

    static EvaluationItem item(EvaluationRow run) {
        List<EvaluationItem.Score> scores = new ArrayList<>();
        run.metrics().ifPresent(m -> m.fields().forEachRemaining(f -> scores.add(new EvaluationItem.Score(f.getKey(),
                format(f.getValue().path("value").asDouble()), format(f.getValue().path("stderr").asDouble())))));
        String progress = run.total().map(t -> run.done() + " of " + t + " documents").orElse(null);
        String api = "/api/v1/evaluations/" + run.id();
        return new EvaluationItem(run.id().toString(), run.model(), run.task(), "/leaderboards/" + run.task(),
                run.status(), progress, scores, run.error().orElse(null), api,
                run.samplesKey().isPresent() ? api + "/samples" : null, run.ownerName(), MINUTE.format(run.createdAt()));
    }

    private RepoView model(String kind, String ns, String name) {
        if (PortalPaths.type(kind) != RepoType.model) {
            throw new NotFoundException();
        }
        return portal.readable(RepoType.model, ns, name);
    }

    private static String portalUrl(RepoView repo) {
        return "/" + repo.repoId().id();
    }

    private static long number(String field, String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalidField(field, field + " is a whole number; '" + text + "' is not.");
        }
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.2f" : "%.4f", value);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Optional<String> blankless(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
