-- The controls register and the Statement of Applicability (issue 10, ISO/IEC 27001:2022 6.1.3 d).
--
-- The register is the gap analysis's own rows, not a copy kept in step: an Annex A control's
-- applicability is its gap status (not_applicable = excluded, with the justification already required),
-- and the register adds why an applicable control is included, how it is implemented, and the reason an
-- implemented control has no evidence. Controls the organisation defines itself live in org_controls;
-- their register entry is a gap_entries row whose item id is 'org:' followed by the control's id.

ALTER TABLE gap_entries
  ADD COLUMN reasons text[] NOT NULL DEFAULT '{}'
    CHECK (reasons <@ ARRAY['risk_treatment', 'legal', 'contractual', 'business', 'good_practice']::text[]),
  ADD COLUMN implementation text NOT NULL DEFAULT '',
  ADD COLUMN no_evidence_reason text NOT NULL DEFAULT '';

-- Organisation-defined controls (a practice's own safeguard beyond Annex A), numbered "C-01", "C-02"…
-- under the organisation's lock, like asset and risk refs.
CREATE TABLE org_controls (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  id uuid NOT NULL,
  ref text NOT NULL CHECK (ref ~ '^C-[0-9]{2,}$'),
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  description text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL,
  updated_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, ref)
);
SELECT custodian_tenant_table('org_controls', is_counted => true);

-- Approved versions of the Statement of Applicability. An approval freezes the statement as it was
-- read (every row: applicability, reasons, justification, status, implementation, owner, references)
-- with the SHA-256 of its canonical JSON; versions are numbered 1, 2, … per organisation. The app may
-- add a version and read them, never change or remove one (the grant); no role may change one (the
-- trigger). Versions go only with their organisation.
CREATE TABLE soa_versions (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  version integer NOT NULL CHECK (version >= 1),
  approved_at timestamptz NOT NULL,
  approved_by uuid REFERENCES users (id),
  note text NOT NULL DEFAULT '',
  rows jsonb NOT NULL CHECK (jsonb_typeof(rows) = 'array'),
  checksum text NOT NULL CHECK (checksum ~ '^[0-9a-f]{64}$'),
  PRIMARY KEY (org_id, version)
);
SELECT custodian_tenant_table('soa_versions', app_privileges => 'SELECT, INSERT');

CREATE FUNCTION custodian_soa_version_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'an approved version of the Statement of Applicability cannot be changed';
END;
$$;
CREATE TRIGGER soa_versions_frozen BEFORE UPDATE ON soa_versions FOR EACH ROW EXECUTE FUNCTION custodian_soa_version_frozen();

-- Which risks each control treats (and, from 0025, how much evidence each has) is read from every
-- treatment task (and evidence link) of the organisation: in a large register (tens of thousands of
-- them) that is the slowest part of the controls list and the SoA. The server keeps the answer in
-- memory per organisation, keyed by this generation: statement-level triggers add one to it, in the
-- same transaction, whenever a risk, a treatment task (or an evidence link) is added, changed or
-- deleted, so a remembered answer is used only while the register is as it was. Like row_counts, a
-- restore loads the row as it was backed up and sets app.skip_row_counts.
CREATE TABLE register_generations (
  org_id uuid NOT NULL PRIMARY KEY REFERENCES orgs (org_id) ON DELETE CASCADE,
  links bigint NOT NULL DEFAULT 0
);
SELECT custodian_tenant_table('register_generations', app_privileges => 'SELECT, INSERT, UPDATE');

CREATE FUNCTION custodian_bump_link_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('app.skip_row_counts', true) = 'on' THEN
    RETURN NULL;
  END IF;
  INSERT INTO register_generations (org_id, links)
    SELECT DISTINCT c.org_id, 1 FROM changed c
    ON CONFLICT (org_id) DO UPDATE SET links = register_generations.links + 1;
  RETURN NULL;
END
$$;
CREATE TRIGGER risk_generation_insert AFTER INSERT ON risks REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION custodian_bump_link_generation();
CREATE TRIGGER risk_generation_update AFTER UPDATE ON risks REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION custodian_bump_link_generation();
CREATE TRIGGER risk_generation_delete AFTER DELETE ON risks REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION custodian_bump_link_generation();
CREATE TRIGGER risk_task_generation_insert AFTER INSERT ON risk_tasks REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION custodian_bump_link_generation();
CREATE TRIGGER risk_task_generation_update AFTER UPDATE ON risk_tasks REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION custodian_bump_link_generation();
CREATE TRIGGER risk_task_generation_delete AFTER DELETE ON risk_tasks REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION custodian_bump_link_generation();
