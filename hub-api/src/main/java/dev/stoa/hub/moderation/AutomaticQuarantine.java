package dev.stoa.hub.moderation;

import dev.stoa.hub.check.CheckQueue;
import dev.stoa.hub.check.CheckRunChanged;
import dev.stoa.hub.check.CheckRunView;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.RepoView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Quarantines what a finished check run calls for ({@link QuarantineRules}: files with a critical finding, and what
 * the policy in force quarantines on a failed required check), as soon as the run finishes. A file already quarantined stays as it is; after a moderator lifted a quarantine, only a new
 * run (a new commit's, or a re-run) that finds the problem again quarantines the file again.
 */
@ApplicationScoped
class AutomaticQuarantine {

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

    @ActivateRequestContext
    void onRun(@Observes CheckRunChanged changed) {
        if (changed.verdict().isEmpty()) {
            return;
        }
        try {
            Optional<CheckRunView> run = checks.find(changed.repoId(), changed.runId());
            Optional<RepoView> repo = repos.findById(changed.repoId());
            if (run.isEmpty() || repo.isEmpty()) {
                return;
            }
            for (QuarantineRules.Target target : rules.targets(repo.get(), run.get())) {
                if (rows.activeExactly(repo.get().id(), target.path().orElse(null)).isEmpty()) {
                    try {
                        quarantines.impose(repo.get(), target.path(), run.get().commit(), target.reason(), Optional.empty(),
                                Optional.of(run.get().id()));
                    } catch (ApiException e) {
                        LOG.debugf("Not quarantining %s of %s: %s", target.path().orElse("all"), repo.get().repoId(), e.getMessage());
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Quarantining the findings of check run %d failed", changed.runId());
        }
    }
}
