-- Documented information (7.5) and staff acknowledgement (A.5.1, A.6.3). A document holds its draft
-- (sanitised HTML); each approval appends an immutable row to document_versions. Assignments name a
-- role or a person; an acknowledgement is of a document's major version, once per person (the key
-- makes a second acknowledgement at once a no-op). Reminders are claimed once per date or version.
CREATE TABLE documents (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  id uuid NOT NULL,
  name text NOT NULL,
  template_key text,
  -- The catalogue's mandatory document this one meets when approved (iso27001:2022:doc:…), if any.
  mandatory_id text,
  owner_user_id uuid REFERENCES users (id),
  review_months integer NOT NULL DEFAULT 12 CHECK (review_months BETWEEN 1 AND 36),
  draft_html text NOT NULL DEFAULT '',
  -- The latest approved version (null until the first approval) and its major number.
  approved_number integer,
  approved_major integer,
  next_review_on date,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL,
  updated_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX documents_name_idx ON documents (org_id, name, id);
CREATE INDEX documents_updated_idx ON documents (org_id, updated_at, id);
CREATE INDEX documents_review_idx ON documents (next_review_on) WHERE next_review_on IS NOT NULL;
SELECT custodian_tenant_table('documents', is_counted => true);

CREATE TABLE document_versions (
  org_id uuid NOT NULL,
  document_id uuid NOT NULL,
  number integer NOT NULL,
  major integer NOT NULL,
  minor integer NOT NULL,
  name text NOT NULL,
  html text NOT NULL,
  change_note text NOT NULL,
  approved_at timestamptz NOT NULL,
  approved_by uuid REFERENCES users (id),
  approved_by_name text NOT NULL,
  PRIMARY KEY (org_id, document_id, number),
  UNIQUE (org_id, document_id, major, minor),
  FOREIGN KEY (org_id, document_id) REFERENCES documents (org_id, id) ON DELETE CASCADE
);
SELECT custodian_tenant_table('document_versions');

-- An approved version is a record: nobody changes it (deleting the whole document is still allowed).
CREATE FUNCTION custodian_document_version_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'approved document versions cannot be changed';
END;
$$;
CREATE TRIGGER document_versions_frozen BEFORE UPDATE ON document_versions
  FOR EACH ROW EXECUTE FUNCTION custodian_document_version_frozen();

CREATE TABLE document_assignments (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  document_id uuid NOT NULL,
  role text CHECK (role IN ('owner', 'isms_manager', 'contributor', 'staff', 'auditor')),
  user_id uuid REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  PRIMARY KEY (org_id, id),
  CHECK ((role IS NULL) <> (user_id IS NULL)),
  FOREIGN KEY (org_id, document_id) REFERENCES documents (org_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX document_assignments_role_key ON document_assignments (org_id, document_id, role) WHERE role IS NOT NULL;
CREATE UNIQUE INDEX document_assignments_user_key ON document_assignments (org_id, document_id, user_id) WHERE user_id IS NOT NULL;
CREATE INDEX document_assignments_by_role ON document_assignments (org_id, role, document_id) WHERE role IS NOT NULL;
CREATE INDEX document_assignments_by_user ON document_assignments (org_id, user_id, document_id) WHERE user_id IS NOT NULL;
SELECT custodian_tenant_table('document_assignments');

CREATE TABLE document_acknowledgements (
  org_id uuid NOT NULL,
  document_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  major integer NOT NULL,
  number integer NOT NULL,
  acknowledged_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, document_id, major, user_id),
  FOREIGN KEY (org_id, document_id) REFERENCES documents (org_id, id) ON DELETE CASCADE
);
CREATE INDEX document_acknowledgements_by_user ON document_acknowledgements (org_id, user_id, document_id, major);
SELECT custodian_tenant_table('document_acknowledgements');

CREATE TABLE document_reminders (
  org_id uuid NOT NULL,
  document_id uuid NOT NULL,
  -- 'review:<yyyy-mm-dd>' for the owner's review date, 'ack:<major>' for a person's acknowledgement.
  reminder_key text NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, document_id, reminder_key, user_id),
  FOREIGN KEY (org_id, document_id) REFERENCES documents (org_id, id) ON DELETE CASCADE
);
SELECT custodian_tenant_table('document_reminders');
