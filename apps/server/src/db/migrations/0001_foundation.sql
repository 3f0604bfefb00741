-- Foundation: organisations, people, sessions, mail outbox, audit trail, gap analysis.
-- Tenant tables carry org_id first in their primary key and are guarded by row-level security that
-- compares it with current_setting('app.org_id'). The application runs its queries as custodian_app,
-- a role that does not own the tables, so the policies always apply.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'custodian_app') THEN
    CREATE ROLE custodian_app NOLOGIN;
  END IF;
  IF NOT pg_has_role(current_user, 'custodian_app', 'MEMBER') THEN
    EXECUTE format('GRANT custodian_app TO %I', current_user);
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO custodian_app;

CREATE FUNCTION app_org_id() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.org_id', true), '')::uuid $$;

CREATE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;

CREATE TABLE catalogue_versions (
  checksum text PRIMARY KEY,
  catalogue_id text NOT NULL,
  version text NOT NULL,
  first_loaded_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY,
  email text NOT NULL,
  name text NOT NULL,
  password_hash text NOT NULL,
  email_verified_at timestamptz,
  totp_secret_enc text,
  totp_pending_secret_enc text,
  mfa_enabled_at timestamptz,
  totp_last_step bigint,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_email_lower CHECK (email = lower(email))
);
CREATE UNIQUE INDEX users_email_key ON users (email);

CREATE TABLE recovery_codes (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash text NOT NULL,
  used_at timestamptz,
  PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE email_verifications (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

CREATE TABLE sessions (
  id_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  org_id uuid,
  is_mfa_pending boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE orgs (
  org_id uuid PRIMARY KEY,
  name text NOT NULL,
  time_zone text NOT NULL DEFAULT 'Australia/Sydney',
  is_mfa_required boolean NOT NULL DEFAULT false,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE memberships (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('owner', 'isms_manager', 'contributor', 'staff', 'auditor')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);

CREATE TABLE invitations (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  id uuid NOT NULL,
  email text NOT NULL,
  role text NOT NULL CHECK (role IN ('owner', 'isms_manager', 'contributor', 'staff', 'auditor')),
  token_hash text NOT NULL,
  invited_by uuid NOT NULL REFERENCES users (id),
  expires_at timestamptz NOT NULL,
  accepted_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);
CREATE UNIQUE INDEX invitations_token_idx ON invitations (org_id, token_hash);

CREATE TABLE outbox (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  id uuid NOT NULL,
  to_address text NOT NULL,
  subject text NOT NULL,
  body_text text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'logged', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX outbox_pending_idx ON outbox (created_at) WHERE status = 'pending';

CREATE TABLE audit_events (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  seq bigint NOT NULL,
  id uuid NOT NULL,
  occurred_at timestamptz NOT NULL,
  actor_user_id uuid,
  actor_label text NOT NULL,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  before jsonb,
  after jsonb,
  request_id text,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (org_id, seq)
);
CREATE INDEX audit_events_entity_idx ON audit_events (org_id, entity_type, entity_id);
CREATE INDEX audit_events_time_idx ON audit_events (org_id, occurred_at DESC);

CREATE TABLE gap_entries (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  item_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('not_started', 'partial', 'implemented', 'not_applicable')),
  owner_user_id uuid REFERENCES users (id),
  target_date date,
  notes text NOT NULL DEFAULT '',
  justification text NOT NULL DEFAULT '',
  updated_at timestamptz NOT NULL,
  updated_by uuid REFERENCES users (id),
  PRIMARY KEY (org_id, item_id),
  CONSTRAINT gap_na_needs_justification CHECK (status <> 'not_applicable' OR length(trim(justification)) > 0)
);
CREATE INDEX gap_entries_status_idx ON gap_entries (org_id, status);

-- Global tables (not tenant data): the app role reads and writes them through service code only.
GRANT SELECT ON catalogue_versions TO custodian_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON users, recovery_codes, email_verifications, sessions TO custodian_app;

-- Tenant tables.
GRANT SELECT, INSERT, UPDATE, DELETE ON orgs, memberships, invitations, outbox, gap_entries TO custodian_app;
GRANT SELECT, INSERT ON audit_events TO custodian_app;

ALTER TABLE orgs ENABLE ROW LEVEL SECURITY;
ALTER TABLE orgs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON orgs
  USING (org_id = app_org_id()
         OR org_id IN (SELECT m.org_id FROM memberships m WHERE m.user_id = app_user_id()))
  WITH CHECK (org_id = app_org_id());

-- A person sees their own memberships in every organisation (to switch between them), and every
-- membership of the organisation they are working in.
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON memberships
  USING (org_id = app_org_id() OR user_id = app_user_id())
  WITH CHECK (org_id = app_org_id());

ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invitations USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());

ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON outbox USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());

ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_events USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());

ALTER TABLE gap_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE gap_entries FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON gap_entries USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());

-- The mail worker is the one background job that reads across organisations, and only the outbox.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'custodian_worker') THEN
    CREATE ROLE custodian_worker NOLOGIN;
  END IF;
  IF NOT pg_has_role(current_user, 'custodian_worker', 'MEMBER') THEN
    EXECUTE format('GRANT custodian_worker TO %I', current_user);
  END IF;
END
$$;
GRANT USAGE ON SCHEMA public TO custodian_worker;
GRANT SELECT, UPDATE ON outbox TO custodian_worker;
CREATE POLICY mail_worker ON outbox TO custodian_worker USING (true) WITH CHECK (true);
