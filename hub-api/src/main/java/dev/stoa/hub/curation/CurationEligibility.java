package dev.stoa.hub.curation;

import dev.stoa.hub.check.CheckQueue;
import dev.stoa.hub.check.CheckRunView;
import dev.stoa.hub.repo.RepoView;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a commit may be approved: every check run of the commit finished, at least one ran, and none ended
 * with FAIL or ERROR (or failed/was cancelled). This is the rule until the organisation policies
 * ({@code policy.PolicyEvaluations}) decide it.
 */
@ApplicationScoped
public class CurationEligibility {

    private final CheckQueue checks;

    CurationEligibility(CheckQueue checks) {
        this.checks = checks;
    }

    /**
     * The verdict on one commit.
     *
     * @param blocking one line per reason that blocks approval, naming the check
     * @param checks   the commit's check runs, for showing side by side
     */
    public record Eligibility(boolean eligible, List<String> blocking, List<CheckRunView> checks) {
    }

    public Eligibility of(RepoView repo, String commit) {
        List<CheckRunView> runs = checks.list(repo.id(), commit);
        List<String> blocking = new ArrayList<>();
        if (runs.isEmpty()) {
            blocking.add("no check has run on commit " + commit.substring(0, 7) + " yet; wait for its checks");
        }
        for (CheckRunView run : runs) {
            if (!run.status().isFinished()) {
                blocking.add(run.check() + " is still " + run.status());
            } else if (run.verdict() == null) {
                blocking.add(run.check() + " " + run.status() + " without a verdict; re-run it");
            } else if (run.verdict().equals("FAIL") || run.verdict().equals("ERROR")) {
                blocking.add(run.check() + " ended with " + run.verdict()
                        + (run.summary() == null || run.summary().isBlank() ? "" : ": " + run.summary().strip().replaceAll("\\.+$", "")));
            }
        }
        return new Eligibility(blocking.isEmpty(), List.copyOf(blocking), runs);
    }
}
