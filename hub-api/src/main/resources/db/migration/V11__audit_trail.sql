-- The audit trail: every state change worth keeping (AuditRecord events), appended and never changed.
-- Each event is chained to the one before it: hash = SHA-256(prev_hash || canonical JSON of the event), so
-- an altered or removed event breaks the chain at that point (POST /api/v1/admin/audit/verify finds it).
-- Names are copied and there are no foreign keys, so the record outlives renames and deletions.
-- before/after hold canonical JSON text (keys sorted), exactly the bytes that were hashed.
CREATE TABLE audit_event (
    id             BIGSERIAL    PRIMARY KEY,
    at             TIMESTAMPTZ  NOT NULL,
    action         VARCHAR(64)  NOT NULL,
    actor_id       BIGINT,
    actor_name     VARCHAR(100),
    target_type    VARCHAR(32)  NOT NULL,
    target         VARCHAR(500) NOT NULL,
    org_id         BIGINT,
    client_address VARCHAR(64),
    before         TEXT         NOT NULL,
    after          TEXT         NOT NULL,
    prev_hash      CHAR(64)     NOT NULL,
    hash           CHAR(64)     NOT NULL
);
CREATE INDEX audit_event_at ON audit_event (at);
CREATE INDEX audit_event_action ON audit_event (action, id);
CREATE INDEX audit_event_actor ON audit_event (actor_name, id);
CREATE INDEX audit_event_target ON audit_event (target, id);
CREATE INDEX audit_event_org ON audit_event (org_id, id);

CREATE FUNCTION audit_event_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: the audit trail is never changed';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();

-- TRUNCATE bypasses row triggers: refuse it too.
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();
