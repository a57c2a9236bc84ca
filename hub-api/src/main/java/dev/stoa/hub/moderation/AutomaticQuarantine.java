package dev.stoa.hub.moderation;

import dev.stoa.hub.check.CheckQueue;
import dev.stoa.hub.check.CheckRunChanged;
import dev.stoa.hub.check.CheckRunView;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.spi.Finding;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Quarantines the files that a finished check run found a critical problem in ({@link QuarantineRules}), as soon
 * as the run finishes. A file already quarantined stays as it is; after a moderator lifted a quarantine, only a new
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
            for (Finding finding : run.get().findings()) {
                if (rules.quarantines(repo.get(), run.get(), finding)
                        && rows.activeExactly(repo.get().id(), finding.path()).isEmpty()) {
                    try {
                        quarantines.impose(repo.get(), Optional.of(finding.path()), run.get().commit(),
                                rules.reason(run.get(), finding), Optional.empty(), Optional.of(run.get().id()));
                    } catch (ApiException e) {
                        LOG.debugf("Not quarantining %s of %s again: %s", finding.path(), repo.get().repoId(), e.getMessage());
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Quarantining the findings of check run %d failed", changed.runId());
        }
    }
}
