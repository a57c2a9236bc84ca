package dev.stoa.hub.check;

import java.util.Optional;

/**
 * A check run is over: it succeeded (with a verdict), failed for good (verdict {@code ERROR}) or was cancelled. Written
 * to the outbox (event type {@value #TYPE}) in the transaction that stores the outcome, so a verdict is never saved
 * without governance (automatic quarantine) and the audit trail hearing of it.
 *
 * @param verdict {@code PASS}, {@code WARN}, {@code FAIL} or {@code ERROR}; empty for a cancelled run
 */
public record CheckRunFinished(long runId, long repoId, String commit, String check, CheckStatus status,
                               Optional<String> verdict) {

    public static final String TYPE = "check-run.finished";

    static CheckRunFinished of(CheckRunView run) {
        return new CheckRunFinished(run.id(), run.repoId(), run.commit(), run.check(), run.status(),
                Optional.ofNullable(run.verdict()));
    }
}
