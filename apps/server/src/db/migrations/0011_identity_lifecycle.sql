-- Identity lifecycle: e-mail change confirmed at the new address, sign-ups that supersede an
-- unconfirmed account, and organisations closed (not deleted) when an abandoned sign-up is removed.

-- An organisation Custodian closed: the organisation of an unconfirmed sign-up that expired or was
-- superseded by the address's real owner. Its row, audit chain and head stay (the chain keeps
-- verifying against the checkpoints written outside the database; the app may not delete
-- organisations); its memberships are removed, so nobody reaches it any more. ADR 0014.
ALTER TABLE orgs ADD COLUMN closed_at timestamptz;

-- A pending change of a person's e-mail address: the link mailed to the new address carries a random
-- token, stored only as its SHA-256; single use (used_at), short-lived (expires_at).
CREATE TABLE email_changes (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  new_email text NOT NULL CHECK (new_email = lower(new_email)),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX email_changes_user_idx ON email_changes (user_id, created_at);
GRANT SELECT, INSERT, UPDATE, DELETE ON email_changes TO custodian_app;
-- Keyed to the person from the start: the application sees only the rows of the person in scope
-- (app.user_id). Not forced: the owner-run lookup below and maintenance jobs read it as the owner.
ALTER TABLE email_changes ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON email_changes TO custodian_app
  USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());
CREATE POLICY maintenance_read ON email_changes FOR SELECT TO custodian_maintenance USING (true);
CREATE POLICY restore_read ON email_changes FOR SELECT TO custodian_restore USING (true);
CREATE POLICY restore_write ON email_changes FOR INSERT TO custodian_restore WITH CHECK (true);
SELECT custodian_global_table('email_changes', 'a person''s pending e-mail address changes (hashed links), visible only to that person');

-- Opening a change link happens before anyone is known (perhaps in another browser): this returns
-- only whose link it is, so the caller can set the scope and read the rest as that person.
CREATE FUNCTION custodian_email_change_owner(p_token_hash text) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT user_id FROM email_changes WHERE token_hash = p_token_hash
$$;
REVOKE EXECUTE ON FUNCTION custodian_email_change_owner(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION custodian_email_change_owner(text) TO custodian_app;

-- A sign-up with an address that an unconfirmed account holds: nobody is created until the address
-- is confirmed from the link (token stored as its SHA-256). Confirming it supersedes the unconfirmed
-- account; a confirmed account is never touched. Only the newest claim of an address stays usable.
CREATE TABLE signup_claims (
  token_hash text PRIMARY KEY,
  email text NOT NULL CHECK (email = lower(email)),
  name text NOT NULL,
  organisation_name text NOT NULL,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  -- The account its confirmation created (so the link opened again says "already confirmed").
  confirmed_user_id uuid REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX signup_claims_email_idx ON signup_claims (email, created_at);
GRANT SELECT, INSERT, UPDATE, DELETE ON signup_claims TO custodian_app;
SELECT custodian_global_table('signup_claims', 'sign-ups waiting for their address to be confirmed (hashed links); no organisation yet');

-- Finding accounts left unconfirmed (the expiry job).
CREATE INDEX users_unconfirmed_idx ON users (created_at) WHERE email_verified_at IS NULL;
