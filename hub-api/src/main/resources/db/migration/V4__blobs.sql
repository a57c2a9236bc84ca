-- LFS content, addressed by sha256 and stored once across all repositories. A row exists only after Stoa
-- itself recomputed the sha256 and size of the stored bytes. object_key is where the bytes live (the
-- staging key of the upload that verified them first). touched_at moves whenever an upload or a commit
-- relies on the blob, so the collector never removes one that work in flight is about to reference.
CREATE TABLE blob (
    sha256      CHAR(64)      PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size        BIGINT        NOT NULL CHECK (size >= 0),
    object_key  VARCHAR(1024) NOT NULL UNIQUE,
    verified_at TIMESTAMPTZ   NOT NULL,
    created_at  TIMESTAMPTZ   NOT NULL DEFAULT now(),
    touched_at  TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX blob_touched ON blob (touched_at);

-- Who proved possession of a blob by uploading it (a verified upload of theirs): they may reference it.
CREATE TABLE blob_uploader (
    sha256      CHAR(64)    NOT NULL REFERENCES blob (sha256) ON DELETE CASCADE,
    account_id  BIGINT      NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    uploaded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (sha256, account_id)
);

-- Which repositories hold a blob (a commit on one of their refs points at it). Readers of such a repository
-- may reference and download the blob. Deleting the repository drops its rows; the collector then removes
-- blobs nobody holds.
CREATE TABLE repo_blob (
    repo_id  BIGINT      NOT NULL REFERENCES repository (id) ON DELETE CASCADE,
    sha256   CHAR(64)    NOT NULL REFERENCES blob (sha256),
    added_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (repo_id, sha256)
);
CREATE INDEX repo_blob_sha256 ON repo_blob (sha256);

-- One upload of one object through the LFS batch API: the bytes go to staging_key (never to a verified
-- blob's key); completion verifies them and registers the blob. Unfinished sessions expire and their
-- bytes and multipart uploads are removed. repo_id and uploader_id carry no foreign key on purpose: the
-- session must outlive a deleted repository or account until its bytes are collected.
CREATE TABLE upload_session (
    id                  UUID          PRIMARY KEY,
    sha256              CHAR(64)      NOT NULL,
    size                BIGINT        NOT NULL,
    uploader_id         BIGINT        NOT NULL,
    repo_id             BIGINT        NOT NULL,
    staging_key         VARCHAR(1024) NOT NULL UNIQUE,
    multipart_upload_id VARCHAR(1024),
    part_size           BIGINT,
    created_at          TIMESTAMPTZ   NOT NULL DEFAULT now(),
    expires_at          TIMESTAMPTZ   NOT NULL,
    completed_at        TIMESTAMPTZ
);
CREATE INDEX upload_session_expires ON upload_session (expires_at);

-- Secrets Stoa generates once and shares between replicas (e.g. the key that signs LFS transfer URLs).
CREATE TABLE signing_key (
    name       VARCHAR(64) PRIMARY KEY,
    secret     BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
