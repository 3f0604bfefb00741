-- Maintenance commands (audit-trail verification across organisations, backups) run as
-- custodian_maintenance: read-only, across organisations, and never used by HTTP requests.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'custodian_maintenance') THEN
    CREATE ROLE custodian_maintenance NOLOGIN;
  END IF;
  IF NOT pg_has_role(current_user, 'custodian_maintenance', 'MEMBER') THEN
    EXECUTE format('GRANT custodian_maintenance TO %I', current_user);
  END IF;
END
$$;
GRANT USAGE ON SCHEMA public TO custodian_maintenance;
GRANT SELECT ON orgs, audit_events TO custodian_maintenance;
CREATE POLICY maintenance_read ON orgs FOR SELECT TO custodian_maintenance USING (true);
CREATE POLICY maintenance_read ON audit_events FOR SELECT TO custodian_maintenance USING (true);
