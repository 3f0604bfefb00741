-- The two global tables reached before anyone is known, signup_claims (0011: pending sign-ups on an
-- address an unconfirmed account holds, with the chosen password's hash) and sso_logins (0009: single
-- sign-on attempts in progress), are no longer the application role's to read or write: it reaches
-- them only through the SECURITY DEFINER functions below, each doing one thing and returning only what
-- its caller needs (ADR 0017). Row-level security is on with no policy for the application, so a grant
-- added back by mistake still shows nothing; the tables' owner (these functions, the sweeper jobs)
-- is not subject to it (not forced). Backups read and restores write them as before.

REVOKE ALL ON signup_claims, sso_logins FROM custodian_app;

ALTER TABLE signup_claims ENABLE ROW LEVEL SECURITY;
CREATE POLICY maintenance_read ON signup_claims FOR SELECT TO custodian_maintenance USING (true);
CREATE POLICY restore_read ON signup_claims FOR SELECT TO custodian_restore USING (true);
CREATE POLICY restore_write ON signup_claims FOR INSERT TO custodian_restore WITH CHECK (true);
ALTER TABLE sso_logins ENABLE ROW LEVEL SECURITY;
CREATE POLICY maintenance_read ON sso_logins FOR SELECT TO custodian_maintenance USING (true);
CREATE POLICY restore_read ON sso_logins FOR SELECT TO custodian_restore USING (true);
CREATE POLICY restore_write ON sso_logins FOR INSERT TO custodian_restore WITH CHECK (true);
GRANT SELECT ON signup_claims, sso_logins TO custodian_maintenance;
GRANT SELECT, INSERT ON signup_claims, sso_logins TO custodian_restore;

SELECT custodian_global_table('signup_claims', 'sign-ups waiting for their address to be confirmed (hashed links); no organisation yet; reached only through SECURITY DEFINER functions');
SELECT custodian_global_table('sso_logins', 'single sign-on attempts in progress, before anyone is known (hashed state, encrypted verifier); reached only through SECURITY DEFINER functions');

-- Sign-up claims.

CREATE FUNCTION custodian_insert_signup_claim(p_token_hash text, p_email text, p_name text, p_organisation_name text,
  p_password_hash text, p_created_at timestamptz, p_expires_at timestamptz)
RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  INSERT INTO signup_claims (token_hash, email, name, organisation_name, password_hash, created_at, expires_at, used_at, confirmed_user_id)
  VALUES (p_token_hash, p_email, p_name, p_organisation_name, p_password_hash, p_created_at, p_expires_at, NULL, NULL)
$$;

-- A claim by its link's token hash, whatever its state: what confirming it needs (the holder of the
-- link is the one who chose the password; the link is the only way to it).
CREATE FUNCTION custodian_find_signup_claim(p_token_hash text)
RETURNS TABLE (token_hash text, email text, name text, organisation_name text, password_hash text,
  expires_at timestamptz, used_at timestamptz, confirmed_user_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT c.token_hash, c.email, c.name, c.organisation_name, c.password_hash, c.expires_at, c.used_at, c.confirmed_user_id
    FROM signup_claims c WHERE c.token_hash = p_token_hash
$$;

-- Uses a claim up: once, while unused and unexpired, recording the account it created. True when it did.
CREATE FUNCTION custodian_consume_signup_claim(p_token_hash text, p_now timestamptz, p_user_id uuid)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE signup_claims SET used_at = p_now, confirmed_user_id = p_user_id
   WHERE token_hash = p_token_hash AND used_at IS NULL AND expires_at > p_now;
  RETURN FOUND;
END
$$;

-- Retires every unused claim of an address (the address was taken, or a newer link supersedes them).
CREATE FUNCTION custodian_retire_signup_claims(p_email text, p_now timestamptz)
RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  UPDATE signup_claims SET used_at = p_now WHERE email = p_email AND used_at IS NULL
$$;

-- The newest usable claim of an address, to mail a new link for it: what the new claim copies.
CREATE FUNCTION custodian_newest_usable_signup_claim(p_email text, p_now timestamptz)
RETURNS TABLE (email text, name text, organisation_name text, password_hash text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT c.email, c.name, c.organisation_name, c.password_hash FROM signup_claims c
   WHERE c.email = p_email AND c.used_at IS NULL AND c.expires_at > p_now
   ORDER BY c.created_at DESC LIMIT 1
$$;

-- Single sign-on attempts.

CREATE FUNCTION custodian_insert_sso_login(p_state_hash text, p_org_id uuid, p_code_verifier_enc text, p_nonce text,
  p_created_at timestamptz, p_expires_at timestamptz)
RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  INSERT INTO sso_logins (state_hash, org_id, code_verifier_enc, nonce, created_at, expires_at)
  VALUES (p_state_hash, p_org_id, p_code_verifier_enc, p_nonce, p_created_at, p_expires_at)
$$;

-- Takes an attempt by its state's hash, once: the row is deleted as it is read (of two callbacks with
-- the same state only one gets it), and returned only while unexpired.
CREATE FUNCTION custodian_take_sso_login(p_state_hash text, p_now timestamptz)
RETURNS TABLE (org_id uuid, code_verifier_enc text, nonce text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  taken record;
BEGIN
  DELETE FROM sso_logins l WHERE l.state_hash = p_state_hash RETURNING l.org_id, l.code_verifier_enc, l.nonce, l.expires_at INTO taken;
  IF FOUND AND taken.expires_at > p_now THEN
    RETURN QUERY SELECT taken.org_id, taken.code_verifier_enc, taken.nonce;
  END IF;
END
$$;

-- Forgets attempts nobody came back from.
CREATE FUNCTION custodian_delete_expired_sso_logins(p_now timestamptz)
RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DELETE FROM sso_logins WHERE expires_at <= p_now
$$;

-- Only the application role runs these (PUBLIC could otherwise).
DO $$
DECLARE
  fn text;
BEGIN
  FOREACH fn IN ARRAY ARRAY['custodian_insert_signup_claim(text, text, text, text, text, timestamptz, timestamptz)',
    'custodian_find_signup_claim(text)', 'custodian_consume_signup_claim(text, timestamptz, uuid)',
    'custodian_retire_signup_claims(text, timestamptz)', 'custodian_newest_usable_signup_claim(text, timestamptz)',
    'custodian_insert_sso_login(text, uuid, text, text, timestamptz, timestamptz)', 'custodian_take_sso_login(text, timestamptz)',
    'custodian_delete_expired_sso_logins(timestamptz)'] LOOP
    EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', fn);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO custodian_app', fn);
  END LOOP;
END
$$;
