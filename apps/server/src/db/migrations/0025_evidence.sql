-- Evidence (issue 10, part 3): files, links and notes that show a control, a clause's requirement or a
-- risk treatment is in place, with a valid-until date and reminders. ADR 0028.

-- One evidence item (the table is evidence_items, the audit actions evidence.*). A file's bytes live in the blob store (disk or S3) under their SHA-256; the row
-- names the blob and carries the type sniffed from its bytes at upload, never a type the browser said.
CREATE TABLE evidence_items (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('file', 'link', 'note')),
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  owner_user_id uuid REFERENCES users (id),
  valid_until date,
  url text,
  note_text text,
  file_name text,
  file_type text,
  file_size integer,
  file_sha256 text,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL,
  updated_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (org_id, id),
  CONSTRAINT evidence_items_kind_fields CHECK (
    (kind = 'file' AND file_sha256 ~ '^[0-9a-f]{64}$' AND file_name IS NOT NULL AND file_type IS NOT NULL AND file_size >= 0 AND url IS NULL AND note_text IS NULL)
    OR (kind = 'link' AND url ~ '^https?://' AND file_sha256 IS NULL AND note_text IS NULL)
    OR (kind = 'note' AND note_text IS NOT NULL AND file_sha256 IS NULL AND url IS NULL)
  )
);
-- One index per list sort, so every page (the last as much as the first) is an index range; the
-- valid-until sort pages by a coalesced key (an item without a date sorts last).
CREATE INDEX evidence_items_title_idx ON evidence_items (org_id, title, id);
CREATE INDEX evidence_items_updated_idx ON evidence_items (org_id, updated_at, id);
CREATE INDEX evidence_items_valid_until_idx ON evidence_items (org_id, (coalesce(valid_until, DATE '2999-12-31')), id);
-- The reminder job's scan across organisations: items with a date, by date.
CREATE INDEX evidence_items_due_idx ON evidence_items (valid_until) WHERE valid_until IS NOT NULL;
SELECT custodian_tenant_table('evidence_items', is_counted => true);

-- What an item is evidence of: an Annex A control or a clause with requirements (catalogue ids such as
-- "iso27001:2022:A.5.1" and "iso27001:2022:6.1.2"), or a risk of the same organisation. A risk link
-- carries the risk's id in risk_id too, so deleting the risk removes its links (a catalogue id is data,
-- checked by the service against the loaded catalogue). Sized for 100,000 links in one organisation:
-- the key answers "targets of an item", the second index "evidence of a target".
CREATE TABLE evidence_links (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  evidence_id uuid NOT NULL,
  target_kind text NOT NULL CHECK (target_kind IN ('control', 'requirement', 'risk')),
  target_id text NOT NULL CHECK (length(target_id) BETWEEN 1 AND 100),
  risk_id uuid,
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  PRIMARY KEY (org_id, evidence_id, target_kind, target_id),
  FOREIGN KEY (org_id, evidence_id) REFERENCES evidence_items (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, risk_id) REFERENCES risks (org_id, id) ON DELETE CASCADE,
  CONSTRAINT evidence_links_risk CHECK ((target_kind = 'risk') = (risk_id IS NOT NULL) AND (risk_id IS NULL OR risk_id::text = target_id))
);
CREATE INDEX evidence_links_target_idx ON evidence_links (org_id, target_kind, target_id, evidence_id);
CREATE INDEX evidence_links_risk_idx ON evidence_links (org_id, risk_id) WHERE risk_id IS NOT NULL;
SELECT custodian_tenant_table('evidence_links');

-- Reminders sent: one row per item, valid-until date and threshold ("expiring": within 30 days;
-- "expired"), so each goes out once however often the job runs; a new date is a new pair of reminders.
CREATE TABLE evidence_reminders (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  evidence_id uuid NOT NULL,
  valid_until date NOT NULL,
  threshold text NOT NULL CHECK (threshold IN ('expiring', 'expired')),
  sent_to uuid REFERENCES users (id),
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, evidence_id, valid_until, threshold),
  FOREIGN KEY (org_id, evidence_id) REFERENCES evidence_items (org_id, id) ON DELETE CASCADE
);
SELECT custodian_tenant_table('evidence_reminders');

-- The controls register remembers how much evidence each control has, keyed by the generation of 0024.
CREATE TRIGGER evidence_link_generation_insert AFTER INSERT ON evidence_links REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION custodian_bump_link_generation();
CREATE TRIGGER evidence_link_generation_delete AFTER DELETE ON evidence_links REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION custodian_bump_link_generation();
