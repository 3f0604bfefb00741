-- Password reset by e-mail, password change and the sessions page.

-- A reset link's token, stored only as its SHA-256: single use (used_at), short-lived (expires_at).
-- Requests per address are counted from created_at (a quiet per-address limit: the reply never says).
CREATE TABLE password_resets (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX password_resets_user_idx ON password_resets (user_id, created_at);
GRANT SELECT, INSERT, UPDATE, DELETE ON password_resets TO custodian_app;
SELECT custodian_global_table('password_resets', 'a person''s password-reset tokens (hashed)');

-- Sessions get an id that can be shown and named (the id hash binds CSRF tokens and stays private),
-- and a coarse description of the device ("Chrome on Windows"), never the full user agent.
ALTER TABLE sessions ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE sessions ADD COLUMN device text NOT NULL DEFAULT '';
CREATE UNIQUE INDEX sessions_id_idx ON sessions (id);

-- Mail that carries a personal credential (a reset link): the organisation's outbox page lists it
-- without its text, so nobody but its recipient can use the link.
ALTER TABLE outbox ADD COLUMN is_private boolean NOT NULL DEFAULT false;
