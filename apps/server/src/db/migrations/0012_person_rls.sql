-- Row-level security keyed to the person (ADR 0017) on every table that holds one person's rows:
-- users, sessions, recovery codes, e-mail confirmation and password-reset tokens. As the application
-- role with no scope nothing of them is visible or writable; with app.user_id set, that person's own
-- rows; in an organisation (app.org_id), the names and addresses of its members, never their secrets.
-- A lookup of a person before anyone knows who they are (by e-mail address or token) is a SECURITY
-- DEFINER function below that returns only what it must; the service then scopes the transaction to
-- that person. Security is enabled but not forced: the tables' owner is the role these functions, the
-- migrations and the session housekeeping run as; custodian_app never owns a table.

-- A third kind of table: 'person' (keyed to one person, protected by app.user_id).
ALTER TABLE table_registry DROP CONSTRAINT table_registry_kind_check;
ALTER TABLE table_registry ADD CONSTRAINT table_registry_kind_check CHECK (kind IN ('tenant', 'global', 'person'));

-- The one line a new person-keyed table needs: SELECT custodian_person_table('passkeys', 'why');
-- Row-level security with the person policy (key column = app.user_id) unless the table already has a
-- policy that reaches the application role; read policies for maintenance and backups, insert for
-- restores; grants; registered as 'person'. Idempotent.
CREATE FUNCTION custodian_person_table(
  tbl regclass,
  why text,
  key_column name DEFAULT 'user_id',
  app_privileges text DEFAULT 'SELECT, INSERT, UPDATE, DELETE'
) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  name text := tbl::text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = tbl AND attname = key_column AND NOT attisdropped AND atttypid = 'uuid'::regtype) THEN
    RAISE EXCEPTION 'custodian_person_table(%): a person table needs a uuid column %', name, key_column;
  END IF;
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND tablename = name
                 AND (roles::text = '{public}' OR 'custodian_app' = ANY (roles))) THEN
    EXECUTE format('CREATE POLICY person_isolation ON %s USING (%I = app_user_id()) WITH CHECK (%I = app_user_id())', tbl, key_column, key_column);
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND tablename = name AND policyname = 'maintenance_read') THEN
    EXECUTE format('CREATE POLICY maintenance_read ON %s FOR SELECT TO custodian_maintenance USING (true)', tbl);
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND tablename = name AND policyname = 'restore_read') THEN
    EXECUTE format('CREATE POLICY restore_read ON %s FOR SELECT TO custodian_restore USING (true)', tbl);
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND tablename = name AND policyname = 'restore_write') THEN
    EXECUTE format('CREATE POLICY restore_write ON %s FOR INSERT TO custodian_restore WITH CHECK (true)', tbl);
  END IF;
  IF app_privileges <> '' THEN
    EXECUTE format('GRANT %s ON %s TO custodian_app', app_privileges, tbl);
  END IF;
  EXECUTE format('GRANT SELECT ON %s TO custodian_maintenance', tbl);
  EXECUTE format('GRANT SELECT, INSERT ON %s TO custodian_restore', tbl);
  INSERT INTO table_registry (table_name, kind, reason) VALUES (name, 'person', why)
  ON CONFLICT (table_name) DO UPDATE SET kind = 'person', reason = excluded.reason;
END
$$;

-- People: a person reads and changes their own row; in an organisation, its members' rows can be read.
CREATE POLICY person_isolation ON users USING (id = app_user_id()) WITH CHECK (id = app_user_id());
CREATE POLICY co_member_read ON users FOR SELECT
  USING (app_org_id() IS NOT NULL AND id IN (SELECT m.user_id FROM memberships m WHERE m.org_id = app_org_id()));
SELECT custodian_person_table('users', 'people: one account across organisations; a person sees their own row, members of an organisation each other''s name and address', 'id');

-- The secrets are not selectable by the application role at all (not even its own row, by accident of
-- a `select *`): every other column is, by column privilege. A person's own secrets are read through
-- custodian_own_credentials(). Columns added by earlier migrations of other branches are granted here;
-- a column added later needs its own `GRANT SELECT (column) ON users TO custodian_app` unless secret.
REVOKE SELECT ON users FROM custodian_app;
DO $$
DECLARE
  col name;
BEGIN
  FOR col IN SELECT attname FROM pg_attribute WHERE attrelid = 'users'::regclass AND attnum > 0 AND NOT attisdropped
             AND attname NOT IN ('password_hash', 'totp_secret_enc', 'totp_pending_secret_enc') LOOP
    EXECUTE format('GRANT SELECT (%I) ON users TO custodian_app', col);
  END LOOP;
END
$$;

-- Failed attempts are forgotten a day after the last one (for known accounts and unknown addresses alike).
ALTER TABLE users ADD COLUMN last_failed_login_at timestamptz;
GRANT SELECT (last_failed_login_at) ON users TO custodian_app;

SELECT custodian_person_table('sessions', 'sign-in sessions of a person, who may switch between organisations');
SELECT custodian_person_table('recovery_codes', 'a person''s MFA recovery codes (hashed)');
SELECT custodian_person_table('email_verifications', 'a person''s e-mail confirmation tokens (hashed)');
SELECT custodian_person_table('password_resets', 'a person''s password-reset tokens (hashed)');

-- Tables other branches registered as global while keyed to a person (a user_id column) become person
-- tables here, with their own policies kept when they have them.
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT r.table_name, r.reason FROM table_registry r
           WHERE r.kind = 'global' AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = r.table_name::regclass
             AND a.attname = 'user_id' AND NOT a.attisdropped AND a.atttypid = 'uuid'::regtype) LOOP
    PERFORM custodian_person_table(t.table_name::regclass, t.reason, 'user_id', '');
  END LOOP;
