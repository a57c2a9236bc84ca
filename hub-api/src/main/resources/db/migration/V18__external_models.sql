-- External models (package external): models Stoa does not hold — a closed API, a server run elsewhere — that an
-- administrator registered, served through a runner (the OpenAI-compatible endpoint runner) as external/<name>.
-- The API key is sealed (AES-GCM, see SecretBox) and never read back out of Stoa.
CREATE TABLE external_model (
    id              BIGSERIAL     PRIMARY KEY,
    name            VARCHAR(100)  NOT NULL,
    provider        VARCHAR(100)  NOT NULL,
    description     TEXT          NOT NULL DEFAULT '',
    runner          VARCHAR(200)  NOT NULL,
    base_url        VARCHAR(2000) NOT NULL,
    upstream_model  VARCHAR(200)  NOT NULL,
    api_key_sealed  TEXT,
    -- How long a request may wait for the provider's answer; NULL: stoa.inference.request-timeout.
    timeout_seconds INT           CHECK (timeout_seconds > 0),
    -- Only members of this organisation (and administrators) may call it; NULL: every signed-in user.
    org_id          BIGINT        REFERENCES account (id) ON DELETE CASCADE,
    created_by_name VARCHAR(42)   NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL,
    updated_at      TIMESTAMPTZ   NOT NULL
);
CREATE UNIQUE INDEX external_model_name_unique ON external_model (lower(name));
