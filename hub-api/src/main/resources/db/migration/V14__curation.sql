-- Curators of an organisation: they decide the curation requests of its repositories (besides platform curators).
CREATE TABLE org_curator (
    org_id   BIGINT      NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    user_id  BIGINT      NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    added_by BIGINT      REFERENCES account (id) ON DELETE SET NULL,
    added_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_id, user_id)
);

-- A revision (one commit) submitted for curation and the decision on it. An approved request names the protected
-- tag that points at its commit: nobody moves or deletes that tag (RefService, git push and commits refuse it).
CREATE TABLE curation_request (
    id           BIGSERIAL    PRIMARY KEY,
    repo_id      BIGINT       NOT NULL REFERENCES repository (id) ON DELETE CASCADE,
    commit_id    CHAR(40)     NOT NULL,
    revision     VARCHAR(255) NOT NULL,
    wanted_tag   VARCHAR(255),
    note         TEXT         NOT NULL DEFAULT '',
    status       VARCHAR(10)  NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    submitted_by BIGINT       REFERENCES account (id) ON DELETE SET NULL,
    submitted_at TIMESTAMPTZ  NOT NULL,
    tag          VARCHAR(255),
    decided_by   BIGINT       REFERENCES account (id) ON DELETE SET NULL,
    decided_at   TIMESTAMPTZ,
    comment      TEXT,
    CHECK ((status = 'approved') = (tag IS NOT NULL))
);
CREATE INDEX curation_request_repo ON curation_request (repo_id, id);
CREATE INDEX curation_request_pending ON curation_request (submitted_at, id) WHERE status = 'pending';
CREATE UNIQUE INDEX curation_request_one_pending ON curation_request (repo_id, commit_id) WHERE status = 'pending';
CREATE UNIQUE INDEX curation_request_tag ON curation_request (repo_id, tag) WHERE tag IS NOT NULL;
