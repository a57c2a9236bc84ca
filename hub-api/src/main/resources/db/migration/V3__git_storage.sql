-- Git storage: each repository is a JGit DFS repository whose pack files live in the object store
-- (keys git/<repo_id>/pack/<pack name>.<ext>) and whose refs and pack list live here.
-- No foreign key to repository: the git layer sits below it and is removed with it by RepoService.
CREATE TABLE git_repository (
    repo_id    BIGINT      PRIMARY KEY,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Refs, moved only by compare-and-swap (UPDATE ... WHERE target = expected; INSERT ... ON CONFLICT DO NOTHING).
-- A ref is either direct (target: an object id) or symbolic (symbolic_target: another ref's name, as HEAD).
CREATE TABLE git_ref (
    repo_id         BIGINT        NOT NULL REFERENCES git_repository (repo_id) ON DELETE CASCADE,
    name            VARCHAR(1024) NOT NULL,
    target          CHAR(40),
    -- For an annotated tag: the object it finally points at; NULL for anything else.
    peeled          CHAR(40),
    symbolic_target VARCHAR(1024),
    PRIMARY KEY (repo_id, name),
    CHECK ((target IS NULL) <> (symbolic_target IS NULL))
);

-- The pack files of each repository. A pack becomes visible when its row is inserted (after its files are
-- in the object store); compaction inserts the new packs and sets replaced_at on the old ones in one
-- transaction; the old ones' files are deleted, and their rows with them, once the grace period has passed.
CREATE TABLE git_pack (
    repo_id       BIGINT       NOT NULL REFERENCES git_repository (repo_id) ON DELETE CASCADE,
    name          VARCHAR(100) NOT NULL,
    source        VARCHAR(24)  NOT NULL,
    -- Size in bytes of each file of the pack, by extension: {"pack": 1234, "idx": 1100, ...}.
    file_sizes    JSONB        NOT NULL,
    object_count  BIGINT       NOT NULL,
    delta_count   BIGINT       NOT NULL DEFAULT 0,
    index_version INT          NOT NULL DEFAULT 2,
    created_at    TIMESTAMPTZ  NOT NULL,
    replaced_at   TIMESTAMPTZ,
    PRIMARY KEY (repo_id, name)
);
CREATE INDEX git_pack_live ON git_pack (repo_id) WHERE replaced_at IS NULL;
CREATE INDEX git_pack_replaced ON git_pack (replaced_at) WHERE replaced_at IS NOT NULL;
