-- Moderation: the platform role 'moderator', quarantines of repositories and files, community reports, and
-- repositories hidden from listings.
ALTER TABLE account DROP CONSTRAINT account_platform_role_check;
ALTER TABLE account ADD CONSTRAINT account_platform_role_check
    CHECK (platform_role IN ('member', 'curator', 'moderator', 'admin'));

-- Hidden by a moderator: left out of listings and search for everyone but its owners and moderators.
ALTER TABLE repository ADD COLUMN hidden BOOLEAN NOT NULL DEFAULT false;

-- A quarantine of a whole repository (path null) or of one file (path), while lifted_at is null. Lifting keeps
-- the row: the record of who quarantined what, why, and who lifted it. repository.disabled mirrors an active
-- whole-repository quarantine.
CREATE TABLE quarantine (
    id              BIGSERIAL     PRIMARY KEY,
    repo_id         BIGINT        NOT NULL REFERENCES repository (id) ON DELETE CASCADE,
    path            VARCHAR(1000),
    -- the LFS object of the file when it was quarantined, refused by LFS batch downloads of this repository
    lfs_oid         CHAR(64),
    reason          TEXT          NOT NULL,
    source          VARCHAR(9)    NOT NULL CHECK (source IN ('moderator', 'check')),
    check_run_id    BIGINT,
    imposed_by      BIGINT        REFERENCES account (id) ON DELETE SET NULL,
    imposed_by_name VARCHAR(42),
    imposed_at      TIMESTAMPTZ   NOT NULL,
    lifted_at       TIMESTAMPTZ,
    lifted_by       BIGINT        REFERENCES account (id) ON DELETE SET NULL,
    lifted_by_name  VARCHAR(42),
    lift_note       TEXT
);
CREATE UNIQUE INDEX quarantine_one_active ON quarantine (repo_id, coalesce(path, '')) WHERE lifted_at IS NULL;
CREATE INDEX quarantine_repo ON quarantine (repo_id, id);
CREATE INDEX quarantine_active ON quarantine (id) WHERE lifted_at IS NULL;

-- A community report on a repository or one of its files, and what a moderator did about it.
CREATE TABLE abuse_report (
    id               BIGSERIAL     PRIMARY KEY,
    repo_id          BIGINT        NOT NULL REFERENCES repository (id) ON DELETE CASCADE,
    path             VARCHAR(1000),
    reporter_id      BIGINT        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    reason           VARCHAR(12)   NOT NULL
        CHECK (reason IN ('malware', 'illegal', 'copyright', 'harassment', 'spam', 'privacy', 'other')),
    details          TEXT          NOT NULL,
    status           VARCHAR(11)   NOT NULL CHECK (status IN ('open', 'dismissed', 'quarantined', 'hidden', 'contacted')),
    outcome_message  TEXT,
    decided_by       BIGINT        REFERENCES account (id) ON DELETE SET NULL,
    decided_by_name  VARCHAR(42),
    decided_at       TIMESTAMPTZ,
    created_at       TIMESTAMPTZ   NOT NULL
);
CREATE INDEX abuse_report_status ON abuse_report (status, id);
CREATE INDEX abuse_report_reporter ON abuse_report (reporter_id, id);
