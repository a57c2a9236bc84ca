package dev.stoa.hub.policy;

import dev.stoa.hub.audit.AuditRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps the policy audit records fired during the tests. */
@ApplicationScoped
public class RecordedAudits {

    private final List<AuditRecord> records = new CopyOnWriteArrayList<>();

    void record(@Observes AuditRecord record) {
        if (record.action().startsWith("policy.")) {
            records.add(record);
        }
    }

    public List<AuditRecord> about(String target) {
        return records.stream().filter(r -> r.target().equals(target)).toList();
    }
}
