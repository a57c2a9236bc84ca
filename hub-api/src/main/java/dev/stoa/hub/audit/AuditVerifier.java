package dev.stoa.hub.audit;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Walks the whole chain, oldest first, and reports the first event whose hash or link does not hold. */
@ApplicationScoped
public class AuditVerifier {

    /**
     * The outcome of a verification.
     *
     * @param events        how many events were checked (all of them when {@code ok})
     * @param firstBrokenId the first event that does not verify, null when {@code ok}
     * @param reason        why it does not, null when {@code ok}
     */
    public record Verification(boolean ok, long events, Long firstBrokenId, String reason) {
    }

    private final AuditRows rows;

    AuditVerifier(AuditRows rows) {
        this.rows = rows;
    }

    public Verification verify() {
        class Walk {
            String previous = AuditEvent.GENESIS;
            long count;
            Verification broken;
        }
        Walk walk = new Walk();
        try {
            rows.streamAll(event -> {
                if (walk.broken != null) {
                    return;
                }
                walk.count++;
                if (!walk.previous.equals(event.prevHash())) {
                    walk.broken = new Verification(false, walk.count, event.id(), walk.count == 1
                            ? "The first event does not start the chain: events before it were removed."
                            : "The event's link to the one before it does not match: an event before it was removed or changed.");
                } else if (!event.expectedHash(event.prevHash()).equals(event.hash())) {
                    walk.broken = new Verification(false, walk.count, event.id(),
                            "The event's content does not match its hash: it was changed after it was written.");
                }
                walk.previous = event.hash();
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return walk.broken != null ? walk.broken : new Verification(true, walk.count, null, null);
    }
}