END
$$;

-- A person's own secrets (the password hash to check a current password, the TOTP secrets), for the
-- person the transaction is scoped to and nobody else.
CREATE FUNCTION custodian_own_credentials()
RETURNS TABLE (password_hash text, totp_secret_enc text, totp_pending_secret_enc text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT u.password_hash, u.totp_secret_enc, u.totp_pending_secret_enc FROM users u WHERE u.id = app_user_id()
$$;

-- Pre-authentication lookups: each returns only the person's id (and a token's state), never a row.
CREATE FUNCTION custodian_user_id_by_email(p_email text) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT u.id FROM users u WHERE u.email = p_email
$$;

-- Who holds an address, and whether they confirmed it (sign-up, invitations, e-mail change and single
-- sign-on decide what to do with an address before anyone is known); never a secret.
CREATE FUNCTION custodian_address_holder(p_email text)
RETURNS TABLE (id uuid, name text, email text, email_verified_at timestamptz, created_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT u.id, u.name, u.email, u.email_verified_at, u.created_at FROM users u WHERE u.email = p_email
$$;

CREATE FUNCTION custodian_find_email_verification(p_token_hash text)
RETURNS TABLE (user_id uuid, expires_at timestamptz, used_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT v.user_id, v.expires_at, v.used_at FROM email_verifications v WHERE v.token_hash = p_token_hash
$$;

CREATE FUNCTION custodian_find_password_reset(p_token_hash text)
RETURNS TABLE (user_id uuid, expires_at timestamptz, used_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT r.user_id, r.expires_at, r.used_at FROM password_resets r WHERE r.token_hash = p_token_hash
$$;

-- Whether the database has any account (the demo is created only in an empty one).
CREATE FUNCTION custodian_has_any_user() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM users)
$$;

-- Failed sign-ins for addresses without an account, counted exactly like an account's (users.failed_logins,
-- locked_until, last_failed_login_at), so lockout answers alike whether or not the address has an account.
-- Only the SHA-256 of the address is kept, and a row is swept a day after its last failure. The
-- application role has no privilege on it: the two functions below are the only way in.
CREATE TABLE unknown_sign_in_failures (
  address_hash text PRIMARY KEY,
  failures integer NOT NULL,
  locked_until timestamptz,
  last_failed_at timestamptz NOT NULL
);
CREATE INDEX unknown_sign_in_failures_age_idx ON unknown_sign_in_failures (last_failed_at);
SELECT custodian_global_table('unknown_sign_in_failures', 'failed sign-ins for addresses without an account (hashed), reached only through SECURITY DEFINER functions');
ALTER TABLE unknown_sign_in_failures ENABLE ROW LEVEL SECURITY;
CREATE POLICY maintenance_read ON unknown_sign_in_failures FOR SELECT TO custodian_maintenance USING (true);
CREATE POLICY restore_read ON unknown_sign_in_failures FOR SELECT TO custodian_restore USING (true);
CREATE POLICY restore_write ON unknown_sign_in_failures FOR INSERT TO custodian_restore WITH CHECK (true);
GRANT SELECT ON unknown_sign_in_failures TO custodian_maintenance;
GRANT SELECT, INSERT ON unknown_sign_in_failures TO custodian_restore;

-- Reserves one attempt for an unknown address (the same rule as reserveLoginAttempt): counted now, only
-- while not locked and with attempts left. Returns the attempt number, or null and the lock's end.
CREATE FUNCTION custodian_reserve_unknown_sign_in(p_address_hash text, p_max integer, p_now timestamptz, p_forget_after interval)
RETURNS TABLE (attempt integer, locked_until timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  n integer;
BEGIN
  INSERT INTO unknown_sign_in_failures AS f (address_hash, failures, last_failed_at) VALUES (p_address_hash, 1, p_now)
  ON CONFLICT (address_hash) DO UPDATE
    SET failures = CASE WHEN f.last_failed_at <= p_now - p_forget_after THEN 1 ELSE f.failures + 1 END, last_failed_at = p_now
    WHERE (f.failures < p_max OR f.last_failed_at <= p_now - p_forget_after) AND (f.locked_until IS NULL OR f.locked_until <= p_now)
  RETURNING f.failures INTO n;
  IF n IS NOT NULL THEN
    RETURN QUERY SELECT n, NULL::timestamptz;
  ELSE
    RETURN QUERY SELECT NULL::integer, f.locked_until FROM unknown_sign_in_failures f WHERE f.address_hash = p_address_hash;
  END IF;
END
$$;

-- Settles a failure already counted: at the limit, locks the address until p_until (and starts counting afresh).
CREATE FUNCTION custodian_settle_unknown_sign_in(p_address_hash text, p_failures integer, p_max integer, p_until timestamptz)
RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  UPDATE unknown_sign_in_failures SET failures = 0, locked_until = p_until WHERE address_hash = p_address_hash AND p_failures >= p_max
$$;

-- Only the application role runs these (PUBLIC could otherwise).
DO $$
DECLARE
  fn text;
BEGIN
  FOREACH fn IN ARRAY ARRAY['custodian_own_credentials()', 'custodian_user_id_by_email(text)', 'custodian_address_holder(text)', 'custodian_find_email_verification(text)',
    'custodian_find_password_reset(text)', 'custodian_has_any_user()', 'custodian_reserve_unknown_sign_in(text, integer, timestamptz, interval)',
    'custodian_settle_unknown_sign_in(text, integer, integer, timestamptz)'] LOOP
    EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', fn);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO custodian_app', fn);
  END LOOP;
END
$$;
