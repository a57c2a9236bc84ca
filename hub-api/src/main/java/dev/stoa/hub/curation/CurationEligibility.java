package dev.stoa.hub.curation;

import dev.stoa.hub.check.CheckQueue;
import dev.stoa.hub.check.CheckRunView;
import dev.stoa.hub.policy.PolicyEvaluation;
import dev.stoa.hub.policy.PolicyEvaluations;
import dev.stoa.hub.repo.RepoView;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a commit may be approved: the policy in force for the repository's owner does not block its curation
 * ({@link PolicyEvaluations}: required checks, license, base model's terms, card fields), and no check of the commit
 * is still queued or running: a curator decides on finished results.
 */
@ApplicationScoped
public class CurationEligibility {

    private final CheckQueue checks;
    private final PolicyEvaluations policies;

    CurationEligibility(CheckQueue checks, PolicyEvaluations policies) {
        this.checks = checks;
        this.policies = policies;
    }

    /**
     * The verdict on one commit.
     *
     * @param blocking one line per reason that blocks approval, naming the check
     * @param notes    what else the policy says (warnings a curator should read), one sentence each
     * @param checks   the commit's check runs, for showing side by side
     * @param policy   the policy's evaluation
     */
    public record Eligibility(boolean eligible, List<String> blocking, List<String> notes, List<CheckRunView> checks,
                              PolicyEvaluation policy) {
    }

    public Eligibility of(RepoView repo, String commit) {
        List<CheckRunView> runs = checks.list(repo.id(), commit);
        PolicyEvaluation policy = policies.evaluate(repo, commit);
        List<String> blocking = new ArrayList<>();
        for (CheckRunView run : runs) {
            if (!run.status().isFinished()) {
                blocking.add(run.check() + " is still " + run.status() + "; wait for it to finish");
            }
        }
        if (policy.blocksCuration()) {
            blocking.addAll(policy.reasons().stream().map(r -> r.replaceAll("\\.+$", "")).toList());
        }
        List<String> notes = policy.blocksCuration() ? List.of() : policy.reasons();
        return new Eligibility(blocking.isEmpty(), List.copyOf(blocking), notes, runs, policy);
    }
}
