-- Personal API tokens: a member's token for one organisation, with scopes (read or write per module),
-- an expiry, the last time it was used, and a revocation. The secret is never stored: only its
-- SHA-256 (token_hash), looked up by custodian_resolve_token below, and its first characters (hint)
-- so people can tell their tokens apart.
CREATE TABLE api_tokens (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL,
  -- Space-separated, as OAuth writes scopes: "gap:read gap:write".
  scopes text NOT NULL CHECK (scopes ~ '^[a-z_]+:(read|write)( [a-z_]+:(read|write))*$'),
  token_hash text NOT NULL,
  hint text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz,
  revoked_by uuid,
  PRIMARY KEY (org_id, id),
  CONSTRAINT api_tokens_expiry CHECK (expires_at > created_at)
);
CREATE UNIQUE INDEX api_tokens_hash_idx ON api_tokens (token_hash);
CREATE INDEX api_tokens_list_idx ON api_tokens (org_id, created_at DESC, id DESC);
CREATE INDEX api_tokens_user_idx ON api_tokens (org_id, user_id, created_at DESC, id DESC);
SELECT custodian_tenant_table('api_tokens', is_counted => true, app_privileges => 'SELECT, INSERT, UPDATE');

-- The token lookup and the last-used clock run before any organisation is in scope, inside the two
-- SECURITY DEFINER functions below (owned by the role running this migration). Forced row-level
-- security applies to that role too unless it is a superuser, so it gets its own policies; the
-- application role has none beyond its organisation's rows.
DO $$
BEGIN
  EXECUTE format('CREATE POLICY token_resolver ON api_tokens FOR SELECT TO %I USING (true)', current_user);
  EXECUTE format('CREATE POLICY token_touch ON api_tokens FOR UPDATE TO %I USING (true) WITH CHECK (true)', current_user);
END
$$;

-- Who is asking with a bearer token, in one statement, like custodian_resolve_session: the token
-- (unrevoked, unexpired), its person, and their current membership of the token's organisation (role
-- and all: a token never outranks its person). The membership must be the one the token was made in:
-- a person who leaves and is invited back does not bring their old tokens back to life. Sets app.user_id and app.org_id only for a usable token.
-- token_state says why a token cannot be used ('unknown', 'revoked', 'expired', 'not_member') or 'ok'.
-- With p_lock (write requests), the token row is share-locked for the rest of the transaction: a
-- revocation waits for writes already under way and every later request sees it revoked.
CREATE FUNCTION custodian_resolve_token(p_token_hash text, p_now timestamptz, p_lock boolean)
RETURNS TABLE (
  id_hash text, user_id uuid, user_name text, user_email text, has_mfa boolean, is_mfa_pending boolean,
  created_at timestamptz, needs_touch boolean, session_org_id uuid, member_role text, org_name text,
  time_zone text, is_demo boolean, is_mfa_required boolean,
  token_id uuid, token_name text, token_scopes text, token_state text
) LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  t record;
  u record;
  m record;
BEGIN
  PERFORM set_config('app.org_id', '', true), set_config('app.user_id', '', true);
  IF p_lock THEN
    SELECT k.org_id, k.id, k.user_id, k.name, k.scopes, k.created_at, k.expires_at, k.last_used_at, k.revoked_at
      INTO t FROM api_tokens k WHERE k.token_hash = p_token_hash FOR SHARE;
  ELSE
    SELECT k.org_id, k.id, k.user_id, k.name, k.scopes, k.created_at, k.expires_at, k.last_used_at, k.revoked_at
      INTO t FROM api_tokens k WHERE k.token_hash = p_token_hash;
  END IF;
  IF NOT FOUND OR t.revoked_at IS NOT NULL OR t.expires_at <= p_now THEN
    RETURN QUERY SELECT NULL::text, NULL::uuid, NULL::text, NULL::text, NULL::boolean, NULL::boolean, NULL::timestamptz,
      NULL::boolean, NULL::uuid, NULL::text, NULL::text, NULL::text, NULL::boolean, NULL::boolean,
      NULL::uuid, NULL::text, NULL::text,
      CASE WHEN t.id IS NULL THEN 'unknown' WHEN t.revoked_at IS NOT NULL THEN 'revoked' ELSE 'expired' END;
    RETURN;
  END IF;
  PERFORM set_config('app.user_id', t.user_id::text, true);
  SELECT uu.name, uu.email, uu.mfa_enabled_at INTO u FROM users uu WHERE uu.id = t.user_id;
  SELECT mm.role, o.name, o.time_zone, o.is_demo, o.is_mfa_required INTO m
    FROM memberships mm JOIN orgs o ON o.org_id = mm.org_id
   WHERE mm.org_id = t.org_id AND mm.user_id = t.user_id AND mm.created_at <= t.created_at;
  IF NOT FOUND OR u.name IS NULL THEN
    PERFORM set_config('app.user_id', '', true);
    RETURN QUERY SELECT NULL::text, NULL::uuid, NULL::text, NULL::text, NULL::boolean, NULL::boolean, NULL::timestamptz,
      NULL::boolean, NULL::uuid, NULL::text, NULL::text, NULL::text, NULL::boolean, NULL::boolean,
      NULL::uuid, NULL::text, NULL::text, 'not_member'::text;
    RETURN;
  END IF;
  PERFORM set_config('app.org_id', t.org_id::text, true);
  RETURN QUERY SELECT NULL::text, t.user_id, u.name, u.email, u.mfa_enabled_at IS NOT NULL, false, t.created_at,
    (t.last_used_at IS NULL OR t.last_used_at < p_now - interval '60 seconds'), t.org_id, m.role, m.name, m.time_zone, m.is_demo,
    m.is_mfa_required, t.id, t.name, t.scopes, 'ok'::text;
END
$$;
REVOKE EXECUTE ON FUNCTION custodian_resolve_token(text, timestamptz, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION custodian_resolve_token(text, timestamptz, boolean) TO custodian_app;

-- Moves a token's last-used time on (at most once a minute; after the request, outside its transaction).
CREATE FUNCTION custodian_touch_api_token(p_token_id uuid, p_now timestamptz) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  UPDATE api_tokens SET last_used_at = p_now
   WHERE id = p_token_id AND (last_used_at IS NULL OR last_used_at < p_now - interval '60 seconds');
$$;
REVOKE EXECUTE ON FUNCTION custodian_touch_api_token(uuid, timestamptz) FROM PUBLIC;
