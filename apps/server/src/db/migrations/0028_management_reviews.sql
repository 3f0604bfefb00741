-- Management review (issue 11, part 6; ISO/IEC 27001:2022 9.3). ADR 0031.

-- One meeting: planned, then held, then its minutes approved. The chair and attendees are kept with the
-- names they had when chosen, so the minutes still name people who later leave the organisation.
CREATE TABLE management_reviews (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  id uuid NOT NULL,
  title text NOT NULL,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'approved')),
  planned_on date NOT NULL,
  held_on date,
  chair_user_id uuid,
  chair_name text,
  attendees jsonb NOT NULL DEFAULT '[]'::jsonb,
  decisions text NOT NULL DEFAULT '',
  approved_at timestamptz,
  approved_by_name text,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL,
  updated_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (org_id, id),
  CONSTRAINT management_reviews_held CHECK ((status = 'planned') = (held_on IS NULL)),
  CONSTRAINT management_reviews_approved CHECK ((status = 'approved') = (approved_at IS NOT NULL))
);
-- One index per list sort.
CREATE INDEX management_reviews_planned_idx ON management_reviews (org_id, planned_on, id);
CREATE INDEX management_reviews_updated_idx ON management_reviews (org_id, updated_at, id);
SELECT custodian_tenant_table('management_reviews', is_counted => true);

-- The inputs of 9.3.2, one row per input of a review: what the records said (read again until the
-- meeting is held, then frozen) and the meeting's notes on it.
CREATE TABLE management_review_inputs (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  review_id uuid NOT NULL,
  key text NOT NULL CHECK (key IN ('previous_actions', 'issues_changes', 'nonconformities', 'monitoring', 'audit_results', 'objectives', 'interested_parties', 'risk_status', 'improvement')),
  summary text NOT NULL,
  lines jsonb NOT NULL DEFAULT '[]'::jsonb,
  read_at timestamptz NOT NULL,
  notes text NOT NULL DEFAULT '',
  updated_at timestamptz NOT NULL,
  updated_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (org_id, review_id, key),
  FOREIGN KEY (org_id, review_id) REFERENCES management_reviews (org_id, id) ON DELETE CASCADE
);
SELECT custodian_tenant_table('management_review_inputs');

-- The actions decided at a review (9.3.3). Open ones are reported in the next review.
CREATE TABLE management_review_actions (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  id uuid NOT NULL,
  review_id uuid NOT NULL,
  title text NOT NULL,
  owner_user_id uuid REFERENCES users (id),
  due_on date,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  notes text NOT NULL DEFAULT '',
  done_on date,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, review_id) REFERENCES management_reviews (org_id, id) ON DELETE CASCADE
);
CREATE INDEX management_review_actions_review_idx ON management_review_actions (org_id, review_id, created_at, id);
SELECT custodian_tenant_table('management_review_actions');
