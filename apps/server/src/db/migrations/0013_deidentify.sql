-- Deleting one's own account, and de-identifying people who have left an organisation (Australian
-- Privacy Principle 11.2; ADR 0015).

-- A deleted account stays as a tombstone (invitations it sent and gap items it owned still point at
-- it): no name, no address, no credentials, deleted_at set. The address is free to sign up again.
ALTER TABLE users ADD COLUMN deleted_at timestamptz;
-- users has per-column grants since 0012 (secrets are never selectable); this column is not a secret.
GRANT SELECT (deleted_at) ON users TO custodian_app;

-- Whether a person's account still exists, for the audit trail's append (an action that raced the
-- account's deletion is refused). SECURITY DEFINER: it answers one yes/no about one id, whatever
-- row-level security the users table has.
CREATE FUNCTION custodian_person_is_active(p_user_id uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
$$ SELECT EXISTS (SELECT 1 FROM users WHERE id = p_user_id AND deleted_at IS NULL) $$;
REVOKE EXECUTE ON FUNCTION custodian_person_is_active(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION custodian_person_is_active(uuid) TO custodian_app;

-- An organisation whose last member deleted their account is closed: kept, read-only (nobody can
-- reach it), so its audit trail still verifies. pseudonyms_given counts the "Former member N" names
-- handed out, so a pseudonym is never given twice in one organisation.
-- (orgs.closed_at came with migration 0011: unconfirmed sign-ups' organisations are closed the same way.)
ALTER TABLE orgs ADD COLUMN pseudonyms_given integer NOT NULL DEFAULT 0;

-- People who have left an organisation (removed, or deleted their account), as the organisation knew
-- them when they left. De-identifying one replaces name and address with "Former member N" and sets
-- pseudonym_no. A person who joins again is a member, not a former member (the row is deleted).
CREATE TABLE former_members (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id),
  name text NOT NULL,
  email text NOT NULL,
  role text NOT NULL CHECK (role IN ('owner', 'isms_manager', 'contributor', 'staff', 'auditor')),
  left_at timestamptz NOT NULL,
  reason text NOT NULL CHECK (reason IN ('removed', 'account_deleted')),
  pseudonym_no integer,
  deidentified_at timestamptz,
  PRIMARY KEY (org_id, user_id),
  CONSTRAINT former_members_pseudonym_once UNIQUE (org_id, pseudonym_no),
  CONSTRAINT former_members_deidentified CHECK ((pseudonym_no IS NULL) = (deidentified_at IS NULL))
);
CREATE INDEX former_members_left_idx ON former_members (org_id, left_at DESC, user_id);

-- People removed before this migration, from the trail's member.removed events (the latest one each).
ALTER TABLE audit_events NO FORCE ROW LEVEL SECURITY;
ALTER TABLE memberships NO FORCE ROW LEVEL SECURITY;
INSERT INTO former_members (org_id, user_id, name, email, role, left_at, reason)
  SELECT DISTINCT ON (e.org_id, u.id) e.org_id, u.id, u.name, u.email,
         CASE WHEN e.before->>'role' IN ('owner', 'isms_manager', 'contributor', 'staff', 'auditor') THEN e.before->>'role' ELSE 'staff' END,
         e.occurred_at, 'removed'
    FROM audit_events e JOIN users u ON u.id::text = e.entity_id
   WHERE e.action = 'member.removed' AND e.entity_type = 'member'
     AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = e.org_id AND m.user_id = u.id)
   ORDER BY e.org_id, u.id, e.seq DESC;
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
SELECT custodian_tenant_table('former_members', is_counted => true);

-- Audit events of MAC version 2 keep their personal fields (the actor's label, an e-mail address in
-- before or after) outside what the MAC covers: the MAC covers a keyed commitment of each, kept in
-- `personal` with the random nonce it was made with. De-identifying replaces the field with the
-- pseudonym and drops the nonce, so the event still verifies and the commitment can no longer be
-- tested against guesses. Only those columns may be changed by the application.
ALTER TABLE audit_events ADD COLUMN personal jsonb;
ALTER TABLE audit_events DROP CONSTRAINT audit_events_mac_version;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_mac_version CHECK (mac_version IN (0, 1, 2));
GRANT UPDATE (actor_label, before, after, personal) ON audit_events TO custodian_app;
