package dev.stoa.hub.audit;

import dev.stoa.hub.check.CheckRunChanged;
import dev.stoa.hub.repo.RepoService;
import dev.stoa.hub.repo.RevisionPublished;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the events other features already fire into audit records: a ref moved ({@code ref.updated},
 * {@code ref.created}, {@code ref.deleted}) and a check run finished ({@code check.finished}). These events are
 * fired after their change is stored and their observers must not throw, so a failure here is logged, not raised.
 */
@ApplicationScoped
class ObservedChanges {

    private static final Logger LOG = Logger.getLogger(ObservedChanges.class);

    private final Audits audits;
    private final RepoService repos;

    ObservedChanges(Audits audits, RepoService repos) {
        this.audits = audits;
        this.repos = repos;
    }

    void revisionPublished(@Observes RevisionPublished event) {
        try {
            repos.findById(event.repoId()).ifPresent(repo -> {
                String action = event.oldCommit().isEmpty() ? "ref.created"
                        : event.newCommit().isEmpty() ? "ref.deleted" : "ref.updated";
                audits.record(action, audits.currentCaller(), "ref", repo.repoId() + "@" + event.ref(), repo.ownerId(),
                        event.oldCommit().<Map<String, Object>>map(c -> Map.of("ref", event.ref(), "commit", c)).orElse(Map.of()),
                        event.newCommit().<Map<String, Object>>map(c -> Map.of("ref", event.ref(), "commit", c)).orElse(Map.of()));
            });
        } catch (RuntimeException e) {
            LOG.errorf(e, "The audit trail missed the move of %s in repository %d", event.ref(), event.repoId());
        }
    }

    void checkRunChanged(@Observes CheckRunChanged event) {
        if (!event.status().isFinished()) {
            return;
        }
        try {
            repos.findById(event.repoId()).ifPresent(repo -> {
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("run", event.runId());
                after.put("check", event.check());
                after.put("status", event.status().name());
                event.verdict().ifPresent(verdict -> after.put("verdict", verdict));
                audits.record("check.finished", java.util.Optional.empty(), "commit",
                        repo.repoId() + "@" + event.commit(), repo.ownerId(), Map.of(), after);
            });
        } catch (RuntimeException e) {
            LOG.errorf(e, "The audit trail missed check run %d", event.runId());
        }
    }
}
