-- Plugins switched on or off through the admin API; a plugin without a row follows its configuration.
CREATE TABLE plugin_state (
    plugin_id  VARCHAR(63)  PRIMARY KEY,
    enabled    BOOLEAN      NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL,
    updated_by BIGINT       REFERENCES account (id) ON DELETE SET NULL
);

-- One run of one plugin check on one commit of a repository, and the queue that runs them: workers claim a
-- queued row (FOR UPDATE SKIP LOCKED) and hold it by a lease that their heartbeat renews; a row whose lease
-- ran out is taken over by another worker.
CREATE TABLE check_run (
    id               BIGSERIAL    PRIMARY KEY,
    repo_id          BIGINT       NOT NULL REFERENCES repository (id) ON DELETE CASCADE,
    commit_id        CHAR(40)     NOT NULL,
    check_name       VARCHAR(127) NOT NULL,
    plugin_id        VARCHAR(63)  NOT NULL,
    status           VARCHAR(10)  NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    verdict          VARCHAR(5)   CHECK (verdict IN ('PASS', 'WARN', 'FAIL', 'ERROR')),
    findings         JSONB,
    metrics          JSONB,
    summary          TEXT,
    attempts         INT          NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ  NOT NULL,
    lease_owner      VARCHAR(100),
    lease_expires_at TIMESTAMPTZ,
    created_at       TIMESTAMPTZ  NOT NULL,
    started_at       TIMESTAMPTZ,
    finished_at      TIMESTAMPTZ,
    last_error       TEXT,
    UNIQUE (repo_id, commit_id, check_name)
);
CREATE INDEX check_run_queued ON check_run (next_attempt_at, id) WHERE status = 'queued';
CREATE INDEX check_run_leased ON check_run (lease_expires_at) WHERE status = 'running';
