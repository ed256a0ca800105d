-- Tokens with roles that are enforced, an optional expiry and revocation; studies remember the token that created
-- them (a ci token may cancel only its own); trials whose attempts were all lost to infrastructure end LOST.

ALTER TABLE api_token DROP CONSTRAINT api_token_role_check;
ALTER TABLE api_token ADD CONSTRAINT api_token_role_check
  CHECK (role IN ('ADMIN', 'RESEARCHER', 'VIEWER', 'CI', 'WORKER'));
ALTER TABLE api_token
  ADD COLUMN expires_at TIMESTAMPTZ,
  ADD COLUMN revoked_at TIMESTAMPTZ, -- revoked tokens stay on record, so studies keep their creator
  ADD COLUMN created_by VARCHAR(100);
-- A name is unique among the tokens still in force; a revoked token's name may be given again.
ALTER TABLE api_token DROP CONSTRAINT api_token_name_key;
CREATE UNIQUE INDEX api_token_active_name ON api_token (name) WHERE revoked_at IS NULL;

ALTER TABLE study ADD COLUMN created_by_token_id BIGINT REFERENCES api_token (id);

ALTER TABLE trial DROP CONSTRAINT trial_status_check;
ALTER TABLE trial ADD CONSTRAINT trial_status_check
  CHECK (status IN ('PENDING', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'DIVERGED', 'FAILED', 'CANCELLED', 'LOST'));
