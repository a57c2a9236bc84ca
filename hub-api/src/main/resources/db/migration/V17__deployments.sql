-- Deployments (package deployment): a model, and LoRA adapters on it, each pinned to a commit, served by a runner for
-- an owner (a user or an organisation) until it is deleted. The live engine is a replica's; these rows say what
-- should run and what happened to it.
CREATE TABLE deployment (
    id                   BIGSERIAL    PRIMARY KEY,
    owner_id             BIGINT       NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    name                 VARCHAR(40)  NOT NULL,
    repo_id              BIGINT       NOT NULL REFERENCES repository (id) ON DELETE CASCADE,
    commit_id            CHAR(40)     NOT NULL,
    runner               VARCHAR(200) NOT NULL,
    task                 VARCHAR(100) NOT NULL,
    cpu_millis           BIGINT       NOT NULL DEFAULT 0,
    memory_bytes         BIGINT       NOT NULL DEFAULT 0,
    gpu_count            INT          NOT NULL DEFAULT 0,
    gpu_type             VARCHAR(100) NOT NULL DEFAULT '',
    node_selector        JSONB        NOT NULL DEFAULT '{}',
    engine_options       JSONB        NOT NULL DEFAULT '{}',
    -- Minutes without a request before the engine is stopped (it wakes on the next one); 0: never.
    scale_to_zero_minutes INT         NOT NULL CHECK (scale_to_zero_minutes >= 0),
    created_by           BIGINT       REFERENCES account (id) ON DELETE SET NULL,
    created_by_name      VARCHAR(42)  NOT NULL,
    created_at           TIMESTAMPTZ  NOT NULL,
    state                VARCHAR(8)   NOT NULL CHECK (state IN ('pending', 'loading', 'ready', 'failed', 'stopped')),
    message              TEXT         NOT NULL DEFAULT '',
    updated_at           TIMESTAMPTZ  NOT NULL
);
CREATE UNIQUE INDEX deployment_name_unique ON deployment (owner_id, lower(name));
CREATE INDEX deployment_repo ON deployment (repo_id);

-- The adapters a deployment serves on its model, each pinned to a commit; gone with the adapter's repository.
CREATE TABLE deployment_adapter (
    deployment_id BIGINT   NOT NULL REFERENCES deployment (id) ON DELETE CASCADE,
    repo_id       BIGINT   NOT NULL REFERENCES repository (id) ON DELETE CASCADE,
    commit_id     CHAR(40) NOT NULL,
    position      INT      NOT NULL,
    PRIMARY KEY (deployment_id, repo_id)
);
CREATE INDEX deployment_adapter_repo ON deployment_adapter (repo_id);

-- Every state a deployment went through, with the message people read ("no node has 2 free nvidia.com/gpu").
CREATE TABLE deployment_status (
    id            BIGSERIAL   PRIMARY KEY,
    deployment_id BIGINT      NOT NULL REFERENCES deployment (id) ON DELETE CASCADE,
    state         VARCHAR(8)  NOT NULL,
    message       TEXT        NOT NULL,
    at            TIMESTAMPTZ NOT NULL
);
CREATE INDEX deployment_status_of ON deployment_status (deployment_id, id);

-- Quotas an administrator set for a user or an organisation; others have stoa.inference.quota.* .
CREATE TABLE deployment_quota (
    account_id      BIGINT      PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
    max_deployments INT         NOT NULL CHECK (max_deployments >= 0),
    max_gpus        INT         NOT NULL CHECK (max_gpus >= 0),
    set_by_name     VARCHAR(42) NOT NULL,
    set_at          TIMESTAMPTZ NOT NULL
);
