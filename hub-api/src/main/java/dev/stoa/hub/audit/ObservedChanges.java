package dev.stoa.hub.audit;

import dev.stoa.hub.check.CheckRunFinished;
import dev.stoa.hub.event.Change;
import dev.stoa.hub.event.EventConsumer;
import dev.stoa.hub.event.OutboxEvent;
import dev.stoa.hub.git.RevisionPublished;
import dev.stoa.hub.repo.RepoService;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Records every event of the stream on the audit trail: a ref moved ({@code ref.updated}, {@code ref.created},
 * {@code ref.deleted}), a check run finished ({@code check.finished}), and every {@link Change} a feature wrote (under
 * its event type: {@code repo.created}, {@code token.revoked}, ...), with the actor and client address the event
 * carries and the time it was written. Appended in the delivery's transaction: each event is recorded once.
 */
@ApplicationScoped
class ObservedChanges implements EventConsumer {

    private final AuditRows rows;
    private final Audits audits;
    private final RepoService repos;

    ObservedChanges(AuditRows rows, Audits audits, RepoService repos) {
        this.rows = rows;
        this.audits = audits;
        this.repos = repos;
    }

    @Override
    public String name() {
        return "audit-trail";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EVERY_TYPE);
    }

    @Override
    public void handle(OutboxEvent event) {
        switch (event.type()) {
            case RevisionPublished.TYPE -> refMoved(event, event.payload(RevisionPublished.class));
            case CheckRunFinished.TYPE -> checkFinished(event, event.payload(CheckRunFinished.class));
            default -> event.change().ifPresent(change -> changed(event, change));
        }
    }

    private void changed(OutboxEvent event, Change change) {
        append(event, new AuditRecord(event.type(), event.actorId(), event.actorName(), change.targetType(), change.target(),
                audits.orgOf(change.ownerId()), change.before(), change.after()));
    }

    private void refMoved(OutboxEvent event, RevisionPublished moved) {
        repos.findById(moved.repoId()).ifPresent(repo -> {
            String action = moved.oldCommit().isEmpty() ? "ref.created" : moved.newCommit().isEmpty() ? "ref.deleted" : "ref.updated";
            append(event, new AuditRecord(action, event.actorId(), event.actorName(), "ref", repo.repoId() + "@" + moved.ref(),
                    audits.orgOf(repo.ownerId()),
                    moved.oldCommit().<Map<String, Object>>map(c -> Map.of("ref", moved.ref(), "commit", c)).orElse(Map.of()),
                    moved.newCommit().<Map<String, Object>>map(c -> Map.of("ref", moved.ref(), "commit", c)).orElse(Map.of())));
        });
    }

    private void checkFinished(OutboxEvent event, CheckRunFinished run) {
        repos.findById(run.repoId()).ifPresent(repo -> {
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("run", run.runId());
            after.put("check", run.check());
            after.put("status", run.status().name());
            run.verdict().ifPresent(verdict -> after.put("verdict", verdict));
            append(event, new AuditRecord("check.finished", Optional.empty(), Optional.empty(), "commit",
                    repo.repoId() + "@" + run.commit(), audits.orgOf(repo.ownerId()), Map.of(), after));
        });
    }

    private void append(OutboxEvent event, AuditRecord record) {
        // When the change happened, to the database's precision (what the chain's hash is computed over).
        rows.append(event.createdAt().truncatedTo(ChronoUnit.MICROS), record, event.clientAddress().orElse(null));
    }
}
