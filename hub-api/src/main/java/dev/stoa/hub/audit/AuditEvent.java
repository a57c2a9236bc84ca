package dev.stoa.hub.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One stored event of the audit trail, as the API returns it.
 *
 * @param org           the name of {@code orgId}'s organisation today, null when it has none or it is gone
 * @param clientAddress where the request that made the change came from, null when Stoa itself made it
 * @param before        the state before, canonical JSON text
 * @param after         the state after, canonical JSON text
 * @param prevHash      the hash of the event before it (64 zeros for the first)
 * @param hash          SHA-256 of {@code prevHash} followed by {@link #canonical()}
 */
public record AuditEvent(long id, Instant at, String action, Long actorId, String actorName, String targetType,
                         String target, Long orgId, String org, String clientAddress, String before, String after,
                         String prevHash, String hash) {

    /** The hash before the first event. */
    public static final String GENESIS = "0".repeat(64);

    /** The bytes the hash covers besides the previous hash: every stored field but the hashes and the org's name. */
    String canonical() {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("id", id);
        fields.put("at", at.toString());
        fields.put("action", action);
        fields.put("actorId", actorId);
        fields.put("actorName", actorName);
        fields.put("targetType", targetType);
        fields.put("target", target);
        fields.put("orgId", orgId);
        fields.put("clientAddress", clientAddress);
        fields.put("before", CanonicalJson.parse(before));
        fields.put("after", CanonicalJson.parse(after));
        return CanonicalJson.write(fields);
    }

    /** The hash this event should have after {@code previousHash}. */
    String expectedHash(String previousHash) {
        return AuditHashes.sha256Hex(previousHash + canonical());
    }

    /** The event as a JSON object for the API and the export (before/after as objects). */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("at", at.toString());
        json.put("action", action);
        json.put("actor", actorName);
        json.put("actorId", actorId);
        json.put("targetType", targetType);
        json.put("target", target);
        json.put("org", org);
        json.put("clientAddress", clientAddress);
        json.put("before", CanonicalJson.parse(before));
        json.put("after", CanonicalJson.parse(after));
        json.put("prevHash", prevHash);
        json.put("hash", hash);
        return json;
    }
}
