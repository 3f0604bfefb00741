-- Awareness training (issue 11, part 3; Annex A 6.3): training items, teams, assignments, completions
-- and the reminders sent. ADR 0034.

-- A training item: internal content kept as plain text (paragraphs split on blank lines, never HTML)
-- or a link to an https address; how often it is repeated and how many days a person has to do it.
CREATE TABLE training_items (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  id uuid NOT NULL,
  title text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('content', 'link')),
  content text NOT NULL DEFAULT '',
  url text,
  frequency text NOT NULL CHECK (frequency IN ('once', 'six_monthly', 'yearly', 'two_yearly')),
  due_days integer NOT NULL CHECK (due_days BETWEEN 1 AND 365),
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL,
  updated_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (org_id, id),
  CONSTRAINT training_items_kind_fields CHECK ((kind = 'link' AND url ~ '^https://') OR (kind = 'content' AND url IS NULL))
);
CREATE INDEX training_items_title_idx ON training_items (org_id, title, id);
CREATE INDEX training_items_updated_idx ON training_items (org_id, updated_at, id);
SELECT custodian_tenant_table('training_items', is_counted => true);

-- Teams (there is no teams concept elsewhere yet): a name per organisation, and each member in at most
-- one team (the key is the member), so coverage per team adds up to the whole organisation.
CREATE TABLE training_teams (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  id uuid NOT NULL,
  name text NOT NULL,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  PRIMARY KEY (org_id, id)
);
CREATE UNIQUE INDEX training_teams_name_idx ON training_teams (org_id, lower(name));
SELECT custodian_tenant_table('training_teams');

CREATE TABLE training_team_members (
  org_id uuid NOT NULL,
  user_id uuid NOT NULL,
  team_id uuid NOT NULL,
  -- The calendar day (organisation's time zone) the member joined the team: team training applies from then.
  since date NOT NULL,
  PRIMARY KEY (org_id, user_id),
  FOREIGN KEY (org_id, user_id) REFERENCES memberships (org_id, user_id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, team_id) REFERENCES training_teams (org_id, id) ON DELETE CASCADE
);
CREATE INDEX training_team_members_team_idx ON training_team_members (org_id, team_id);
SELECT custodian_tenant_table('training_team_members');

-- Who an item is assigned to: every member with a role, one member, or a team. target_key is the role
-- name, the member's user id or the team id; a member or team assignment goes when they do.
CREATE TABLE training_assignments (
  org_id uuid NOT NULL,
  item_id uuid NOT NULL,
  target_kind text NOT NULL CHECK (target_kind IN ('role', 'member', 'team')),
  target_key text NOT NULL CHECK (length(target_key) BETWEEN 1 AND 100),
  user_id uuid,
  team_id uuid,
  assigned_on date NOT NULL,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  PRIMARY KEY (org_id, item_id, target_kind, target_key),
  FOREIGN KEY (org_id, item_id) REFERENCES training_items (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, user_id) REFERENCES memberships (org_id, user_id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, team_id) REFERENCES training_teams (org_id, id) ON DELETE CASCADE,
  CONSTRAINT training_assignments_target CHECK (
    (target_kind = 'role' AND user_id IS NULL AND team_id IS NULL)
    OR (target_kind = 'member' AND user_id::text = target_key AND team_id IS NULL)
    OR (target_kind = 'team' AND team_id::text = target_key AND user_id IS NULL)
  )
);
SELECT custodian_tenant_table('training_assignments');

-- A completion: the calendar day it was done (organisation's time zone), the due date it met, and the
-- evidence as a note or reference. One per person, item and due date, so a double submission records
-- one. An item with completions cannot be deleted (the records are what an auditor asks for).
CREATE TABLE training_completions (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  item_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id),
  completed_on date NOT NULL,
  for_due_on date NOT NULL,
  evidence_note text NOT NULL DEFAULT '',
  recorded_by uuid REFERENCES users (id),
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, item_id, user_id, for_due_on),
  FOREIGN KEY (org_id, item_id) REFERENCES training_items (org_id, id)
);
CREATE INDEX training_completions_person_idx ON training_completions (org_id, user_id, item_id, completed_on);
SELECT custodian_tenant_table('training_completions');

-- Reminders sent: one per person, item, due date and stage ('due' soon, 'overdue'), claimed before the
-- mail is queued, so parallel runs send each once; a new due date is a new pair.
CREATE TABLE training_reminders (
  org_id uuid NOT NULL,
  item_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id),
  due_on date NOT NULL,
  stage text NOT NULL CHECK (stage IN ('due', 'overdue')),
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, item_id, user_id, due_on, stage),
  FOREIGN KEY (org_id, item_id) REFERENCES training_items (org_id, id) ON DELETE CASCADE
);
SELECT custodian_tenant_table('training_reminders');
