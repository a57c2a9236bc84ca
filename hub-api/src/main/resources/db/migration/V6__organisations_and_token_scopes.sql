-- Organisations choose whether their new repositories start public or private (an explicit choice at
-- creation wins). Users keep 'public'.
ALTER TABLE account ADD COLUMN default_visibility VARCHAR(8) NOT NULL DEFAULT 'public'
    CHECK (default_visibility IN ('public', 'private'));

-- A token may be limited to listed repositories or to one organisation's repositories (never both).
-- Repositories are kept by id: a renamed or moved repository stays in the list, a deleted one leaves it
-- (and a new repository that reuses the name is not in it). An organisation's deletion revokes its tokens.
ALTER TABLE access_token ADD COLUMN restricted_to_repositories BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE access_token ADD COLUMN restricted_org_id BIGINT REFERENCES account (id) ON DELETE CASCADE;
ALTER TABLE access_token ADD CONSTRAINT access_token_one_restriction
    CHECK (NOT (restricted_to_repositories AND restricted_org_id IS NOT NULL));

CREATE TABLE access_token_repository (
    token_id UUID   NOT NULL REFERENCES access_token (id) ON DELETE CASCADE,
    repo_id  BIGINT NOT NULL REFERENCES repository (id) ON DELETE CASCADE,
    PRIMARY KEY (token_id, repo_id)
);
CREATE INDEX access_token_repository_repo ON access_token_repository (repo_id);

-- Admin counts per organisation (the last admin may not leave).
CREATE INDEX org_member_org_role ON org_member (org_id, role);
