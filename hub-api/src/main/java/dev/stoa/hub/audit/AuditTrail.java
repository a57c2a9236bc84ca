package dev.stoa.hub.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Writes every {@link AuditRecord} fired anywhere in Stoa to the audit trail, with the time and the client's address.
 * It joins the firing feature's transaction, so the change and its record are committed (or rolled back) together;
 * without one it commits the record on its own.
 */
@ApplicationScoped
public class AuditTrail {

    private final AuditRows rows;
    private final RequestOrigin origin;

    AuditTrail(AuditRows rows, RequestOrigin origin) {
        this.rows = rows;
        this.origin = origin;
    }

    @Transactional
    void record(@Observes AuditRecord record) {
        // The database keeps microseconds: hash what will be read back.
        rows.append(Instant.now().truncatedTo(ChronoUnit.MICROS), record, origin.clientAddress().orElse(null));
    }
}
