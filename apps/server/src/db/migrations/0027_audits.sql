-- Internal audit (ISO/IEC 27001 clause 9.2) and nonconformities with corrective actions (10.2). ADR 0030.

-- One internal audit of the three-year programme: what it covers (top-level clauses "4".."10" and
-- control ids from the register), against what criteria, when, and by whom. The auditor may not own
-- anything in scope (checked by the service when the auditor or scope is set, and again at completion).
CREATE TABLE audits (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  id uuid NOT NULL,
  title text NOT NULL,
  scope_clauses text[] NOT NULL DEFAULT '{}',
  scope_controls text[] NOT NULL DEFAULT '{}',
  criteria text NOT NULL DEFAULT '',
  planned_start date NOT NULL,
  planned_end date NOT NULL,
  auditor_user_id uuid REFERENCES users (id),
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'completed')),
  completed_on date,
  conclusion text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL,
  updated_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (org_id, id),
  CONSTRAINT audits_dates CHECK (planned_end >= planned_start),
  CONSTRAINT audits_completed CHECK ((status = 'completed') = (completed_on IS NOT NULL))
);
CREATE INDEX audits_planned_idx ON audits (org_id, planned_start, id);
CREATE INDEX audits_title_idx ON audits (org_id, title, id);
CREATE INDEX audits_updated_idx ON audits (org_id, updated_at, id);
SELECT custodian_tenant_table('audits', is_counted => true);

-- The audit's checklist: one line per clause requirement and per applicable control in scope,
-- generated from the catalogue and the SoA when the audit is planned; each line gets a result and notes.
CREATE TABLE audit_checklist_items (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  audit_id uuid NOT NULL,
  item_id text NOT NULL CHECK (length(item_id) BETWEEN 1 AND 100),
  position integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('requirement', 'control')),
  ref text NOT NULL,
  title text NOT NULL,
  result text NOT NULL DEFAULT 'not_checked' CHECK (result IN ('not_checked', 'conforms', 'nonconformity', 'observation', 'not_applicable')),
  notes text NOT NULL DEFAULT '',
  updated_at timestamptz NOT NULL,
  updated_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (org_id, audit_id, item_id),
  FOREIGN KEY (org_id, audit_id) REFERENCES audits (org_id, id) ON DELETE CASCADE
);
SELECT custodian_tenant_table('audit_checklist_items');

-- Nonconformities (10.2), numbered NC-1, NC-2… in the organisation (the number is taken under the
-- organisation's lock). Status: open -> action_planned -> awaiting_review -> closed; an ineffective
-- review sends it back to open.
CREATE TABLE nonconformities (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  id uuid NOT NULL,
  number integer NOT NULL CHECK (number > 0),
  source text NOT NULL CHECK (source IN ('audit', 'incident', 'management_review', 'complaint')),
  severity text NOT NULL CHECK (severity IN ('major', 'minor')),
  audit_id uuid,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  correction text NOT NULL DEFAULT '',
  root_cause text NOT NULL DEFAULT '',
  evidence_ref text NOT NULL DEFAULT '',
  raised_on date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'action_planned', 'awaiting_review', 'closed')),
  review_due_on date,
  closed_on date,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL,
  updated_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, number),
  FOREIGN KEY (org_id, audit_id) REFERENCES audits (org_id, id) ON DELETE SET NULL (audit_id),
  CONSTRAINT nonconformities_closed CHECK ((status = 'closed') = (closed_on IS NOT NULL))
);
CREATE INDEX nonconformities_raised_idx ON nonconformities (org_id, raised_on, id);
CREATE INDEX nonconformities_updated_idx ON nonconformities (org_id, updated_at, id);
SELECT custodian_tenant_table('nonconformities', is_counted => true);

-- A finding of an internal audit; a major or minor nonconformity raises a nonconformity record.
-- Evidence is an evidence item of the organisation (evidence module) or a written reference.
CREATE TABLE audit_findings (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  id uuid NOT NULL,
  audit_id uuid NOT NULL,
  type text NOT NULL CHECK (type IN ('major', 'minor', 'observation', 'improvement')),
  item_id text,
  description text NOT NULL,
  evidence_id uuid,
  evidence_ref text NOT NULL DEFAULT '',
  nonconformity_id uuid,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, audit_id) REFERENCES audits (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, evidence_id) REFERENCES evidence_items (org_id, id) ON DELETE SET NULL (evidence_id),
  FOREIGN KEY (org_id, nonconformity_id) REFERENCES nonconformities (org_id, id) ON DELETE SET NULL (nonconformity_id),
  CONSTRAINT audit_findings_nc CHECK (type IN ('major', 'minor') OR nonconformity_id IS NULL)
);
CREATE INDEX audit_findings_audit_idx ON audit_findings (org_id, audit_id, created_at);
SELECT custodian_tenant_table('audit_findings');

-- Corrective actions of a nonconformity, each with an owner and a due day.
CREATE TABLE corrective_actions (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  id uuid NOT NULL,
  nonconformity_id uuid NOT NULL,
  description text NOT NULL,
  owner_user_id uuid REFERENCES users (id),
  due_on date NOT NULL,
  completed_on date,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL,
  updated_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, nonconformity_id) REFERENCES nonconformities (org_id, id) ON DELETE CASCADE
);
CREATE INDEX corrective_actions_nc_idx ON corrective_actions (org_id, nonconformity_id, created_at);
-- The reminder job's scan across organisations: open actions by due day.
CREATE INDEX corrective_actions_due_idx ON corrective_actions (due_on) WHERE completed_on IS NULL;
SELECT custodian_tenant_table('corrective_actions');

-- Effectiveness reviews: who looked, when, and whether the actions worked.
CREATE TABLE effectiveness_reviews (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  id uuid NOT NULL,
  nonconformity_id uuid NOT NULL,
  reviewer_user_id uuid REFERENCES users (id),
  reviewed_on date NOT NULL,
  is_effective boolean NOT NULL,
  notes text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, nonconformity_id) REFERENCES nonconformities (org_id, id) ON DELETE CASCADE
);
CREATE INDEX effectiveness_reviews_nc_idx ON effectiveness_reviews (org_id, nonconformity_id, created_at);
SELECT custodian_tenant_table('effectiveness_reviews');

-- Overdue reminders sent: one per action and due day, so each goes out once however often the job runs.
CREATE TABLE corrective_action_reminders (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  action_id uuid NOT NULL,
  due_on date NOT NULL,
  sent_to uuid REFERENCES users (id),
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, action_id, due_on),
  FOREIGN KEY (org_id, action_id) REFERENCES corrective_actions (org_id, id) ON DELETE CASCADE
);
SELECT custodian_tenant_table('corrective_action_reminders');
