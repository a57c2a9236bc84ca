package dev.stoa.hub.policy;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.evaluation.EvaluationRow;
import dev.stoa.hub.evaluation.EvaluationRuns;
import dev.stoa.hub.event.Change;
import dev.stoa.hub.event.EventConsumer;
import dev.stoa.hub.event.OutboxEvent;
import dev.stoa.hub.identity.AccountService;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Starts the evaluations a policy requires when a revision is submitted for curation: each required task that has no
 * succeeded, queued or running evaluation of the submitted commit is queued, as the person who submitted it, so the
 * curator finds the results (or the reason a run failed) instead of a request to go and run them. A task the submitter
 * cannot run (a dataset they cannot read, a private model without a deployment) is left for the policy's reasons to
 * name.
 */
@ApplicationScoped
class RequiredEvaluationRuns implements EventConsumer {

    private static final Logger LOG = Logger.getLogger(RequiredEvaluationRuns.class);
    private static final Set<String> STARTED = Set.of("succeeded", "queued", "running");

    private final Policies policies;
    private final RepoService repos;
    private final EvaluationRuns evaluations;

    RequiredEvaluationRuns(Policies policies, RepoService repos, EvaluationRuns evaluations) {
        this.policies = policies;
        this.repos = repos;
        this.evaluations = evaluations;
    }

    @Override
    public String name() {
        return "policy-required-evaluations";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of("curation.submitted");
    }

    @Override
    public void handle(OutboxEvent event) {
        Optional<Change> change = event.change();
        Optional<RepoView> repo = repos.findById(event.partitionKey()).filter(r -> r.type() == RepoType.model);
        Optional<Caller> submitter = event.actorId().flatMap(id -> AccountService.callerOf(id, Caller.AuthMethod.TOKEN,
                Optional.empty()));
        if (change.isEmpty() || repo.isEmpty() || submitter.isEmpty()
                || !(change.get().after().get("commit") instanceof String commit)) {
            return;
        }
        Set<String> started = evaluations.runsAt(repo.get().id(), commit).stream()
                .filter(run -> STARTED.contains(run.status())).map(EvaluationRow::task)
                .collect(java.util.stream.Collectors.toSet());
        for (String task : policies.inForce(repo.get().ownerId()).policy().requiredEvaluations()) {
            if (started.contains(task)) {
                continue;
            }
            try {
                evaluations.start(submitter.get(), EvaluationRuns.JSON.createObjectNode()
                        .put("model", repo.get().repoId().id() + "@" + commit).put("task", task));
            } catch (ApiException e) {
                LOG.infof("The policy's evaluation %s of %s@%s was not started: %s", task, repo.get().repoId(), commit,
                        e.getMessage());
            }
        }
    }
}
