-- The controls register remembered whole (ADR 0027, "remembered register"): besides the links
-- generation (risks, treatment tasks, evidence links), register_generations counts changes to what the
-- register's rows are made of, so a server can keep an organisation's merged register in memory and
-- use it while the count is the one it was read at. The count moves, in the same transaction as the
-- change, on every write to gap_entries and org_controls, on former_members (an owner who left is
-- shown by the name kept there), and on a person's name changing (an owner's name is shown on the row).

ALTER TABLE register_generations ADD COLUMN entries bigint NOT NULL DEFAULT 0;

CREATE FUNCTION custodian_bump_entries_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('app.skip_row_counts', true) = 'on' THEN
    RETURN NULL;
  END IF;
  INSERT INTO register_generations (org_id, entries)
    SELECT DISTINCT c.org_id, 1 FROM changed c
    ON CONFLICT (org_id) DO UPDATE SET entries = register_generations.entries + 1;
  RETURN NULL;
END
$$;

CREATE TRIGGER gap_entry_generation_insert AFTER INSERT ON gap_entries REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION custodian_bump_entries_generation();
CREATE TRIGGER gap_entry_generation_update AFTER UPDATE ON gap_entries REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION custodian_bump_entries_generation();
CREATE TRIGGER gap_entry_generation_delete AFTER DELETE ON gap_entries REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION custodian_bump_entries_generation();
CREATE TRIGGER org_control_generation_insert AFTER INSERT ON org_controls REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION custodian_bump_entries_generation();
CREATE TRIGGER org_control_generation_update AFTER UPDATE ON org_controls REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION custodian_bump_entries_generation();
CREATE TRIGGER org_control_generation_delete AFTER DELETE ON org_controls REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION custodian_bump_entries_generation();
CREATE TRIGGER former_member_generation_insert AFTER INSERT ON former_members REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION custodian_bump_entries_generation();
CREATE TRIGGER former_member_generation_update AFTER UPDATE ON former_members REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION custodian_bump_entries_generation();
CREATE TRIGGER former_member_generation_delete AFTER DELETE ON former_members REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION custodian_bump_entries_generation();

-- A person's name is not an organisation's row: the organisations whose register shows it (as the
-- owner of an entry) are found across tenants, so the function runs as the tables' owner (SECURITY
-- DEFINER) and does only this one update.
CREATE FUNCTION custodian_bump_entries_generation_for_person() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF current_setting('app.skip_row_counts', true) = 'on' THEN
    RETURN NULL;
  END IF;
  INSERT INTO register_generations (org_id, entries)
    SELECT DISTINCT g.org_id, 1 FROM gap_entries g WHERE g.owner_user_id = NEW.id
    ON CONFLICT (org_id) DO UPDATE SET entries = register_generations.entries + 1;
  RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION custodian_bump_entries_generation_for_person() FROM PUBLIC;
-- The entries a person owns, found without reading every organisation's register.
CREATE INDEX gap_entries_owner_idx ON gap_entries (owner_user_id) WHERE owner_user_id IS NOT NULL;

CREATE TRIGGER person_name_generation AFTER UPDATE OF name ON users
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION custodian_bump_entries_generation_for_person();
