-- The remembered controls register (ADR 0027) shows each entry's owner by name. Its key reads the
-- entries' own row versions, which no writer locks, but joining every owner's name into that read
-- cost more than the rest of the request (users' row-level policy is planned and checked per row). A
-- name changes rarely, so instead `register_generations.people` moves when one does: a person's name
-- (for every organisation they belong to) and an organisation's former members (who are shown by the
-- name kept there). Gap and control edits never touch this row.

ALTER TABLE register_generations ADD COLUMN people bigint NOT NULL DEFAULT 0;

CREATE FUNCTION custodian_bump_people_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('app.skip_row_counts', true) = 'on' THEN
    RETURN NULL;
  END IF;
  INSERT INTO register_generations (org_id, people)
    SELECT DISTINCT c.org_id, 1 FROM changed c
    ON CONFLICT (org_id) DO UPDATE SET people = register_generations.people + 1;
  RETURN NULL;
END
$$;
CREATE TRIGGER former_member_people_insert AFTER INSERT ON former_members REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION custodian_bump_people_generation();
CREATE TRIGGER former_member_people_update AFTER UPDATE ON former_members REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION custodian_bump_people_generation();
CREATE TRIGGER former_member_people_delete AFTER DELETE ON former_members REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION custodian_bump_people_generation();

-- A person is not an organisation's row: the organisations they belong to are found across tenants,
-- so this function runs as the tables' owner (SECURITY DEFINER) and does only this one update, in
-- organisation order so two renames at once lock the rows in the same order.
CREATE FUNCTION custodian_bump_people_generation_for_person() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF current_setting('app.skip_row_counts', true) = 'on' THEN
    RETURN NULL;
  END IF;
  INSERT INTO register_generations (org_id, people)
    SELECT m.org_id, 1 FROM memberships m WHERE m.user_id = NEW.id ORDER BY m.org_id
    ON CONFLICT (org_id) DO UPDATE SET people = register_generations.people + 1;
  RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION custodian_bump_people_generation_for_person() FROM PUBLIC;

CREATE TRIGGER person_name_people_generation AFTER UPDATE OF name ON users
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION custodian_bump_people_generation_for_person();

-- The register's key (ADR 0027) as one PL/pgSQL function, so each database connection plans its
-- statement once and reuses the plan: planned afresh on every request (with the row-level policies of
-- three tables), planning cost more than reading. SECURITY INVOKER: the caller's policies apply.
CREATE FUNCTION custodian_register_key(p_org uuid) RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN concat_ws('/',
    (SELECT count(*)::text || ':' || coalesce(bit_xor(hashtextextended(g.item_id || ':' || g.xmin::text, 0)), 0)::text
       FROM gap_entries g WHERE g.org_id = p_org),
    (SELECT count(*)::text || ':' || coalesce(bit_xor(hashtextextended(c.id::text || ':' || c.xmin::text, 0)), 0)::text
       FROM org_controls c WHERE c.org_id = p_org),
    coalesce((SELECT r.links::text || '.' || r.people::text FROM register_generations r WHERE r.org_id = p_org), '0'));
END
$$;
