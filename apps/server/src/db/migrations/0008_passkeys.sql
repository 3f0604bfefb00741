-- Passkeys (WebAuthn) as a second factor and for passwordless sign-in, and step-up authentication.

-- A person's passkeys: the credential's id and public key (both base64url), the signature counter the
-- authenticator last reported, how the browser can reach it (transports, comma-separated), a name the
-- person chose, and when it was added and last used. `version` guards renames (ADR 0011).
CREATE TABLE passkeys (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  credential_id text NOT NULL UNIQUE,
  public_key text NOT NULL,
  counter bigint NOT NULL DEFAULT 0,
  transports text NOT NULL DEFAULT '',
  name text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  last_used_at timestamptz
);
CREATE INDEX passkeys_user_idx ON passkeys (user_id, created_at);

-- A WebAuthn challenge handed to a browser, stored only as its SHA-256: single use (claimed by a
-- delete, so two parallel uses succeed once) and short-lived. Registration, step-up and the second
-- sign-in step are tied to the person and the session that asked; a passwordless sign-in attempt has
-- no person yet (user_id null) and is the short-lived attempt itself.
CREATE TABLE webauthn_challenges (
  challenge_hash text PRIMARY KEY,
  purpose text NOT NULL CHECK (purpose IN ('register', 'sign_in', 'second_factor', 'step_up')),
  user_id uuid REFERENCES users (id) ON DELETE CASCADE,
  session_id_hash text REFERENCES sessions (id_hash) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  CHECK ((purpose = 'sign_in') = (user_id IS NULL))
);
CREATE INDEX webauthn_challenges_expiry_idx ON webauthn_challenges (expires_at);
CREATE INDEX webauthn_challenges_session_idx ON webauthn_challenges (session_id_hash);

GRANT SELECT, INSERT, UPDATE, DELETE ON passkeys, webauthn_challenges TO custodian_app;
SELECT custodian_global_table('passkeys', 'a person''s passkeys (public keys only), across organisations');
SELECT custodian_global_table('webauthn_challenges', 'short-lived WebAuthn challenges (hashed) of a person or a sign-in attempt');

-- Row-level security keyed to the person: the application sees and writes only the rows of the person
-- in scope (app.user_id). Enabled but not forced: the table owner, which owns the one lookup function
-- below, reads a credential before anyone is known; the application never runs as the owner.
ALTER TABLE passkeys ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_passkeys ON passkeys TO custodian_app
  USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());
ALTER TABLE webauthn_challenges ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_challenges ON webauthn_challenges TO custodian_app
  USING (user_id IS NULL OR user_id = app_user_id()) WITH CHECK (user_id IS NULL OR user_id = app_user_id());
CREATE POLICY maintenance_read ON passkeys FOR SELECT TO custodian_maintenance USING (true);
CREATE POLICY maintenance_read ON webauthn_challenges FOR SELECT TO custodian_maintenance USING (true);
CREATE POLICY restore_read ON passkeys FOR SELECT TO custodian_restore USING (true);
CREATE POLICY restore_write ON passkeys FOR INSERT TO custodian_restore WITH CHECK (true);
CREATE POLICY restore_read ON webauthn_challenges FOR SELECT TO custodian_restore USING (true);
CREATE POLICY restore_write ON webauthn_challenges FOR INSERT TO custodian_restore WITH CHECK (true);

-- Passwordless sign-in: the credential a browser presents, before anyone is known. Returns only what
-- checking the signature needs (and whose passkey it is); nothing else is reachable through it.
CREATE FUNCTION custodian_find_passkey(p_credential_id text)
RETURNS TABLE (passkey_id uuid, user_id uuid, public_key text, counter bigint, transports text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT p.id, p.user_id, p.public_key, p.counter, p.transports FROM passkeys p WHERE p.credential_id = p_credential_id
$$;
REVOKE EXECUTE ON FUNCTION custodian_find_passkey(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION custodian_find_passkey(text) TO custodian_app;

-- Step-up: when the person last proved who they are in this session (password or passkey). A fresh
-- sign-in sets it; sensitive actions need it within the last five minutes.
ALTER TABLE sessions ADD COLUMN stepped_up_at timestamptz;
