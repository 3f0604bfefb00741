-- Single sign-on with OpenID Connect, per organisation (issue 7).

-- An organisation's provider: issuer, client id and the client secret (AES-GCM under the server's
-- encryption key, like TOTP secrets; never returned by the API), and whether people who sign in through
-- it join the organisation on their first visit (just-in-time) and in which role (never owner).
CREATE TABLE sso_settings (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  issuer text NOT NULL,
  client_id text NOT NULL,
  client_secret_enc text NOT NULL,
  is_jit_enabled boolean NOT NULL DEFAULT false,
  jit_role text NOT NULL DEFAULT 'staff' CHECK (jit_role IN ('isms_manager', 'contributor', 'staff', 'auditor')),
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id)
);
SELECT custodian_tenant_table('sso_settings');

-- The e-mail domains an organisation signs in with. A domain belongs to one organisation at most: the
-- unique index decides between two organisations claiming it at the same moment.
CREATE TABLE sso_domains (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  domain text NOT NULL CHECK (domain = lower(domain)),
  added_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, domain)
);
CREATE UNIQUE INDEX sso_domains_domain_key ON sso_domains (domain);
SELECT custodian_tenant_table('sso_domains');

-- "SSO required" sits with the organisation (like is_mfa_required), so the session statement and the
-- list of a person's organisations can read it across organisations.
ALTER TABLE orgs ADD COLUMN is_sso_required boolean NOT NULL DEFAULT false;

-- A session that came through an organisation's single sign-on names that organisation.
ALTER TABLE sessions ADD COLUMN sso_org_id uuid REFERENCES orgs (org_id) ON DELETE SET NULL;

-- A sign-in at a provider in progress, before anyone is known: the state (stored as its SHA-256), the
-- PKCE verifier (encrypted) and the nonce. Used once (deleted when the person comes back), for ten minutes.
CREATE TABLE sso_logins (
  state_hash text PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  code_verifier_enc text NOT NULL,
  nonce text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sso_logins_expires_idx ON sso_logins (expires_at);
GRANT SELECT, INSERT, DELETE ON sso_logins TO custodian_app;
SELECT custodian_global_table('sso_logins', 'single sign-on attempts in progress, before anyone is known (hashed state, encrypted verifier)');

-- The one lookup before anyone is known: which organisation signs in with this e-mail domain, if one
-- with a provider does. Returns the organisation's id only; the caller then scopes to it.
CREATE FUNCTION custodian_sso_org_for_domain(p_domain text) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT d.org_id FROM sso_domains d JOIN sso_settings s ON s.org_id = d.org_id WHERE d.domain = lower(p_domain)
$$;
REVOKE EXECUTE ON FUNCTION custodian_sso_org_for_domain(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION custodian_sso_org_for_domain(text) TO custodian_app;

-- The session statement learns "SSO required": a member of such an organisation works in it only with
-- a session that came through its single sign-on, or, as the break-glass rule, as an owner who has
-- two-step verification on (so a broken provider cannot lock the organisation out). Otherwise the
-- session resolves with no organisation and says why (is_sso_blocked). It also names the organisation
-- whose single sign-on the session came through (sso_org_id), so a replacement session keeps it.
DROP FUNCTION custodian_resolve_session(text, timestamptz, integer);
CREATE FUNCTION custodian_resolve_session(p_id_hash text, p_now timestamptz, p_idle_minutes integer)
RETURNS TABLE (
  id_hash text, user_id uuid, user_name text, user_email text, has_mfa boolean, is_mfa_pending boolean,
  created_at timestamptz, needs_touch boolean, session_org_id uuid, member_role text, org_name text,
  time_zone text, is_demo boolean, is_mfa_required boolean, is_sso_blocked boolean, sso_org_id uuid
) LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  s record;
  m record;
  is_member boolean;
  blocked boolean := false;
BEGIN
  PERFORM set_config('app.org_id', '', true), set_config('app.user_id', '', true);
  SELECT ss.id_hash, ss.user_id, ss.org_id, ss.sso_org_id, ss.is_mfa_pending, ss.created_at, ss.last_seen_at, u.name, u.email, u.mfa_enabled_at
    INTO s
    FROM sessions ss JOIN users u ON u.id = ss.user_id
   WHERE ss.id_hash = p_id_hash AND ss.expires_at > p_now
     AND ss.last_seen_at > p_now - make_interval(mins => p_idle_minutes);
  IF NOT FOUND THEN
    RETURN QUERY SELECT NULL::text, NULL::uuid, NULL::text, NULL::text, NULL::boolean, NULL::boolean, NULL::timestamptz,
      NULL::boolean, NULL::uuid, NULL::text, NULL::text, NULL::text, NULL::boolean, NULL::boolean, NULL::boolean, NULL::uuid;
    RETURN;
  END IF;
  PERFORM set_config('app.user_id', s.user_id::text, true);
  SELECT mm.role, o.name, o.time_zone, o.is_demo, o.is_mfa_required, o.is_sso_required INTO m
    FROM memberships mm JOIN orgs o ON o.org_id = mm.org_id
   WHERE mm.org_id = s.org_id AND mm.user_id = s.user_id;
  is_member := FOUND;
  IF is_member THEN
    blocked := m.is_sso_required AND s.sso_org_id IS DISTINCT FROM s.org_id
               AND NOT (m.role = 'owner' AND s.mfa_enabled_at IS NOT NULL);
  END IF;
  IF is_member AND NOT s.is_mfa_pending AND NOT blocked THEN
    PERFORM set_config('app.org_id', s.org_id::text, true);
  END IF;
  RETURN QUERY SELECT s.id_hash, s.user_id, s.name, s.email, s.mfa_enabled_at IS NOT NULL, s.is_mfa_pending, s.created_at,
    s.last_seen_at < p_now - interval '60 seconds', s.org_id,
    CASE WHEN blocked THEN NULL ELSE m.role END, m.name, m.time_zone, m.is_demo, m.is_mfa_required, blocked, s.sso_org_id;
END
$$;
REVOKE EXECUTE ON FUNCTION custodian_resolve_session(text, timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION custodian_resolve_session(text, timestamptz, integer) TO custodian_app;
