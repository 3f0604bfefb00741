-- The marketplace (issue 8, ADR 0019): providers' public profiles, the platform operator, requests for
-- quotes, leads, quotes, messages, engagements and reviews. It is the one deliberate cross-organisation
-- context, so its tables are registered as 'shared': row-level security is forced and every policy
-- names who may see a row. Nobody reaches a row through "their organisation" alone:
--
--   who                       scope of the transaction                  what they see
--   a provider's members      app.org_id = the provider organisation    their profile, accreditations,
--                                                                        affiliations, badges; the leads
--                                                                        addressed to them (an anonymised
--                                                                        copy of the request, identity only
--                                                                        once revealed to them); their own
--                                                                        quotes; messages on their leads
--   a requesting organisation app.org_id = the requester               its requests and everything hanging
--                                                                        off them (leads, submitted quotes,
--                                                                        messages, engagements, reviews)
--   a guest requester         app.request_id (set from a private link   that one request and what hangs
--                             by custodian_resolve_guest_request)       off it
--   the platform operator     app.user_id of a person with              everything, to approve, verify,
--                             users.is_platform_operator                suspend and moderate
--   the marketplace jobs      app.marketplace_agent = 'on'              as the operator (lead pass-on)
--   anyone                    none                                      published, unsuspended profiles,
--                                                                        their accreditations, affiliations,
--                                                                        badges and published reviews
--
-- A provider never has a policy on marketplace_requests: the request's identity (who asks, their
-- organisation, their address) is out of its reach by construction.

ALTER TABLE table_registry DROP CONSTRAINT table_registry_kind_check;
ALTER TABLE table_registry ADD CONSTRAINT table_registry_kind_check CHECK (kind IN ('tenant', 'global', 'person', 'shared'));

-- What an organisation is: a healthcare provider running its ISMS (the default), a provider in the
-- marketplace, or the platform itself (one organisation whose audit trail records the operator's and
-- guests' marketplace actions).
ALTER TABLE orgs ADD COLUMN kind text NOT NULL DEFAULT 'healthcare'
  CHECK (kind IN ('healthcare', 'consultant', 'certification_body', 'trainer', 'platform'));
CREATE UNIQUE INDEX orgs_one_platform ON orgs (kind) WHERE kind = 'platform';

-- The platform operator: a role outside every organisation, granted by the CLI (as the owner), never
-- by the application.
ALTER TABLE users ADD COLUMN is_platform_operator boolean NOT NULL DEFAULT false;
GRANT SELECT (is_platform_operator) ON users TO custodian_app;
CREATE FUNCTION custodian_guard_operator_flag() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF new.is_platform_operator IS DISTINCT FROM old.is_platform_operator AND current_user = 'custodian_app' THEN
    RAISE EXCEPTION 'only the command line grants or removes the platform operator role';
  END IF;
  RETURN new;
END
$$;
CREATE TRIGGER users_operator_flag BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION custodian_guard_operator_flag();

CREATE FUNCTION app_request_id() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.request_id', true), '')::uuid $$;

-- True for the platform operator's transactions (entered by custodian_enter_operator_mode on an
-- operator route, never by being an operator alone: an operator's API token or their work inside an
-- organisation sees only what anyone would) and the marketplace jobs'.
CREATE FUNCTION app_is_operator() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT coalesce(current_setting('app.marketplace_agent', true), '') = 'on'
      OR (coalesce(current_setting('app.operator', true), '') = 'on'
          AND EXISTS (SELECT 1 FROM users u WHERE u.id = app_user_id() AND u.is_platform_operator AND u.deleted_at IS NULL))
$$;
REVOKE EXECUTE ON FUNCTION app_is_operator() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_is_operator() TO custodian_app, custodian_maintenance, custodian_restore;

