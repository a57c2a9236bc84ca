package dev.stoa.hub.policy;

import dev.stoa.hub.check.CheckQueue;
import dev.stoa.hub.check.CheckRunView;
import dev.stoa.hub.check.RevisionViews;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.spi.Revision;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;

/**
 * Judges a revision by the policy in force for its repository's owner (the organisation's override, else the
 * platform default, else the built-in default): required checks, license, the base model's license terms
 * (license-policy's {@code license.lineage.*} HIGH findings), required card fields. Curation asks it whether a
 * revision may be approved.
 */
@ApplicationScoped
public class PolicyEvaluations {

    private static final Logger LOG = Logger.getLogger(PolicyEvaluations.class);

    private final Policies policies;
    private final CheckQueue runs;
    private final RevisionViews revisions;

    PolicyEvaluations(Policies policies, CheckQueue runs, RevisionViews revisions) {
        this.policies = policies;
        this.runs = runs;
        this.revisions = revisions;
    }

    /** What the policy in force says of {@code commit} (a full commit sha) of {@code repo}. */
    public PolicyEvaluation evaluate(RepoView repo, String commit) {
        PolicyVersion version = policies.inForce(repo.ownerId());
        List<CheckRunView> checkRuns = runs.list(repo.id(), commit);
        return PolicyRules.evaluate(version, checkRuns, cardData(repo, commit));
    }

    private Map<String, Object> cardData(RepoView repo, String commit) {
        try {
            return revisions.of(repo.id(), commit).map(Revision::cardData).orElse(Map.of());
        } catch (RuntimeException e) {
            LOG.debugf(e, "No card data for %s at %s", repo.repoId(), commit);
            return Map.of();
        }
    }
}
