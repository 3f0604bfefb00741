-- The module kit: one helper that makes a table a tenant table, a registry of every table's kind,
-- per-organisation row counters, versions on edited records, the audit-trail head, and the one
-- statement that resolves a session and sets the tenancy scope of a request.

-- Every table of the public schema is registered here as 'tenant' (custodian_tenant_table) or
-- 'global' (custodian_global_table, with the reason it holds no organisation's data). The isolation
-- tests read this registry and the system catalogue; a table in neither fails them.
CREATE TABLE table_registry (
  table_name text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('tenant', 'global')),
  reason text NOT NULL DEFAULT ''
);
GRANT SELECT ON table_registry TO custodian_app;

CREATE FUNCTION custodian_global_table(tbl regclass, why text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO table_registry (table_name, kind, reason) VALUES (tbl::text, 'global', why)
  ON CONFLICT (table_name) DO UPDATE SET kind = 'global', reason = excluded.reason;
END
$$;

-- Rows per organisation and table, kept by statement-level triggers in the same transaction as the
-- insert or delete, so list totals never count rows. A restore loads this table as it was backed up
-- and sets app.skip_row_counts so its own inserts are not counted twice.
CREATE TABLE row_counts (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  table_name text NOT NULL,
  n bigint NOT NULL,
  PRIMARY KEY (org_id, table_name)
);

CREATE FUNCTION custodian_count_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('app.skip_row_counts', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF tg_op = 'INSERT' THEN
    INSERT INTO row_counts (org_id, table_name, n)
      SELECT r.org_id, tg_table_name, count(*) FROM counted_new r GROUP BY r.org_id
      ON CONFLICT (org_id, table_name) DO UPDATE SET n = row_counts.n + excluded.n;
  ELSE
    INSERT INTO row_counts (org_id, table_name, n)
      SELECT r.org_id, tg_table_name, -count(*) FROM counted_old r GROUP BY r.org_id
      ON CONFLICT (org_id, table_name) DO UPDATE SET n = row_counts.n + excluded.n;
  END IF;
  RETURN NULL;
END
$$;

-- The one line a new tenant table needs: SELECT custodian_tenant_table('risks');
-- Forced row-level security; the tenant policy (org_id = app.org_id) unless the table already has its
-- own; read policies for maintenance and backups, insert for restores; grants for every role; with
-- is_counted, the row counters. Idempotent, so it can also bring an older table up to the standard.
CREATE FUNCTION custodian_tenant_table(
  tbl regclass,
  is_counted boolean DEFAULT false,
  app_privileges text DEFAULT 'SELECT, INSERT, UPDATE, DELETE'
) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  name text := tbl::text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = tbl AND attname = 'org_id' AND NOT attisdropped) THEN
    RAISE EXCEPTION 'custodian_tenant_table(%): a tenant table needs an org_id column', name;
  END IF;
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND tablename = name AND policyname = 'tenant_isolation') THEN
    EXECUTE format('CREATE POLICY tenant_isolation ON %s USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id())', tbl);
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
  EXECUTE format('GRANT %s ON %s TO custodian_app', app_privileges, tbl);
  EXECUTE format('GRANT SELECT ON %s TO custodian_maintenance', tbl);
  EXECUTE format('GRANT SELECT, INSERT ON %s TO custodian_restore', tbl);
  IF is_counted THEN
    EXECUTE format('DROP TRIGGER IF EXISTS row_count_insert ON %s', tbl);
    EXECUTE format('DROP TRIGGER IF EXISTS row_count_delete ON %s', tbl);
    EXECUTE format('CREATE TRIGGER row_count_insert AFTER INSERT ON %s REFERENCING NEW TABLE AS counted_new FOR EACH STATEMENT EXECUTE FUNCTION custodian_count_rows()', tbl);
    EXECUTE format('CREATE TRIGGER row_count_delete AFTER DELETE ON %s REFERENCING OLD TABLE AS counted_old FOR EACH STATEMENT EXECUTE FUNCTION custodian_count_rows()', tbl);
    -- Start from the rows already there (forced security is lifted for the count: a migrating owner
    -- that is not a superuser would otherwise see none of them).
    EXECUTE format('ALTER TABLE %s NO FORCE ROW LEVEL SECURITY', tbl);
    ALTER TABLE row_counts NO FORCE ROW LEVEL SECURITY;
    DELETE FROM row_counts WHERE table_name = name;
    EXECUTE format('INSERT INTO row_counts (org_id, table_name, n) SELECT org_id, %L, count(*) FROM %s GROUP BY org_id', name, tbl);
    IF EXISTS (SELECT 1 FROM table_registry WHERE table_name = 'row_counts') THEN
      ALTER TABLE row_counts FORCE ROW LEVEL SECURITY;
    END IF;
  END IF;
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
  INSERT INTO table_registry (table_name, kind, reason) VALUES (name, 'tenant', '')
  ON CONFLICT (table_name) DO UPDATE SET kind = 'tenant', reason = '';
END
$$;

-- Versions: an update names the version it read and is refused when someone saved in between.
ALTER TABLE orgs ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE memberships ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE gap_entries ADD COLUMN version integer NOT NULL DEFAULT 1;

