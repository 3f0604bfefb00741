-- Assets and the risk register (issue 9): the tables every part of the risk work shares. Assets and
-- risks carry a short reference ("A-0001", "R-0001") unique in the organisation: it is what a person
-- quotes, what the XLSX export writes and what a re-import matches on (links between assets and the
-- assets of a risk are exported by reference, so a register moves between organisations intact).

-- The organisation's classification scheme: one row per organisation, the levels in order (lowest
-- first) as [{ "key", "label", "description" }]. No row means the default scheme (Public, Internal,
-- Confidential, Sensitive health information), defined once in the contracts.
CREATE TABLE classification_schemes (
  org_id uuid NOT NULL PRIMARY KEY REFERENCES orgs (org_id) ON DELETE CASCADE,
  levels jsonb NOT NULL CHECK (jsonb_typeof(levels) = 'array'),
  updated_at timestamptz NOT NULL,
  updated_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1
);
SELECT custodian_tenant_table('classification_schemes');

CREATE TABLE assets (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  id uuid NOT NULL,
  ref text NOT NULL CHECK (ref ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind text NOT NULL CHECK (kind IN ('information', 'software', 'system', 'device', 'medical_device', 'person_role', 'service', 'supplier', 'site')),
  description text NOT NULL DEFAULT '',
  owner_user_id uuid REFERENCES users (id),
  -- A key of the organisation's classification scheme (checked by the service: the scheme is data).
  classification text NOT NULL,
  confidentiality smallint NOT NULL CHECK (confidentiality BETWEEN 1 AND 5),
  integrity smallint NOT NULL CHECK (integrity BETWEEN 1 AND 5),
  availability smallint NOT NULL CHECK (availability BETWEEN 1 AND 5),
  location text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL,
  updated_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, ref)
);
-- One index per list sort and filter that pages (ADR 0010).
CREATE INDEX assets_name_idx ON assets (org_id, name, id);
CREATE INDEX assets_updated_idx ON assets (org_id, updated_at, id);
CREATE INDEX assets_kind_name_idx ON assets (org_id, kind, name, id);
CREATE INDEX assets_classification_name_idx ON assets (org_id, classification, name, id);
CREATE INDEX assets_owner_name_idx ON assets (org_id, owner_user_id, name, id);
SELECT custodian_tenant_table('assets', is_counted => true);

-- Links between assets ("the practice management system runs on the clinic server").
CREATE TABLE asset_links (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  from_asset_id uuid NOT NULL,
  to_asset_id uuid NOT NULL,
  relation text NOT NULL CHECK (relation IN ('depends_on', 'runs_on', 'stores', 'connects_to', 'located_at', 'supplied_by')),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, from_asset_id, to_asset_id, relation),
  CHECK (from_asset_id <> to_asset_id),
  FOREIGN KEY (org_id, from_asset_id) REFERENCES assets (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, to_asset_id) REFERENCES assets (org_id, id) ON DELETE CASCADE
);
CREATE INDEX asset_links_to_idx ON asset_links (org_id, to_asset_id);
SELECT custodian_tenant_table('asset_links');

-- The risk method (6.1.2), versioned: a change is a new row, never an edit, and the risks scored under
-- the old version are re-scored in the same transaction, each move recorded in risk_rescores.
--   likelihood, impact: [{ "level": 1.., "label", "description" }], 3 to 7 levels, lowest first;
--   levels:             [{ "key", "label", "colour" }], the matrix's risk levels, lowest first;
--   matrix:             rows by likelihood (1 first), each a list by impact of a key of levels;
--   acceptable_level:   the highest risk level the organisation accepts without treatment (appetite).
CREATE TABLE risk_methods (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  version integer NOT NULL CHECK (version >= 1),
  likelihood jsonb NOT NULL,
  impact jsonb NOT NULL,
  levels jsonb NOT NULL,
  matrix jsonb NOT NULL,
  acceptable_level text NOT NULL,
  review_months smallint NOT NULL CHECK (review_months BETWEEN 1 AND 36),
  change_note text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  PRIMARY KEY (org_id, version)
);
SELECT custodian_tenant_table('risk_methods');

