package dev.stoa.hub.check;

import java.util.Optional;

/**
 * A check run changed state: queued (also again, by a re-run or a retry), running, succeeded, failed or
 * cancelled. Fired as a CDI event after the change is stored; governance and audit observe it. Observers must
 * tolerate duplicates and must not throw.
 *
 * @param verdict {@code PASS}, {@code WARN}, {@code FAIL} or {@code ERROR} once the run finished
 */
public record CheckRunChanged(long runId, long repoId, String commit, String check, CheckStatus status,
                              Optional<String> verdict) {
}