-- What every registered table gives the roles that work beside the application: read policies for
-- maintenance and backups, insert for restores, and the grants (the application's only when
-- app_privileges is not empty). One function, used by the tenant, person and shared table helpers.
CREATE FUNCTION custodian_support_roles(tbl regclass, app_privileges text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  name text := tbl::text;
BEGIN
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
END
$$;

-- custodian_person_table (0012), the same, with the support roles from the one function above.
CREATE OR REPLACE FUNCTION custodian_person_table(
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
  PERFORM custodian_support_roles(tbl, app_privileges);
  INSERT INTO table_registry (table_name, kind, reason) VALUES (name, 'person', why)
  ON CONFLICT (table_name) DO UPDATE SET kind = 'person', reason = excluded.reason;
END
$$;

-- The one line a shared table needs (its own policies are written beside it): forced row-level
-- security, the support roles, registered 'shared'.
CREATE FUNCTION custodian_shared_table(tbl regclass, why text, app_privileges text DEFAULT 'SELECT, INSERT, UPDATE') RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
  PERFORM custodian_support_roles(tbl, app_privileges);
  INSERT INTO table_registry (table_name, kind, reason) VALUES (tbl::text, 'shared', why)
  ON CONFLICT (table_name) DO UPDATE SET kind = 'shared', reason = excluded.reason;
END
$$;

-- ─── Providers ────────────────────────────────────────────────────────────────────────────────────

-- A provider's public profile (one per provider organisation). Suspension is the operator's: a guard
-- refuses anyone else changing it.
CREATE TABLE provider_profiles (
  org_id uuid PRIMARY KEY REFERENCES orgs (org_id) ON DELETE CASCADE,
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  display_name text NOT NULL,
  summary text NOT NULL DEFAULT '',
  services text[] NOT NULL DEFAULT '{}',
  standards text[] NOT NULL DEFAULT '{}',
  states text[] NOT NULL DEFAULT '{}',
  is_remote boolean NOT NULL DEFAULT false,
  sectors text[] NOT NULL DEFAULT '{}',
  healthcare_engagements integer NOT NULL DEFAULT 0 CHECK (healthcare_engagements >= 0),
  healthcare_summary text NOT NULL DEFAULT '',
  team_size integer NOT NULL DEFAULT 1 CHECK (team_size >= 1),
  team_summary text NOT NULL DEFAULT '',
  day_rate_min_cents bigint CHECK (day_rate_min_cents >= 0),
  day_rate_max_cents bigint CHECK (day_rate_max_cents >= day_rate_min_cents),
  capacity_per_month integer NOT NULL DEFAULT 3 CHECK (capacity_per_month >= 0),
  -- A certification body's referral commission, disclosed to requesters (null: none).
  commission_percent numeric(5, 2) CHECK (commission_percent >= 0 AND commission_percent <= 100),
  commission_note text NOT NULL DEFAULT '',
  is_published boolean NOT NULL DEFAULT false,
  is_demo boolean NOT NULL DEFAULT false,
  suspended_at timestamptz,
  suspended_reason text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX provider_profiles_directory_idx ON provider_profiles (display_name, org_id) WHERE is_published AND suspended_at IS NULL;

CREATE FUNCTION custodian_guard_provider_standing() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (new.suspended_at IS DISTINCT FROM old.suspended_at OR new.suspended_reason IS DISTINCT FROM old.suspended_reason) AND NOT app_is_operator() THEN
    RAISE EXCEPTION 'only the platform operator suspends or reinstates a provider';
  END IF;
  RETURN new;
END
$$;
CREATE TRIGGER provider_profiles_standing BEFORE UPDATE ON provider_profiles FOR EACH ROW EXECUTE FUNCTION custodian_guard_provider_standing();

-- A certification body's accreditation claim, with its certificate as evidence.
CREATE TABLE provider_accreditations (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  id uuid NOT NULL,
  accreditation_body text NOT NULL,
  -- True when the body is JAS-ANZ or another IAF member (the provider's claim, checked by the operator).
  is_iaf_member boolean NOT NULL,
  accreditation_number text NOT NULL,
  standards text[] NOT NULL DEFAULT '{}',
  scope_note text NOT NULL DEFAULT '',
  expires_on date NOT NULL,
  certificate_name text,
  certificate_type text,
  certificate_sha256 text,
  certificate bytea,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id)
);

-- The operator's verification of a claim (the profile, or one accreditation): a dated badge. It holds
-- while the claim is unchanged (claim_sha256 is the hash of the claim's fields when verified) and until
-- lapses_on (an accreditation's expiry). Only the operator writes these.
CREATE TABLE provider_verifications (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  id uuid NOT NULL,
  subject text NOT NULL CHECK (subject IN ('profile', 'accreditation')),
  subject_id uuid,
  claim_sha256 text NOT NULL,
  verified_on date NOT NULL,
  lapses_on date,
  verified_by uuid,
  note text NOT NULL DEFAULT '',
  revoked_at timestamptz,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX provider_verifications_subject_idx ON provider_verifications (org_id, subject, subject_id, created_at DESC);

-- A certification body's register of commercial ties with consultancies, disclosed publicly.
CREATE TABLE provider_affiliations (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  id uuid NOT NULL,
  affiliated_org_id uuid REFERENCES orgs (org_id) ON DELETE SET NULL,
  affiliated_name text NOT NULL,
  relationship text NOT NULL,
  commission_percent numeric(5, 2) CHECK (commission_percent >= 0 AND commission_percent <= 100),
  started_on date NOT NULL,
  ended_on date,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX provider_affiliations_affiliated_idx ON provider_affiliations (affiliated_org_id);

-- ─── Requests, leads, quotes, messages ─────────────────────────────────────────────────────────────

-- A request for quotes, from a signed-in organisation (org_id) or a guest (org_id null, tracked by a
-- private link whose SHA-256 is guest_link_sha256; opening it confirms the address).
CREATE TABLE marketplace_requests (
  id uuid PRIMARY KEY,
  org_id uuid REFERENCES orgs (org_id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('unconfirmed', 'pending_approval', 'rejected', 'open', 'decided', 'closed', 'withdrawn')),
  -- Identity: never copied to a lead until the requester reveals it to that provider.
  contact_name text NOT NULL,
  contact_email text NOT NULL,
  organisation_name text NOT NULL,
  guest_link_sha256 text UNIQUE,
  confirmed_at timestamptz,
  -- What providers see (anonymised).
  sector text NOT NULL,
  headcount integer NOT NULL CHECK (headcount >= 1),
  fte numeric(8, 1) NOT NULL CHECK (fte > 0),
  sites jsonb NOT NULL DEFAULT '[]',
  scope_summary text NOT NULL DEFAULT '',
  systems text NOT NULL DEFAULT '',
  -- The choices of contracts/marketplace-requests.ts: a row the form could not have sent is refused.
  certification_status text NOT NULL CHECK (certification_status IN ('none', 'working_towards', 'certified', 'lapsed')),
  current_body text NOT NULL DEFAULT '',
  maturity text NOT NULL CHECK (maturity IN ('starting', 'some_controls', 'documented', 'operating')),
  timeline text NOT NULL CHECK (timeline IN ('within_3_months', 'within_6_months', 'within_12_months', 'over_12_months')),
  urgency text NOT NULL CHECK (urgency IN ('flexible', 'firm_date', 'urgent')),
  budget_min_cents bigint CHECK (budget_min_cents >= 0),
  budget_max_cents bigint CHECK (budget_max_cents >= budget_min_cents),
  is_remote_acceptable boolean NOT NULL DEFAULT true,
  services text[] NOT NULL,
  readiness jsonb,
  target_date date,
  estimate jsonb,
  -- The consultancy that built this organisation's ISMS, and when that work finished (impartiality).
  isms_built_by_org_id uuid REFERENCES orgs (org_id) ON DELETE SET NULL,
  isms_built_finished_on date,
  approved_at timestamptz,
  approved_by uuid,
  rejected_reason text,
  decided_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT marketplace_requests_owner CHECK (org_id IS NOT NULL OR guest_link_sha256 IS NOT NULL)
);
CREATE INDEX marketplace_requests_org_idx ON marketplace_requests (org_id, created_at DESC, id DESC);
CREATE INDEX marketplace_requests_status_idx ON marketplace_requests (status, created_at, id);

-- A lead: the request offered to one provider in one lane (the recipient row). `anonymised` is the
-- copy of the request a provider sees; `revealed_identity` is filled only when the requester reveals
-- who they are to this provider.
CREATE TABLE marketplace_leads (
  id uuid PRIMARY KEY,
  request_id uuid NOT NULL REFERENCES marketplace_requests (id) ON DELETE CASCADE,
  provider_org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  lane text NOT NULL CHECK (lane IN ('consulting', 'certification', 'training')),
  rank integer NOT NULL CHECK (rank >= 1),
  score numeric(8, 3) NOT NULL,
  reasons text[] NOT NULL DEFAULT '{}',
  commission_percent numeric(5, 2),
  status text NOT NULL CHECK (status IN ('offered', 'accepted', 'declined', 'expired', 'quoted', 'won', 'lost', 'withdrawn')),
  offered_at timestamptz NOT NULL,
  respond_by timestamptz NOT NULL,
  responded_at timestamptz,
  decline_reason text,
  anonymised jsonb NOT NULL,
  revealed_at timestamptz,
  revealed_identity jsonb,
  version integer NOT NULL DEFAULT 1,
  UNIQUE (request_id, provider_org_id)
);
CREATE INDEX marketplace_leads_provider_idx ON marketplace_leads (provider_org_id, offered_at DESC, id DESC);
CREATE INDEX marketplace_leads_due_idx ON marketplace_leads (respond_by) WHERE status = 'offered';

-- A provider's own rows may change only in what a provider answers; the request's copy and identity
-- are the requester's and the matcher's.
CREATE FUNCTION custodian_guard_lead_answer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF app_is_operator() OR EXISTS (SELECT 1 FROM marketplace_requests r WHERE r.id = new.request_id) THEN
    RETURN new;
  END IF;
  IF new.request_id IS DISTINCT FROM old.request_id OR new.provider_org_id IS DISTINCT FROM old.provider_org_id
     OR new.lane IS DISTINCT FROM old.lane OR new.rank IS DISTINCT FROM old.rank OR new.score IS DISTINCT FROM old.score
     OR new.reasons IS DISTINCT FROM old.reasons OR new.offered_at IS DISTINCT FROM old.offered_at
     OR new.respond_by IS DISTINCT FROM old.respond_by OR new.anonymised IS DISTINCT FROM old.anonymised
     OR new.revealed_at IS DISTINCT FROM old.revealed_at OR new.revealed_identity IS DISTINCT FROM old.revealed_identity
     OR new.commission_percent IS DISTINCT FROM old.commission_percent THEN
    RAISE EXCEPTION 'a provider may only accept, decline or quote a lead';
  END IF;
  RETURN new;
END
$$;
CREATE TRIGGER marketplace_leads_answer BEFORE UPDATE ON marketplace_leads FOR EACH ROW EXECUTE FUNCTION custodian_guard_lead_answer();

-- A provider's quote on a lead; lines are the structured quote (certification days and fees, or
-- consulting work packages); total_cents is the normalised three-year total.
CREATE TABLE marketplace_quotes (
  id uuid PRIMARY KEY,
  lead_id uuid NOT NULL UNIQUE REFERENCES marketplace_leads (id) ON DELETE CASCADE,
  request_id uuid NOT NULL REFERENCES marketplace_requests (id) ON DELETE CASCADE,
  provider_org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('certification', 'consulting', 'training')),
  lines jsonb NOT NULL,
  assumptions text NOT NULL DEFAULT '',
  valid_until date NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'submitted', 'withdrawn', 'accepted', 'not_chosen')),
  total_cents bigint NOT NULL CHECK (total_cents >= 0),
  submitted_at timestamptz,
  decided_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX marketplace_quotes_request_idx ON marketplace_quotes (request_id, status);
CREATE INDEX marketplace_quotes_provider_idx ON marketplace_quotes (provider_org_id, updated_at DESC);

CREATE TABLE marketplace_messages (
  id uuid PRIMARY KEY,
  lead_id uuid NOT NULL REFERENCES marketplace_leads (id) ON DELETE CASCADE,
  request_id uuid NOT NULL REFERENCES marketplace_requests (id) ON DELETE CASCADE,
  provider_org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  sender_side text NOT NULL CHECK (sender_side IN ('requester', 'provider')),
  sender_user_id uuid,
  sender_label text NOT NULL,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  created_at timestamptz NOT NULL
);
CREATE INDEX marketplace_messages_lead_idx ON marketplace_messages (lead_id, created_at, id);

-- The decision: the quote a requester accepted, recorded on the requesting organisation.
CREATE TABLE marketplace_engagements (
  id uuid PRIMARY KEY,
  request_id uuid NOT NULL REFERENCES marketplace_requests (id) ON DELETE CASCADE,
  requester_org_id uuid REFERENCES orgs (org_id) ON DELETE CASCADE,
  provider_org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  quote_id uuid NOT NULL UNIQUE REFERENCES marketplace_quotes (id) ON DELETE CASCADE,
  lane text NOT NULL CHECK (lane IN ('consulting', 'certification', 'training')),
  value_cents bigint NOT NULL CHECK (value_cents >= 0),
  summary text NOT NULL,
  engaged_at timestamptz NOT NULL,
  completed_on date,
  UNIQUE (request_id, lane)
);
CREATE INDEX marketplace_engagements_requester_idx ON marketplace_engagements (requester_org_id, engaged_at DESC);
CREATE INDEX marketplace_engagements_provider_idx ON marketplace_engagements (provider_org_id, engaged_at DESC);

-- A review of a provider, only by the requester who engaged it, published after moderation.
CREATE TABLE provider_reviews (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  id uuid NOT NULL,
  engagement_id uuid NOT NULL UNIQUE REFERENCES marketplace_engagements (id) ON DELETE CASCADE,
  request_id uuid NOT NULL REFERENCES marketplace_requests (id) ON DELETE CASCADE,
  rating integer NOT NULL CHECK (rating BETWEEN 1 AND 5),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 3000),
  reviewer_label text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'published', 'rejected')),
  moderated_at timestamptz,
  moderated_by uuid,
  moderation_note text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX provider_reviews_published_idx ON provider_reviews (org_id, created_at DESC) WHERE status = 'published';

-- ─── Registration and policies ─────────────────────────────────────────────────────────────────────

SELECT custodian_shared_table('provider_profiles', 'a provider''s public profile: its members edit it, anyone reads it once published and unsuspended');
SELECT custodian_shared_table('provider_accreditations', 'a certification body''s accreditation claims: its members edit them, anyone reads them once the profile is published', 'SELECT, INSERT, UPDATE, DELETE');
SELECT custodian_shared_table('provider_verifications', 'the operator''s dated badges on providers'' claims: public once the profile is published');
SELECT custodian_shared_table('provider_affiliations', 'a certification body''s disclosed ties with consultancies: public once the profile is published', 'SELECT, INSERT, UPDATE, DELETE');
SELECT custodian_shared_table('marketplace_requests', 'requests for quotes: the requesting organisation or guest, and the operator; never providers');
SELECT custodian_shared_table('marketplace_leads', 'a request offered to one provider: that provider, the requester and the operator');
SELECT custodian_shared_table('marketplace_quotes', 'a provider''s quote: the provider; the requester once submitted; the operator');
SELECT custodian_shared_table('marketplace_messages', 'messages on a lead between its provider and the requester', 'SELECT, INSERT');
SELECT custodian_shared_table('marketplace_engagements', 'an accepted quote: the requester, the engaged provider and the operator');
SELECT custodian_shared_table('provider_reviews', 'reviews by engaged requesters: published ones are public');

-- Published, unsuspended providers (the directory), as a condition the other tables reuse.
CREATE FUNCTION custodian_is_listed(p_org_id uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM provider_profiles p WHERE p.org_id = p_org_id AND p.is_published AND p.suspended_at IS NULL)
$$;
REVOKE EXECUTE ON FUNCTION custodian_is_listed(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION custodian_is_listed(uuid) TO custodian_app;
DO $$
BEGIN
  EXECUTE format('CREATE POLICY definer_read ON provider_profiles FOR SELECT TO %I USING (true)', current_user);
  EXECUTE format('CREATE POLICY definer_read ON marketplace_requests FOR SELECT TO %I USING (true)', current_user);
  EXECUTE format('CREATE POLICY definer_write ON marketplace_requests FOR UPDATE TO %I USING (true) WITH CHECK (true)', current_user);
END
$$;

CREATE POLICY own_org ON provider_profiles TO custodian_app USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
CREATE POLICY directory_read ON provider_profiles FOR SELECT TO custodian_app USING (is_published AND suspended_at IS NULL);
CREATE POLICY operator_all ON provider_profiles TO custodian_app USING ((SELECT app_is_operator())) WITH CHECK ((SELECT app_is_operator()));

CREATE POLICY own_org ON provider_accreditations TO custodian_app USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
CREATE POLICY directory_read ON provider_accreditations FOR SELECT TO custodian_app USING (custodian_is_listed(org_id));
CREATE POLICY operator_all ON provider_accreditations TO custodian_app USING ((SELECT app_is_operator())) WITH CHECK ((SELECT app_is_operator()));

CREATE POLICY own_org_read ON provider_verifications FOR SELECT TO custodian_app USING (org_id = app_org_id());
CREATE POLICY directory_read ON provider_verifications FOR SELECT TO custodian_app USING (custodian_is_listed(org_id));
CREATE POLICY operator_all ON provider_verifications TO custodian_app USING ((SELECT app_is_operator())) WITH CHECK ((SELECT app_is_operator()));

CREATE POLICY own_org ON provider_affiliations TO custodian_app USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
CREATE POLICY directory_read ON provider_affiliations FOR SELECT TO custodian_app USING (custodian_is_listed(org_id));
CREATE POLICY operator_all ON provider_affiliations TO custodian_app USING ((SELECT app_is_operator())) WITH CHECK ((SELECT app_is_operator()));

CREATE POLICY requester_org ON marketplace_requests TO custodian_app USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());
CREATE POLICY requester_guest ON marketplace_requests TO custodian_app USING (id = app_request_id()) WITH CHECK (id = app_request_id() AND org_id IS NULL);
CREATE POLICY operator_all ON marketplace_requests TO custodian_app USING ((SELECT app_is_operator())) WITH CHECK ((SELECT app_is_operator()));

CREATE POLICY provider_read ON marketplace_leads FOR SELECT TO custodian_app USING (provider_org_id = app_org_id());
CREATE POLICY provider_answer ON marketplace_leads FOR UPDATE TO custodian_app USING (provider_org_id = app_org_id()) WITH CHECK (provider_org_id = app_org_id());
CREATE POLICY requester_read ON marketplace_leads FOR SELECT TO custodian_app USING (request_id IN (SELECT r.id FROM marketplace_requests r));
CREATE POLICY requester_reveal ON marketplace_leads FOR UPDATE TO custodian_app USING (request_id IN (SELECT r.id FROM marketplace_requests r))
  WITH CHECK (request_id IN (SELECT r.id FROM marketplace_requests r));
CREATE POLICY operator_all ON marketplace_leads TO custodian_app USING ((SELECT app_is_operator())) WITH CHECK ((SELECT app_is_operator()));

CREATE POLICY provider_own ON marketplace_quotes TO custodian_app USING (provider_org_id = app_org_id()) WITH CHECK (provider_org_id = app_org_id());
CREATE POLICY requester_read ON marketplace_quotes FOR SELECT TO custodian_app USING (status <> 'draft' AND request_id IN (SELECT r.id FROM marketplace_requests r));
CREATE POLICY requester_decide ON marketplace_quotes FOR UPDATE TO custodian_app USING (status <> 'draft' AND request_id IN (SELECT r.id FROM marketplace_requests r))
  WITH CHECK (status <> 'draft' AND request_id IN (SELECT r.id FROM marketplace_requests r));
CREATE POLICY operator_all ON marketplace_quotes TO custodian_app USING ((SELECT app_is_operator())) WITH CHECK ((SELECT app_is_operator()));

CREATE POLICY provider_read ON marketplace_messages FOR SELECT TO custodian_app USING (provider_org_id = app_org_id());
CREATE POLICY provider_send ON marketplace_messages FOR INSERT TO custodian_app WITH CHECK (provider_org_id = app_org_id() AND sender_side = 'provider');
CREATE POLICY requester_read ON marketplace_messages FOR SELECT TO custodian_app USING (request_id IN (SELECT r.id FROM marketplace_requests r));
CREATE POLICY requester_send ON marketplace_messages FOR INSERT TO custodian_app
  WITH CHECK (sender_side = 'requester' AND request_id IN (SELECT r.id FROM marketplace_requests r));
CREATE POLICY operator_read ON marketplace_messages FOR SELECT TO custodian_app USING ((SELECT app_is_operator()));

CREATE POLICY provider_read ON marketplace_engagements FOR SELECT TO custodian_app USING (provider_org_id = app_org_id());
CREATE POLICY requester_own ON marketplace_engagements TO custodian_app USING (request_id IN (SELECT r.id FROM marketplace_requests r))
  WITH CHECK (request_id IN (SELECT r.id FROM marketplace_requests r));
CREATE POLICY operator_all ON marketplace_engagements TO custodian_app USING ((SELECT app_is_operator())) WITH CHECK ((SELECT app_is_operator()));

CREATE POLICY provider_read ON provider_reviews FOR SELECT TO custodian_app USING (org_id = app_org_id());
CREATE POLICY directory_read ON provider_reviews FOR SELECT TO custodian_app USING (status = 'published' AND custodian_is_listed(org_id));
CREATE POLICY requester_own ON provider_reviews TO custodian_app USING (request_id IN (SELECT r.id FROM marketplace_requests r))
  WITH CHECK (status = 'pending' AND request_id IN (SELECT r.id FROM marketplace_requests r));
CREATE POLICY operator_all ON provider_reviews TO custodian_app USING ((SELECT app_is_operator())) WITH CHECK ((SELECT app_is_operator()));

-- A guest's private link, before anything is in scope: finds the request by the link's SHA-256, sets
-- app.request_id for the rest of the transaction, and returns the request's id (null when unknown).
CREATE FUNCTION custodian_resolve_guest_request(p_link_sha256 text) RETURNS uuid
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  found_id uuid;
BEGIN
  SELECT r.id INTO found_id FROM marketplace_requests r WHERE r.guest_link_sha256 = p_link_sha256 AND r.org_id IS NULL;
  PERFORM set_config('app.request_id', coalesce(found_id::text, ''), true);
  RETURN found_id;
END
$$;
REVOKE EXECUTE ON FUNCTION custodian_resolve_guest_request(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION custodian_resolve_guest_request(text) TO custodian_app;

-- An operator route, after its access check: when the person in scope is the platform operator, turns
-- on operator mode for the rest of the transaction and scopes it to the platform organisation (whose
-- audit trail records the operator's actions); returns that organisation's id, or null (not an
-- operator, or the platform organisation not created yet).
CREATE FUNCTION custodian_enter_operator_mode() RETURNS uuid
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  platform uuid;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM users u WHERE u.id = app_user_id() AND u.is_platform_operator AND u.deleted_at IS NULL) THEN
    RETURN NULL;
  END IF;
  SELECT o.org_id INTO platform FROM orgs o WHERE o.kind = 'platform';
  IF platform IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('app.operator', 'on', true), set_config('app.org_id', platform::text, true);
  RETURN platform;
END
$$;
REVOKE EXECUTE ON FUNCTION custodian_enter_operator_mode() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION custodian_enter_operator_mode() TO custodian_app;

-- The platform organisation's id, for work that records a guest's action in its audit trail.
CREATE FUNCTION custodian_platform_org_id() RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT o.org_id FROM orgs o WHERE o.kind = 'platform'
$$;
REVOKE EXECUTE ON FUNCTION custodian_platform_org_id() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION custodian_platform_org_id() TO custodian_app;
