-- Context and scope (clauses 4.1–4.3, issue 9). Every entry a practice records about its context and
-- its ISMS scope is one row of scope_items in one part ("section"): internal and external issues (4.1),
-- interested parties with their requirements (4.2), and the scope builder's sites, systems, processes,
-- types of information, interfaces and dependencies, and exclusions (4.3).
CREATE TABLE scope_items (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  id uuid NOT NULL,
  section text NOT NULL CHECK (section IN ('internal_issue', 'external_issue', 'interested_party', 'site', 'system', 'process', 'information_type', 'interface', 'exclusion')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description text NOT NULL DEFAULT '',
  -- What an interested party needs from the practice (4.2).
  requirements text NOT NULL DEFAULT '',
  -- Why something is left out of the scope: an exclusion without one is refused here too.
  justification text NOT NULL DEFAULT '',
  -- The one-click suggestion it was added from (contracts/scope.ts); each can be added once.
  suggestion_key text,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL,
  updated_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (org_id, id),
  CHECK (section <> 'exclusion' OR length(btrim(justification)) > 0)
);
CREATE UNIQUE INDEX scope_items_suggestion_idx ON scope_items (org_id, suggestion_key) WHERE suggestion_key IS NOT NULL;
-- One index per list sort, with the part first so a page of one part is an index range too.
CREATE INDEX scope_items_section_name_idx ON scope_items (org_id, section, name, id);
CREATE INDEX scope_items_name_idx ON scope_items (org_id, name, id);
CREATE INDEX scope_items_updated_idx ON scope_items (org_id, updated_at, id);
SELECT custodian_tenant_table('scope_items', is_counted => true);

-- The scope statement (documented information, 4.3): one row per organisation, created by its first
-- change. `revision` is the statement's version as a reader sees it: every change to any scope item
-- or to the summary adds one, in the same transaction, under this row's lock (so changes are counted
-- one by one). An approval records the revision approved; a later change makes it out of date, which
-- the statement says. `version` guards edits of the summary (409 with the current statement).
CREATE TABLE scope_statements (
  org_id uuid NOT NULL PRIMARY KEY REFERENCES orgs (org_id) ON DELETE CASCADE,
  summary text NOT NULL DEFAULT '',
  revision integer NOT NULL DEFAULT 0 CHECK (revision >= 0),
  changed_at timestamptz,
  changed_by uuid REFERENCES users (id),
  approved_revision integer CHECK (approved_revision BETWEEN 1 AND revision),
  approved_at timestamptz,
  approved_by uuid REFERENCES users (id),
  approval_note text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1
);
SELECT custodian_tenant_table('scope_statements');
