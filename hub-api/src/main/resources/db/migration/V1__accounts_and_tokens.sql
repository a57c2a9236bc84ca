-- Namespaces: users and organisations share one name space, compared case-insensitively.
CREATE TABLE account (
    id            BIGSERIAL PRIMARY KEY,
    name          VARCHAR(42)  NOT NULL,
    kind          VARCHAR(12)  NOT NULL CHECK (kind IN ('user', 'org')),
    fullname      VARCHAR(200),
    email         VARCHAR(320),
    password_hash VARCHAR(200),
    platform_role VARCHAR(16)  NOT NULL DEFAULT 'member' CHECK (platform_role IN ('member', 'curator', 'admin')),
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT org_has_no_password CHECK (kind = 'user' OR password_hash IS NULL)
);
CREATE UNIQUE INDEX account_name_unique ON account (lower(name));
CREATE UNIQUE INDEX account_email_unique ON account (lower(email)) WHERE email IS NOT NULL;

CREATE TABLE org_member (
    org_id     BIGINT      NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    user_id    BIGINT      NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    role       VARCHAR(8)  NOT NULL CHECK (role IN ('read', 'write', 'admin')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX org_member_user ON org_member (user_id);

-- Personal access tokens: only a SHA-256 of the secret is kept; the prefix lets people tell them apart.
CREATE TABLE access_token (
    id           UUID PRIMARY KEY,
    account_id   BIGINT       NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    name         VARCHAR(100) NOT NULL,
    prefix       VARCHAR(16)  NOT NULL,
    secret_hash  BYTEA        NOT NULL UNIQUE,
    scope        VARCHAR(8)   NOT NULL CHECK (scope IN ('read', 'write')),
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    expires_at   TIMESTAMPTZ,
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX access_token_account ON access_token (account_id);

-- Portal sessions: server-side, so that signing out really ends them. The cookie holds the secret;
-- the table holds its SHA-256.
CREATE TABLE web_session (
    secret_hash  CHAR(64) PRIMARY KEY,
    account_id   BIGINT      NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX web_session_account ON web_session (account_id);
