package dev.stoa.hub.web.moderation;

import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.moderation.Quarantine;
import dev.stoa.hub.moderation.Quarantines;
import dev.stoa.hub.moderation.Report;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.hub.web.PortalPaths;
import dev.stoa.ui.pages.ErrorPage;
import dev.stoa.ui.repo.Links;
import dev.stoa.ui.view.moderation.ModerationNotice;
import dev.stoa.ui.view.moderation.QuarantineLine;
import dev.stoa.ui.view.moderation.ReportLine;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Quarantines and reports as the portal's pages show them, and the moderation part of a repository page. */
@ApplicationScoped
public class ModerationLines {

    private final Quarantines quarantines;
    private final RepoAccess access;

    public ModerationLines(Quarantines quarantines, RepoAccess access) {
        this.quarantines = quarantines;
        this.access = access;
    }

    /** The quarantine notice and report form of {@code repo}'s page, for {@code caller}. */
    public ModerationNotice notice(RepoView repo, Optional<Caller> caller, boolean reported) {
        List<QuarantineLine> active = quarantines.activeIn(repo).stream().map(q -> quarantine(q, false)).toList();
        String base = PortalPaths.page(repo);
        return new ModerationNotice(active, repo.disabled(), access.canWrite(repo, caller),
                caller.isPresent() ? base + "/report" : null,
                Arrays.stream(Report.Reason.values()).map(Enum::name).toList(), ErrorPage.signInUrlFor(base), reported);
    }

    static QuarantineLine quarantine(Quarantine q, boolean liftable) {
        return new QuarantineLine(q.id(), q.repoName(), PortalPaths.page(RepoType.valueOf(q.repoType()), q.repoName()),
                q.path().orElse(null), q.reason(), q.source(), q.imposedBy().orElse(null), Links.date(q.imposedAt()),
                liftable ? "/moderation/quarantines/" + q.id() + "/lift" : null);
    }

    static ReportLine report(Report r, boolean forModerator) {
        return new ReportLine(r.id(), r.repoName(), PortalPaths.page(RepoType.valueOf(r.repoType()), r.repoName()),
                r.path().orElse(null), forModerator ? r.reporter() : null, r.reason(), r.details(), r.status(),
                r.outcome().orElse(null),
                r.decidedAt().map(Links::date).orElse(null), Links.date(r.createdAt()),
                forModerator && r.status().equals("open") ? "/moderation/reports/" + r.id() : null);
    }
}