-- The head of each organisation's audit chain: the last sequence number and hash. Appending locks
-- this row (so writers of one organisation take turns), and verification compares the chain's end
-- with it, so deleting the newest events is detected too.
CREATE TABLE audit_heads (
  org_id uuid PRIMARY KEY REFERENCES orgs (org_id) ON DELETE CASCADE,
  seq bigint NOT NULL,
  hash text NOT NULL
);
ALTER TABLE audit_events NO FORCE ROW LEVEL SECURITY;
INSERT INTO audit_heads (org_id, seq, hash)
  SELECT DISTINCT ON (org_id) org_id, seq, hash FROM audit_events ORDER BY org_id, seq DESC;

-- Every table, registered.
SELECT custodian_tenant_table('orgs', app_privileges => 'SELECT, INSERT, UPDATE');
SELECT custodian_tenant_table('memberships', is_counted => true);
SELECT custodian_tenant_table('invitations', is_counted => true);
SELECT custodian_tenant_table('outbox', is_counted => true);
SELECT custodian_tenant_table('gap_entries');
SELECT custodian_tenant_table('audit_events', app_privileges => 'SELECT, INSERT');
SELECT custodian_tenant_table('audit_heads', app_privileges => 'SELECT, INSERT, UPDATE');
SELECT custodian_tenant_table('row_counts', app_privileges => 'SELECT, INSERT, UPDATE');
SELECT custodian_global_table('users', 'people: one account across organisations; read through sessions and memberships');
SELECT custodian_global_table('recovery_codes', 'a person''s MFA recovery codes (hashed)');
SELECT custodian_global_table('email_verifications', 'a person''s e-mail confirmation tokens (hashed)');
SELECT custodian_global_table('sessions', 'sign-in sessions of a person, who may switch between organisations');
SELECT custodian_global_table('catalogue_versions', 'the catalogue versions the server has run with (no organisation data)');
SELECT custodian_global_table('schema_migrations', 'the migrations applied');
SELECT custodian_global_table('table_registry', 'this registry');
-- The health check reads the schema version in the request's transaction.
GRANT SELECT ON schema_migrations TO custodian_app;
-- The application never deletes organisations.
REVOKE DELETE ON orgs FROM custodian_app;

-- Who is asking, in one statement: the session (valid, not idle too long), its person, and their
-- membership of the session's organisation; sets app.user_id and (for a member who has passed MFA)
-- app.org_id for the rest of the transaction. Always returns exactly one row (all nulls when there is
-- no valid session), so the caller's role switch in the same statement always runs. SECURITY DEFINER:
-- it reads sessions and memberships before the scope exists; nothing else is reachable through it.
CREATE FUNCTION custodian_resolve_session(p_id_hash text, p_now timestamptz, p_idle_minutes integer)
RETURNS TABLE (
  id_hash text, user_id uuid, user_name text, user_email text, has_mfa boolean, is_mfa_pending boolean,
  created_at timestamptz, needs_touch boolean, session_org_id uuid, member_role text, org_name text,
  time_zone text, is_demo boolean, is_mfa_required boolean
) LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  s record;
  m record;
BEGIN
  PERFORM set_config('app.org_id', '', true), set_config('app.user_id', '', true);
  SELECT ss.id_hash, ss.user_id, ss.org_id, ss.is_mfa_pending, ss.created_at, ss.last_seen_at, u.name, u.email, u.mfa_enabled_at
    INTO s
    FROM sessions ss JOIN users u ON u.id = ss.user_id
   WHERE ss.id_hash = p_id_hash AND ss.expires_at > p_now
     AND ss.last_seen_at > p_now - make_interval(mins => p_idle_minutes);
  IF NOT FOUND THEN
    RETURN QUERY SELECT NULL::text, NULL::uuid, NULL::text, NULL::text, NULL::boolean, NULL::boolean, NULL::timestamptz,
      NULL::boolean, NULL::uuid, NULL::text, NULL::text, NULL::text, NULL::boolean, NULL::boolean;
    RETURN;
  END IF;
  PERFORM set_config('app.user_id', s.user_id::text, true);
  SELECT mm.role, o.name, o.time_zone, o.is_demo, o.is_mfa_required INTO m
    FROM memberships mm JOIN orgs o ON o.org_id = mm.org_id
   WHERE mm.org_id = s.org_id AND mm.user_id = s.user_id;
  IF FOUND AND NOT s.is_mfa_pending THEN
    PERFORM set_config('app.org_id', s.org_id::text, true);
  END IF;
  RETURN QUERY SELECT s.id_hash, s.user_id, s.name, s.email, s.mfa_enabled_at IS NOT NULL, s.is_mfa_pending, s.created_at,
    s.last_seen_at < p_now - interval '60 seconds', s.org_id, m.role, m.name, m.time_zone, m.is_demo, m.is_mfa_required;
END
$$;
REVOKE EXECUTE ON FUNCTION custodian_resolve_session(text, timestamptz, integer) FROM PUBLIC;
-- Switching organisation resolves the session again inside the request, as the application role.
GRANT EXECUTE ON FUNCTION custodian_resolve_session(text, timestamptz, integer) TO custodian_app;
