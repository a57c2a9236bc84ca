-- Evaluation runs (package evaluation): one task of a dataset repository run on a model, each input pinned to a
-- commit when the run is asked for, so that running the same record again gives the same numbers. The per-document
-- records are a JSON Lines object in the object store (samples_key); the metrics and the run record are here.
CREATE TABLE evaluation_run (
    id               UUID         PRIMARY KEY,
    owner_id         BIGINT       NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    model            VARCHAR(300) NOT NULL,
    model_repo_id    BIGINT       REFERENCES repository (id) ON DELETE CASCADE,
    model_commit     CHAR(40),
    dataset_repo_id  BIGINT       NOT NULL REFERENCES repository (id) ON DELETE CASCADE,
    dataset_commit   CHAR(40)     NOT NULL,
    task_name        VARCHAR(200) NOT NULL,
    task_file        VARCHAR(1000) NOT NULL,
    task_sha256      CHAR(64)     NOT NULL,
    num_fewshot      INT          NOT NULL CHECK (num_fewshot >= 0),
    doc_limit        BIGINT       NOT NULL CHECK (doc_limit > 0),
    seed             BIGINT       NOT NULL,
    status           VARCHAR(9)   NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    cancel_requested BOOLEAN      NOT NULL DEFAULT false,
    done             BIGINT       NOT NULL DEFAULT 0,
    total            BIGINT,
    metrics          JSONB,
    record           JSONB        NOT NULL,
    error            TEXT,
    samples_key      VARCHAR(200),
    worker           VARCHAR(200),
    created_at       TIMESTAMPTZ  NOT NULL,
    started_at       TIMESTAMPTZ,
    heartbeat_at     TIMESTAMPTZ,
    finished_at      TIMESTAMPTZ
);
CREATE INDEX evaluation_run_queued ON evaluation_run (created_at) WHERE status IN ('queued', 'running');
CREATE INDEX evaluation_run_model ON evaluation_run (model_repo_id, created_at DESC);
CREATE INDEX evaluation_run_dataset ON evaluation_run (dataset_repo_id, task_name);
CREATE INDEX evaluation_run_owner ON evaluation_run (owner_id, created_at DESC);
