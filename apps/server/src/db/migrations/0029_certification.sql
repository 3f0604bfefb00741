-- Certification cycle (issue 11, ADR 0032): the organisation's certificates and the audits of each
-- three-year cycle (Stage 1, Stage 2, two surveillance audits, recertification).
CREATE TABLE certificates (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  id uuid NOT NULL,
  number text NOT NULL DEFAULT '',
  body_name text NOT NULL DEFAULT '',
  -- A marketplace engagement of this organisation (checked by the service: the engagement must be its own).
  engagement_id uuid,
  scope text NOT NULL DEFAULT '',
  issued_on date,
  expires_on date,
  is_current boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL,
  updated_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (org_id, id),
  CONSTRAINT certificates_expiry_after_issue CHECK (expires_on IS NULL OR issued_on IS NULL OR expires_on > issued_on)
);
-- At most one current certificate per organisation; the service also takes the organisation's lock
-- before it moves "current" from one certificate to another, so two requests take turns.
CREATE UNIQUE INDEX certificates_one_current ON certificates (org_id) WHERE is_current;
CREATE INDEX certificates_created_idx ON certificates (org_id, created_at, id);
SELECT custodian_tenant_table('certificates', is_counted => true);

CREATE TABLE certification_audits (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  certificate_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('stage1', 'stage2', 'surveillance1', 'surveillance2', 'recertification')),
  planned_on date,
  held_on date,
  outcome text NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'passed', 'passed_with_findings', 'not_passed')),
  notes text NOT NULL DEFAULT '',
  updated_at timestamptz NOT NULL,
  updated_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (org_id, certificate_id, kind),
  FOREIGN KEY (org_id, certificate_id) REFERENCES certificates (org_id, id) ON DELETE CASCADE
);
SELECT custodian_tenant_table('certification_audits');
