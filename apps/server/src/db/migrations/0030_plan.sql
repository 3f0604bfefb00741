-- The guided path to certification (issue 11, ADR 0033): the organisation's plan (one per
-- organisation: the Stage 2 date it aims for), its milestones (one or more per step, with an owner and
-- a due date, versioned), the daily record of the projected Stage 2 date (so the dashboard can say why
-- it moved), the ledger of reminders sent for dated obligations, and each person's calendar feed.
CREATE TABLE plans (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  target_stage2_on date NOT NULL,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL,
  updated_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (org_id)
);
SELECT custodian_tenant_table('plans');

CREATE TABLE plan_milestones (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  id uuid NOT NULL,
  step text NOT NULL CHECK (step IN ('scope', 'risk', 'controls', 'documents', 'audit_review', 'certification')),
  title text NOT NULL,
  owner_user_id uuid REFERENCES users (id),
  due_on date NOT NULL,
  completed_on date,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL,
  updated_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id) REFERENCES plans (org_id) ON DELETE CASCADE
);
CREATE INDEX plan_milestones_due_idx ON plan_milestones (org_id, due_on, id);
SELECT custodian_tenant_table('plan_milestones', is_counted => true);

-- One point a day (the organisation's calendar day): the work done (in steps, 0 to 6) and the
-- projection made from it. The hourly job rewrites today's point; the pace is read from these points.
CREATE TABLE plan_projections (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  recorded_on date NOT NULL,
  steps_done numeric(6, 3) NOT NULL,
  target_stage2_on date NOT NULL,
  projected_on date,
  pace_per_week numeric(8, 4),
  slip_days integer NOT NULL,
  overdue_titles text[] NOT NULL DEFAULT '{}',
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, recorded_on)
);
SELECT custodian_tenant_table('plan_projections');

-- One row per reminder e-mailed for a dated obligation and stage; the primary key is the claim, so two
-- runs at once send each reminder once. A new due date is a new pair of reminders.
CREATE TABLE obligation_reminders (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  obligation_key text NOT NULL,
  due_on date NOT NULL,
  stage text NOT NULL CHECK (stage IN ('due_soon', 'overdue')),
  sent_to uuid REFERENCES users (id) ON DELETE SET NULL,
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, obligation_key, due_on, stage)
);
SELECT custodian_tenant_table('obligation_reminders', app_privileges => 'SELECT, INSERT');

-- A person's calendar feed in one organisation: only the SHA-256 of the secret is kept. Issuing again
-- replaces the secret; revoking removes the row, so an old link finds nothing (404).
CREATE TABLE calendar_feeds (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash text NOT NULL,
  hint text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, user_id)
);
CREATE UNIQUE INDEX calendar_feeds_hash_idx ON calendar_feeds (token_hash);
SELECT custodian_tenant_table('calendar_feeds');

DO $$
BEGIN
  EXECUTE format('CREATE POLICY calendar_feed_resolver ON calendar_feeds FOR SELECT TO %I USING (true)', current_user);
END
$$;

-- Who a calendar feed link belongs to, before anyone is in scope: the feed's organisation, person and
-- their current role there (nothing when the link is unknown or revoked, or the person has left).
-- Sets app.org_id and app.user_id for a usable link, so the rest of the request reads that
-- organisation's rows under row-level security.
CREATE FUNCTION custodian_resolve_calendar_feed(p_token_hash text)
RETURNS TABLE (org_id uuid, user_id uuid, member_role text, org_name text, time_zone text, is_demo boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  f record;
  m record;
BEGIN
  PERFORM set_config('app.org_id', '', true), set_config('app.user_id', '', true);
  SELECT c.org_id, c.user_id INTO f FROM calendar_feeds c WHERE c.token_hash = p_token_hash;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  SELECT mm.role, o.name, o.time_zone, o.is_demo INTO m
    FROM memberships mm JOIN orgs o ON o.org_id = mm.org_id
   WHERE mm.org_id = f.org_id AND mm.user_id = f.user_id AND o.closed_at IS NULL;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  PERFORM set_config('app.org_id', f.org_id::text, true), set_config('app.user_id', f.user_id::text, true);
  RETURN QUERY SELECT f.org_id, f.user_id, m.role::text, m.name, m.time_zone, m.is_demo;
END
$$;
REVOKE EXECUTE ON FUNCTION custodian_resolve_calendar_feed(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION custodian_resolve_calendar_feed(text) TO custodian_app;
