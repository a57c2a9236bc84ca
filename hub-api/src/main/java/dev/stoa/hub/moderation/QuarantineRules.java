package dev.stoa.hub.moderation;

import dev.stoa.hub.check.CheckRunView;
import dev.stoa.hub.policy.Policies;
import dev.stoa.hub.policy.Policy;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.spi.Finding;
import dev.stoa.spi.Severity;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a finished check run quarantines automatically:
 * <ul>
 *   <li>every file a CRITICAL finding names (a pickle that runs code on load, for instance), always;</li>
 *   <li>when the policy in force for the repository ({@link Policies#inForce}) says {@code quarantine} on a failed
 *       check and this run is one of its required checks and failed: the files its HIGH or CRITICAL findings name,
 *       or the whole repository when no finding names a file.</li>
 * </ul>
 */
@ApplicationScoped
public class QuarantineRules {

    /** One thing to quarantine: a file ({@code path}) or the whole repository, and the reason. */
    public record Target(Optional<String> path, String reason) {
    }

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(QuarantineRules.class);

    private final Policies policies;

    QuarantineRules(Policies policies) {
        this.policies = policies;
    }

    /** What {@code run} (finished) quarantines in {@code repo}; each file at most once. */
    public List<Target> targets(RepoView repo, CheckRunView run) {
        Map<Optional<String>, Target> targets = new LinkedHashMap<>();
        for (Finding finding : run.findings()) {
            if (finding.severity() == Severity.CRITICAL && hasPath(finding)) {
                targets.putIfAbsent(Optional.of(finding.path()), new Target(Optional.of(finding.path()), reason(run, finding)));
            }
        }
        Policy policy = policy(repo);
        if (policy.onFailedCheck() == Policy.FailedCheckAction.QUARANTINE && "FAIL".equals(run.verdict())
                && policy.requiredChecks().contains(run.check())) {
            List<Finding> serious = new ArrayList<>(run.findings().stream()
                    .filter(f -> f.severity().compareTo(Severity.HIGH) >= 0 && hasPath(f)).toList());
            for (Finding finding : serious) {
                targets.putIfAbsent(Optional.of(finding.path()), new Target(Optional.of(finding.path()), reason(run, finding)));
            }
            if (serious.isEmpty()) {
                targets.putIfAbsent(Optional.empty(), new Target(Optional.empty(), "the required check " + run.check()
                        + " failed and the policy in force quarantines on a failed check" + summary(run)
                        + ". Fix what it reports in a new commit, then ask a moderator to lift the quarantine."));
            }
        }
        return List.copyOf(targets.values());
    }

    /** The policy in force; the built-in one when it cannot be read, so that critical findings still quarantine. */
    private Policy policy(RepoView repo) {
        try {
            return policies.inForce(repo.ownerId()).policy();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Reading the policy in force for %s failed; quarantining on critical findings only", repo.repoId());
            return Policy.BUILT_IN;
        }
    }

    private static boolean hasPath(Finding finding) {
        return finding.path() != null && !finding.path().isBlank();
    }

    private static String summary(CheckRunView run) {
        return run.summary() == null || run.summary().isBlank() ? "" : " (" + run.summary().strip() + ")";
    }

    private static String reason(CheckRunView run, Finding finding) {
        return "the check " + run.check() + " found a " + finding.severity().name().toLowerCase(java.util.Locale.ROOT)
                + " problem (" + finding.code() + "): " + finding.message()
                + " Remove or replace the file, then ask a moderator to lift the quarantine.";
    }
}
