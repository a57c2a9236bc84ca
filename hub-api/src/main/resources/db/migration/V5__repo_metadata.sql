-- Which main-branch commit the card metadata (card_data, tags, kind, safetensors, repo_lineage) was read
-- from: readers recompute it when main has moved on, so a missed or reordered event heals itself.
ALTER TABLE repository ADD COLUMN metadata_commit CHAR(40);

-- Listing: newest first, most downloaded, most liked, each stable through the id.
CREATE INDEX repository_type_created ON repository (type, created_at DESC, id DESC);
CREATE INDEX repository_type_downloads ON repository (type, downloads DESC, id DESC);
CREATE INDEX repository_type_likes ON repository (type, likes DESC, id DESC);
