-- Who likes which repository. repository.likes stays the count of these rows: a like and the counter change
-- in one transaction, and only when the row was really inserted or deleted (liking twice counts once).
CREATE TABLE repo_like (
    repo_id    BIGINT      NOT NULL REFERENCES repository (id) ON DELETE CASCADE,
    account_id BIGINT      NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (repo_id, account_id)
);
CREATE INDEX repo_like_account ON repo_like (account_id, created_at DESC);
