-- Backups and restores (CLI only, never reachable over HTTP).
-- A backup reads every table, tenant and global, in one read-only REPEATABLE READ snapshot as
-- custodian_maintenance. A restore writes every table of an empty database as custodian_restore.
-- A new table needs the same grants and, when it has row-level security, the same policies; the
-- backup and restore commands refuse to run while any table is not covered.

GRANT SELECT ON ALL TABLES IN SCHEMA public TO custodian_maintenance;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO custodian_maintenance;
CREATE POLICY maintenance_read ON memberships FOR SELECT TO custodian_maintenance USING (true);
CREATE POLICY maintenance_read ON invitations FOR SELECT TO custodian_maintenance USING (true);
CREATE POLICY maintenance_read ON outbox FOR SELECT TO custodian_maintenance USING (true);
CREATE POLICY maintenance_read ON gap_entries FOR SELECT TO custodian_maintenance USING (true);

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'custodian_restore') THEN
    CREATE ROLE custodian_restore NOLOGIN;
  END IF;
  IF NOT pg_has_role(current_user, 'custodian_restore', 'MEMBER') THEN
    EXECUTE format('GRANT custodian_restore TO %I', current_user);
  END IF;
END
$$;
GRANT USAGE ON SCHEMA public TO custodian_restore;
-- SELECT to check that the target is empty and to count what was restored; INSERT to restore.
GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO custodian_restore;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT ON TABLES TO custodian_restore;

CREATE POLICY restore_read ON orgs FOR SELECT TO custodian_restore USING (true);
CREATE POLICY restore_write ON orgs FOR INSERT TO custodian_restore WITH CHECK (true);
CREATE POLICY restore_read ON memberships FOR SELECT TO custodian_restore USING (true);
CREATE POLICY restore_write ON memberships FOR INSERT TO custodian_restore WITH CHECK (true);
CREATE POLICY restore_read ON invitations FOR SELECT TO custodian_restore USING (true);
CREATE POLICY restore_write ON invitations FOR INSERT TO custodian_restore WITH CHECK (true);
CREATE POLICY restore_read ON outbox FOR SELECT TO custodian_restore USING (true);
CREATE POLICY restore_write ON outbox FOR INSERT TO custodian_restore WITH CHECK (true);
CREATE POLICY restore_read ON audit_events FOR SELECT TO custodian_restore USING (true);
CREATE POLICY restore_write ON audit_events FOR INSERT TO custodian_restore WITH CHECK (true);
CREATE POLICY restore_read ON gap_entries FOR SELECT TO custodian_restore USING (true);
CREATE POLICY restore_write ON gap_entries FOR INSERT TO custodian_restore WITH CHECK (true);
