package dev.stoa.hub.moderation;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.event.Change;
import dev.stoa.hub.event.Outbox;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.RepoView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Community reports: signed-in users report a repository or a file; moderators dismiss a report, quarantine what it
 * names, hide the repository from listings, or contact its owner, each with a message the reporter reads. Callers
 * check who may act before calling.
 */
@ApplicationScoped
public class Reports {

    static final int MAX_DETAILS = 5000;

    /** What a moderator does with a report, and the report's status afterwards. */
    public enum Action {
        dismiss("dismissed"), quarantine("quarantined"), hide("hidden"), contact_owner("contacted");

        final String status;

        Action(String status) {
            this.status = status;
        }

        /** {@code dismiss}, {@code quarantine}, {@code hide} or {@code contact-owner}. */
        public static Action parse(String value) {
            try {
                return valueOf(value == null ? "" : value.strip().toLowerCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField("action", "Give action: dismiss, quarantine, hide or contact-owner.");
            }
        }
    }

    private final ReportRows rows;
    private final Quarantines quarantines;
    private final RepoService repos;
    private final Outbox outbox;

    Reports(ReportRows rows, Quarantines quarantines, RepoService repos, Outbox outbox) {
        this.rows = rows;
        this.quarantines = quarantines;
        this.repos = repos;
        this.outbox = outbox;
    }

    @Transactional
    public Report file(RepoView repo, Caller reporter, String reason, String details, Optional<String> path) {
        Report.Reason why;
        try {
            why = Report.Reason.valueOf(reason == null ? "" : reason.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("reason", "Give reason: one of " + Arrays.toString(Report.Reason.values()) + ".");
        }
        String text = details == null ? "" : details.strip();
        if (text.isEmpty() || text.length() > MAX_DETAILS) {
            throw ApiException.invalidField("details", "Say what is wrong in 1 to " + MAX_DETAILS + " characters.");
        }
        Optional<String> file = path.map(p -> p.strip().replaceFirst("^/+", "")).filter(p -> !p.isEmpty());
        if (file.isPresent() && file.get().length() > 1000) {
            throw ApiException.invalidField("path", "The path is too long: at most 1000 characters.");
        }
        long id = rows.insert(repo.id(), file.orElse(null), reporter.accountId(), why.name(), text);
        Report report = rows.find(id).orElseThrow();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("report", id);
        after.put("reason", why.name());
        file.ifPresent(p -> after.put("path", p));
        outbox.change("report.filed", repo.id(), Change.of("repo", report.repoName(), repo.ownerId(), Map.of(), after)
                .by(reporter.actor()));
        return report;
    }

    /** Decides an open report: 404 for an unknown one, 409 for one decided already. */
    @Transactional
    public Report act(long id, Caller moderator, Action action, String message) {
        Report report = rows.find(id).orElseThrow(() -> ApiException.notFound("ReportNotFound", "There is no report " + id + "."));
        if (!report.status().equals("open")) {
            throw ApiException.conflict("ReportDecided", "Report " + id + " was decided already (" + report.status() + ").");
        }
        String text = message == null ? "" : message.strip();
        if (text.isEmpty() || text.length() > MAX_DETAILS) {
            throw ApiException.invalidField("message", "Give a message of 1 to " + MAX_DETAILS
                    + " characters: the reporter reads it" + (action == Action.quarantine ? ", and it is the quarantine's reason." : "."));
        }
        RepoView repo = repos.findById(report.repoId()).orElseThrow();
        switch (action) {
            case quarantine -> quarantines.impose(repo, report.path(), "main", text, Optional.of(moderator), Optional.empty());
            case hide -> {
                repos.setHidden(repo.id(), true);
                outbox.change("repo.hidden", repo.id(), Change.of("repo", report.repoName(), repo.ownerId(),
                        Map.of("hidden", false), Map.of("hidden", true, "report", id, "message", text)).by(moderator.actor()));
            }
            case dismiss, contact_owner -> {
            }
        }
        if (!rows.decide(id, action.status, text, moderator.accountId(), moderator.name())) {
            throw ApiException.conflict("ReportDecided", "Report " + id + " was decided already.");
        }
        Report decided = rows.find(id).orElseThrow();
        outbox.change("report.decided", repo.id(), Change.of("repo", report.repoName(), repo.ownerId(),
                Map.of("report", id, "status", "open"),
                Map.of("report", id, "status", action.status, "action", action.name().replace('_', '-'), "message", text))
                .by(moderator.actor()));
        return decided;
    }

    public List<Report> byStatus(String status, int limit) {
        if (status != null && !List.of("open", "dismissed", "quarantined", "hidden", "contacted").contains(status)) {
            throw ApiException.invalidField("status", "Give status: open, dismissed, quarantined, hidden or contacted (or none for all).");
        }
        return rows.byStatus(status, limit);
    }

    public List<Report> mine(Caller reporter, int limit) {
        return rows.byReporter(reporter.accountId(), limit);
    }
}
