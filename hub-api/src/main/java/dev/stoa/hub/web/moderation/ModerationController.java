package dev.stoa.hub.web.moderation;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.moderation.Quarantine;
import dev.stoa.hub.moderation.Quarantines;
import dev.stoa.hub.moderation.Reports;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.web.CsrfTokens;
import dev.stoa.hub.web.PageContext;
import dev.stoa.ui.pages.ModerationQueuePage;
import dev.stoa.ui.view.Choice;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
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
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code /moderation}: the moderators' queue of reports (filtered by status, open ones by default) and active
 * quarantines, with a form to decide each report and to lift each quarantine. Moderators and administrators only:
 * anonymous visitors are offered sign-in (401), everyone else gets 403.
 */
@Path("/moderation")
@Blocking
public class ModerationController {

    private static final List<String> STATUSES = List.of("open", "dismissed", "quarantined", "hidden", "contacted", "all");
    private static final int PAGE = 200;

    private final PageContext pages;
    private final SecurityIdentity identity;
    private final CsrfTokens csrf;
    private final Reports reports;
    private final Quarantines quarantines;
    private final RepoService repos;

    public ModerationController(PageContext pages, SecurityIdentity identity, CsrfTokens csrf, Reports reports,
                                Quarantines quarantines, RepoService repos) {
        this.pages = pages;
        this.identity = identity;
        this.csrf = csrf;
        this.reports = reports;
        this.quarantines = quarantines;
        this.repos = repos;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public ModerationQueuePage queue(@QueryParam("status") String status, @QueryParam("notice") String notice) {
        moderator();
        String chosen = status != null && STATUSES.contains(status) ? status : "open";
        List<Choice> choices = STATUSES.stream().map(s -> new Choice(s, s, s.equals(chosen))).toList();
        return new ModerationQueuePage(pages.site(), pages.viewer(identity),
                reports.byStatus(chosen.equals("all") ? null : chosen, PAGE).stream().map(r -> ModerationLines.report(r, true)).toList(),
                choices, quarantines.list(true, PAGE, Long.MAX_VALUE).stream().map(q -> ModerationLines.quarantine(q, true)).toList(),
                notice == null ? null : Stream.of("decided", "lifted").filter(notice::equals).findFirst()
                        .map(n -> n.equals("decided") ? "Report decided: the reporter sees the outcome." : "Quarantine lifted: downloads work again.")
                        .orElse(null));
    }

    @POST
    @Path("/reports/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(@PathParam("id") long id, @FormParam(CsrfTokens.FIELD) String csrfToken,
                           @FormParam("action") String action, @FormParam("message") String message) {
        csrf.verify(csrfToken);
        Caller moderator = moderator();
        reports.act(id, moderator, Reports.Action.parse(action), message);
        return Response.seeOther(URI.create("/moderation?notice=decided")).build();
    }

    @POST
    @Path("/quarantines/{id}/lift")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response lift(@PathParam("id") long id, @FormParam(CsrfTokens.FIELD) String csrfToken, @FormParam("note") String note) {
        csrf.verify(csrfToken);
        Caller moderator = moderator();
        Quarantine quarantine = quarantines.find(id)
                .orElseThrow(() -> ApiException.notFound("QuarantineNotFound", "There is no quarantine " + id + "."));
        quarantines.lift(repos.findById(quarantine.repoId()).orElseThrow(), id, moderator, note);
        return Response.seeOther(URI.create("/moderation?notice=" + URLEncoder.encode("lifted", StandardCharsets.UTF_8))).build();
    }

    private Caller moderator() {
        Caller caller = Caller.signedIn(identity, "see the moderation queue as a moderator");
        if (!caller.isModerator()) {
            throw ApiException.forbidden("The moderation queue is for moderators: ask a platform administrator for the moderator role.");
        }
        return caller;
    }
}