-- A risk scenario: asset(s) + threat + vulnerability. Scores are levels of the method version the risk
-- was last scored under; the matrix's level for each (inherent, current, residual) is kept beside it
-- (level keys and their rank, lowest 1) so lists filter and sort by it through an index.
CREATE TABLE risks (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  id uuid NOT NULL,
  ref text NOT NULL CHECK (ref ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$'),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  threat text NOT NULL DEFAULT '',
  vulnerability text NOT NULL DEFAULT '',
  description text NOT NULL DEFAULT '',
  -- The healthcare threat library scenario it was created from, if any (a catalogue id).
  threat_id text,
  owner_user_id uuid REFERENCES users (id),
  method_version integer NOT NULL,
  inherent_likelihood smallint NOT NULL CHECK (inherent_likelihood BETWEEN 1 AND 7),
  inherent_impact smallint NOT NULL CHECK (inherent_impact BETWEEN 1 AND 7),
  inherent_level text NOT NULL,
  inherent_rank smallint NOT NULL,
  current_likelihood smallint CHECK (current_likelihood BETWEEN 1 AND 7),
  current_impact smallint CHECK (current_impact BETWEEN 1 AND 7),
  current_level text,
  current_rank smallint,
  residual_likelihood smallint CHECK (residual_likelihood BETWEEN 1 AND 7),
  residual_impact smallint CHECK (residual_impact BETWEEN 1 AND 7),
  residual_level text,
  residual_rank smallint,
  treatment text CHECK (treatment IN ('modify', 'retain', 'avoid', 'share')),
  treatment_notes text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'identified' CHECK (status IN ('identified', 'assessed', 'treatment_planned', 'in_treatment', 'accepted', 'closed')),
  next_review_on date,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL,
  updated_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, ref),
  FOREIGN KEY (org_id, method_version) REFERENCES risk_methods (org_id, version),
  CHECK ((current_likelihood IS NULL) = (current_impact IS NULL)),
  CHECK ((residual_likelihood IS NULL) = (residual_impact IS NULL))
);
CREATE INDEX risks_title_idx ON risks (org_id, title, id);
CREATE INDEX risks_ref_idx ON risks (org_id, ref, id);
CREATE INDEX risks_updated_idx ON risks (org_id, updated_at, id);
CREATE INDEX risks_inherent_idx ON risks (org_id, inherent_rank, id);
CREATE INDEX risks_residual_idx ON risks (org_id, residual_rank, id);
CREATE INDEX risks_status_idx ON risks (org_id, status, id);
CREATE INDEX risks_owner_idx ON risks (org_id, owner_user_id, id);
CREATE INDEX risks_review_idx ON risks (org_id, next_review_on, id);
CREATE INDEX risks_method_idx ON risks (org_id, method_version);
SELECT custodian_tenant_table('risks', is_counted => true);

CREATE TABLE risk_assets (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  risk_id uuid NOT NULL,
  asset_id uuid NOT NULL,
  PRIMARY KEY (org_id, risk_id, asset_id),
  FOREIGN KEY (org_id, risk_id) REFERENCES risks (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, asset_id) REFERENCES assets (org_id, id) ON DELETE CASCADE
);
CREATE INDEX risk_assets_asset_idx ON risk_assets (org_id, asset_id, risk_id);
SELECT custodian_tenant_table('risk_assets');

-- Treatment tasks (6.1.3, 8.3): who does what by when, and the Annex A controls it implements
-- (catalogue ids; their gap-analysis status is read from gap_entries, never copied).
CREATE TABLE risk_tasks (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  id uuid NOT NULL,
  risk_id uuid NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  owner_user_id uuid REFERENCES users (id),
  due_on date,
  status text NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started', 'in_progress', 'done')),
  control_ids text[] NOT NULL DEFAULT '{}',
  notes text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL,
  updated_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, risk_id) REFERENCES risks (org_id, id) ON DELETE CASCADE
);
CREATE INDEX risk_tasks_risk_idx ON risk_tasks (org_id, risk_id, created_at);
CREATE INDEX risk_tasks_due_idx ON risk_tasks (org_id, due_on, id) WHERE status <> 'done';
SELECT custodian_tenant_table('risk_tasks', is_counted => true);

-- Formal acceptance of a residual risk by its owner: who, when, at which level and scores, under which
-- method version. Rows are never edited; a later change to the residual score withdraws the acceptance
-- (withdrawn_at) and the risk must be accepted again.
CREATE TABLE risk_acceptances (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  id uuid NOT NULL,
  risk_id uuid NOT NULL,
  accepted_by uuid NOT NULL REFERENCES users (id),
  accepted_at timestamptz NOT NULL,
  method_version integer NOT NULL,
  likelihood smallint NOT NULL,
  impact smallint NOT NULL,
  level text NOT NULL,
  note text NOT NULL DEFAULT '',
  withdrawn_at timestamptz,
  withdrawn_reason text,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, risk_id) REFERENCES risks (org_id, id) ON DELETE CASCADE
);
-- At most one standing acceptance per risk: two owners accepting at once, one wins.
CREATE UNIQUE INDEX risk_acceptances_standing_idx ON risk_acceptances (org_id, risk_id) WHERE withdrawn_at IS NULL;
SELECT custodian_tenant_table('risk_acceptances');

-- Each risk moved by a change of method: from which scores to which, so the change is shown, never silent.
CREATE TABLE risk_rescores (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  risk_id uuid NOT NULL,
  to_version integer NOT NULL,
  from_version integer NOT NULL,
  before jsonb NOT NULL,
  after jsonb NOT NULL,
  PRIMARY KEY (org_id, to_version, risk_id),
  FOREIGN KEY (org_id, risk_id) REFERENCES risks (org_id, id) ON DELETE CASCADE
);
CREATE INDEX risk_rescores_risk_idx ON risk_rescores (org_id, risk_id);
SELECT custodian_tenant_table('risk_rescores');

-- The register's shape by day, for the trend chart: how many open risks stood at each level, inherent
-- and residual ({ "<level key>": count }). Written for the organisation's "today" by every change to its
-- risks and by the daily job, so a day without changes still has its point.
CREATE TABLE risk_snapshots (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  taken_on date NOT NULL,
  method_version integer NOT NULL,
  inherent jsonb NOT NULL,
  residual jsonb NOT NULL,
  open_risks integer NOT NULL,
  taken_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, taken_on)
);
SELECT custodian_tenant_table('risk_snapshots');
