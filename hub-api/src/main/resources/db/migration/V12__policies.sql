-- Governance policies, versioned: every change appends a new version (the platform default has org_id NULL, an
-- organisation's override its account id). The latest version of a scope is in force; earlier ones stay readable
-- as its history. Names are copied and there are no foreign keys, so the record outlives renames and deletions.
CREATE TABLE policy_version (
    id          BIGSERIAL    PRIMARY KEY,
    org_id      BIGINT,
    version     INT          NOT NULL CHECK (version > 0),
    -- The policy document: requiredChecks, licensesAllowed/Denied/NeedsReview, onFailedCheck,
    -- membersPublishWithoutReview, requiredCardFields.
    document    JSONB        NOT NULL,
    author_id   BIGINT,
    author_name VARCHAR(42),
    note        VARCHAR(500),
    created_at  TIMESTAMPTZ  NOT NULL
);
CREATE UNIQUE INDEX policy_version_scope ON policy_version (COALESCE(org_id, 0), version);

CREATE FUNCTION policy_version_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'policy_version is append-only: a policy change is a new version';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER policy_version_append_only BEFORE UPDATE OR DELETE ON policy_version
    FOR EACH ROW EXECUTE FUNCTION policy_version_is_append_only();
