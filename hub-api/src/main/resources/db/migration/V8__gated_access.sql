-- Gated repositories: one access request per repository and user, in its current state. The user asked
-- (requested_by_user: the user agreed to share name and email) or an owner granted access directly.
CREATE TABLE access_request (
    repo_id          BIGINT       NOT NULL REFERENCES repository (id) ON DELETE CASCADE,
    user_id          BIGINT       NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    status           VARCHAR(8)   NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
    requested_by_user BOOLEAN     NOT NULL,
    -- The answers to the card's extra_gated_fields, label -> value; null for a direct grant.
    fields           JSONB,
    -- The terms in force when the request was made: the card's extra_gated_prompt and the main commit it
    -- was read from (null when the repository had no commit yet).
    terms_prompt     TEXT,
    terms_commit     CHAR(40),
    requested_at     TIMESTAMPTZ  NOT NULL,
    decided_at       TIMESTAMPTZ,
    decided_by       BIGINT       REFERENCES account (id) ON DELETE SET NULL,
    rejection_reason VARCHAR(200),
    PRIMARY KEY (repo_id, user_id)
);
CREATE INDEX access_request_status ON access_request (repo_id, status, requested_at);
CREATE INDEX access_request_user ON access_request (user_id);

-- Every request, decision and grant, appended and never changed: the record of who accepted which terms,
-- when, and who decided. Names are copied, and there are no foreign keys, so the record outlives renames
-- and deletions (repository ids are never reused).
CREATE TABLE access_request_event (
    id           BIGSERIAL    PRIMARY KEY,
    repo_id      BIGINT       NOT NULL,
    repo_name    VARCHAR(200) NOT NULL,
    user_id      BIGINT       NOT NULL,
    user_name    VARCHAR(42)  NOT NULL,
    user_email   VARCHAR(320),
    action       VARCHAR(10)  NOT NULL CHECK (action IN ('requested', 'accepted', 'rejected', 'pending', 'granted', 'cancelled')),
    -- The request's status afterwards; null when the user withdrew it.
    status       VARCHAR(8)   CHECK (status IN ('pending', 'accepted', 'rejected')),
    fields       JSONB,
    terms_prompt TEXT,
    terms_commit CHAR(40),
    -- Who did it: the user, a repository writer, or nobody (accepted automatically).
    actor_id     BIGINT,
    actor_name   VARCHAR(42),
    reason       VARCHAR(200),
    at           TIMESTAMPTZ  NOT NULL
);
CREATE INDEX access_request_event_repo ON access_request_event (repo_id, id);

CREATE FUNCTION access_request_event_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'access_request_event is append-only: the record of access decisions is never changed';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER access_request_event_append_only BEFORE UPDATE OR DELETE ON access_request_event
    FOR EACH ROW EXECUTE FUNCTION access_request_event_is_append_only();
