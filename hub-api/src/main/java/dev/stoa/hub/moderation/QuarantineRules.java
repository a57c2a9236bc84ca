package dev.stoa.hub.moderation;

import dev.stoa.hub.check.CheckRunView;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.spi.Finding;
import dev.stoa.spi.Severity;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which findings of a finished check run quarantine their file automatically: every CRITICAL finding on a path
 * (a pickle that runs code on load, for instance). This is the one place to widen the rule, e.g. with an
 * organisation policy's failed-check action.
 */
@ApplicationScoped
public class QuarantineRules {

    /** Whether {@code finding} of {@code run} quarantines the file it names. */
    public boolean quarantines(RepoView repo, CheckRunView run, Finding finding) {
        return finding.severity() == Severity.CRITICAL && finding.path() != null && !finding.path().isBlank();
    }

    /** The reason owners and downloaders read. */
    public String reason(CheckRunView run, Finding finding) {
        return "the check " + run.check() + " found a critical problem (" + finding.code() + "): " + finding.message()
                + " Remove or replace the file, then ask a moderator to lift the quarantine.";
    }
}
