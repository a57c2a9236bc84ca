-- Repositories: models and datasets in a namespace (a user or an organisation). Git data (refs, packs)
-- and blobs have their own tables.
CREATE TABLE repository (
    id             BIGSERIAL PRIMARY KEY,
    type           VARCHAR(8)   NOT NULL CHECK (type IN ('model', 'dataset')),
    owner_id       BIGINT       NOT NULL REFERENCES account (id),
    name           VARCHAR(96)  NOT NULL,
    private        BOOLEAN      NOT NULL DEFAULT false,
    gated          VARCHAR(8)   NOT NULL DEFAULT 'off' CHECK (gated IN ('off', 'auto', 'manual')),
    disabled       BOOLEAN      NOT NULL DEFAULT false,
    created_by     BIGINT       REFERENCES account (id) ON DELETE SET NULL,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_modified  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    downloads      BIGINT       NOT NULL DEFAULT 0,
    likes          BIGINT       NOT NULL DEFAULT 0,
    -- Metadata of the main branch's latest commit (README front matter, adapter_config.json, safetensors).
    card_data      JSONB,
    library_name   VARCHAR(100),
    pipeline_tag   VARCHAR(100),
    license        VARCHAR(100),
    tags           TEXT[]       NOT NULL DEFAULT '{}',
    kind           VARCHAR(12)  NOT NULL DEFAULT 'base' CHECK (kind IN ('base', 'adapter', 'merge', 'quantized', 'finetune')),
    safetensors    JSONB
);
CREATE UNIQUE INDEX repository_name_unique ON repository (type, owner_id, lower(name));
CREATE INDEX repository_owner ON repository (owner_id);
CREATE INDEX repository_last_modified ON repository (last_modified DESC);
CREATE INDEX repository_tags ON repository USING GIN (tags);

-- The model tree: which repositories a repository derives from, by the base's id ("ns/name"), so that a
-- base not (yet) on this hub is still recorded. Follows the main branch's latest commit.
CREATE TABLE repo_lineage (
    repo_id    BIGINT       NOT NULL REFERENCES repository (id) ON DELETE CASCADE,
    base_model VARCHAR(200) NOT NULL,
    relation   VARCHAR(12)  NOT NULL CHECK (relation IN ('adapter', 'merge', 'quantized', 'finetune')),
    PRIMARY KEY (repo_id, base_model)
);
CREATE INDEX repo_lineage_base ON repo_lineage (lower(base_model));
