package dev.stoa.hub.audit;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Reads the audit trail for pages; callers decide who may read what with {@link AuditReaders}. */
@ApplicationScoped
public class AuditLog {

    private final AuditRows rows;

    AuditLog(AuditRows rows) {
        this.rows = rows;
    }

    /** One page of events, newest first. */
    public List<AuditEvent> search(AuditQuery query) {
        return rows.search(query);
    }
}
