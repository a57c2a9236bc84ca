package dev.stoa.hub.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoa.hub.audit.AuditEvent;
import dev.stoa.hub.audit.AuditLog;
import dev.stoa.hub.audit.AuditQuery;
import dev.stoa.hub.audit.AuditRecord;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The policy changes the audit trail recorded, oldest first. */
@ApplicationScoped
public class RecordedAudits {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuditLog log;

    RecordedAudits(AuditLog log) {
        this.log = log;
    }

    public List<AuditRecord> about(String target) {
        List<AuditRecord> records = new ArrayList<>();
        for (AuditEvent e : log.search(new AuditQuery(Optional.of("policy."), Optional.empty(), Optional.of(target),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0))) {
            records.addFirst(new AuditRecord(e.action(), Optional.ofNullable(e.actorId()), Optional.ofNullable(e.actorName()),
                    e.targetType(), e.target(), Optional.ofNullable(e.orgId()), map(e.before()), map(e.after())));
        }
        return records;
    }

    private static Map<String, Object> map(String json) {
        try {
            return JSON.readValue(json, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
