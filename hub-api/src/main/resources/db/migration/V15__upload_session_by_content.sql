-- A commit may name content its uploader sent but never asked to verify (huggingface.js skips the verify
-- action); the commit then finds the open upload of that content by its uploader and verifies it.
CREATE INDEX upload_session_open_by_content ON upload_session (uploader_id, sha256) WHERE completed_at IS NULL;
