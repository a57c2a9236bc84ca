package dev.stoa.hub.deployment;

import dev.stoa.hub.event.Change;
import dev.stoa.hub.event.Outbox;
import dev.stoa.spi.inference.DeploymentStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Records a deployment's state changes — its history row and a {@code deployment.state-changed} event (which the
 * audit trail keeps) — each in a transaction of its own, as runners report them from their threads.
 */
@ApplicationScoped
class DeploymentStates {

    static final String STATE_CHANGED = "deployment.state-changed";

    private final DeploymentStore store;
    private final Outbox outbox;

    DeploymentStates(DeploymentStore store, Outbox outbox) {
        this.store = store;
        this.outbox = outbox;
    }

    /** Records that {@code deployment} is now in {@code state}; nothing when it is gone or already there. */
    void record(DeploymentRow deployment, DeploymentStatus.State state, String message) {
        String text = message.length() > 2000 ? message.substring(0, 2000) + "…" : message;
        QuarkusTransaction.requiringNew().run(() -> store.recordState(deployment.id(), state, text, Instant.now())
                .ifPresent(before -> outbox.change(STATE_CHANGED, deployment.model().repoId(), Change.of("deployment",
                        deployment.fullName(), deployment.ownerId(), describe(before.state(), before.message()),
                        describe(state, text)).by(Change.Actor.STOA))));
    }

    private static Map<String, Object> describe(DeploymentStatus.State state, String message) {
        return Map.of("state", state.name().toLowerCase(Locale.ROOT), "message", message);
    }
}
