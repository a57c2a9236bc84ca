package dev.stoa.hub.moderation;

import dev.stoa.hub.check.CheckQueue;
import dev.stoa.hub.check.CheckRunFinished;
import dev.stoa.hub.check.CheckRunView;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.event.EventConsumer;
import dev.stoa.hub.event.OutboxEvent;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.RepoView;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.Set;

/**
 * Quarantines what a finished check run calls for ({@link QuarantineRules}: files with a critical finding, and what
 * the policy in force quarantines on a failed required check), as soon as the run's {@link CheckRunFinished} arrives
 * (written with the verdict: a crash between the two loses nothing). A file already quarantined stays as it is; after a moderator lifted a quarantine, only a new
 * run (a new commit's, or a re-run) that finds the problem again quarantines the file again.
 */
@ApplicationScoped
class AutomaticQuarantine implements EventConsumer {

    private static final Logger LOG = Logger.getLogger(AutomaticQuarantine.class);

    private final CheckQueue checks;
    private final RepoService repos;
    private final QuarantineRules rules;
    private final Quarantines quarantines;
    private final QuarantineRows rows;

    AutomaticQuarantine(CheckQueue checks, RepoService repos, QuarantineRules rules, Quarantines quarantines, QuarantineRows rows) {
        this.checks = checks;
        this.repos = repos;
        this.rules = rules;
        this.quarantines = quarantines;
        this.rows = rows;
    }

    @Override
    public String name() {
        return "quarantine-findings";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(CheckRunFinished.TYPE);
    }

    @Override
    public void handle(OutboxEvent event) {
        CheckRunFinished finished = event.payload(CheckRunFinished.class);
        if (finished.verdict().isEmpty()) {
            return;
        }
        Optional<CheckRunView> run = checks.find(finished.repoId(), finished.runId());
        Optional<RepoView> repo = repos.findById(finished.repoId());
        if (run.isEmpty() || repo.isEmpty()) {
            return;
        }
        for (QuarantineRules.Target target : rules.targets(repo.get(), run.get())) {
            if (rows.activeExactly(repo.get().id(), target.path().orElse(null)).isEmpty()) {
                try {
                    quarantines.impose(repo.get(), target.path(), run.get().commit(), target.reason(), Optional.empty(),
                            Optional.of(run.get().id()));
                } catch (ApiException e) {
                    // Refused by a rule (the path is gone, say): nothing to quarantine, and nothing to retry.
                    LOG.debugf("Not quarantining %s of %s: %s", target.path().orElse("all"), repo.get().repoId(), e.getMessage());
                }
            }
        }
    }
}
