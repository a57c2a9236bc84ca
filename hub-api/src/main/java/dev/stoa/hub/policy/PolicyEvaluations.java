package dev.stoa.hub.policy;

import dev.stoa.hub.card.CardCompleteness;
import dev.stoa.hub.check.CheckQueue;
import dev.stoa.hub.evaluation.EvaluationRow;
import dev.stoa.hub.evaluation.EvaluationRuns;
import dev.stoa.hub.inference.ModelFactsReader;
import dev.stoa.hub.repo.RepoType;
import java.io.IOException;
import java.util.Set;
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
    private final ModelFactsReader facts;
    private final EvaluationRuns evaluations;

    PolicyEvaluations(Policies policies, CheckQueue runs, RevisionViews revisions, ModelFactsReader facts,
            EvaluationRuns evaluations) {
        this.policies = policies;
        this.runs = runs;
        this.revisions = revisions;
        this.facts = facts;
        this.evaluations = evaluations;
    }

    /** What the policy in force says of {@code commit} (a full commit sha) of {@code repo}. */
    public PolicyEvaluation evaluate(RepoView repo, String commit) {
        PolicyVersion version = policies.inForce(repo.ownerId());
        List<CheckRunView> checkRuns = runs.list(repo.id(), commit);
        Policy policy = version.policy();
        PolicyRules.Measured measured = PolicyRules.Measured.NOTHING;
        if (policy.minCardCompleteness() > 0 || !policy.requiredEvaluations().isEmpty()) {
            measured = measure(repo, commit);
        }
        return PolicyRules.evaluate(version, checkRuns, cardData(repo, commit), measured);
    }

    /** The card's completeness as the audit report measures it, and the tasks evaluated at this commit. */
    private PolicyRules.Measured measure(RepoView repo, String commit) {
        List<EvaluationRow> evaluated = repo.type() == RepoType.model ? evaluations.runsAt(repo.id(), commit).stream()
                .filter(run -> run.status().equals("succeeded")).toList() : List.of();
        Set<String> tasks = evaluated.stream().map(EvaluationRow::task).collect(java.util.stream.Collectors.toSet());
        Revision revision = revisions.of(repo, commit);
        boolean headers;
        try {
            headers = repo.type() == RepoType.model && facts.read(repo, commit).parameters() > 0;
        } catch (IOException | RuntimeException e) {
            headers = false;
        }
        List<CardCompleteness.Field> fields = repo.type() == RepoType.model
                ? CardCompleteness.model(revision.cardData(), revision.cardText(),
                        new CardCompleteness.Known(headers, !tasks.isEmpty(),
                        evaluated.stream().anyMatch(EvaluationRuns::isBias)))
                : CardCompleteness.dataset(revision.cardData(), revision.cardText());
        return new PolicyRules.Measured(CardCompleteness.score(fields), tasks);
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
