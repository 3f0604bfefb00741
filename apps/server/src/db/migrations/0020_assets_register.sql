-- The asset register (issue 9, item 2): what its list and its automatic references need beyond 0018.

-- The next automatic reference ("A-0001", "A-0002" …) is one more than the highest of that form: read
-- from this index backwards (longest first, then highest), never by scanning the register. Refs of any
-- other form (kept from an import: "PMS", "SRV-2") are not numbered and do not take part.
CREATE INDEX assets_auto_ref_idx ON assets (org_id, length(ref), ref) WHERE ref ~ '^A-[0-9]{1,9}$';

-- Owners' names on a list page (assets here, risks and gap items alike): the co-member policy on users
-- said `id IN (SELECT user_id FROM memberships WHERE org_id = current org)`, which PostgreSQL plans as a
-- hashed subplan built from every membership of the organisation before the first name is read (35 ms
-- for a page of assets in an organisation of 5,000 members). The same rule written as EXISTS is probed
-- per row through memberships' primary key (under 1 ms). Who may read which row is unchanged (ADR 0022).
DROP POLICY co_member_read ON users;
CREATE POLICY co_member_read ON users FOR SELECT
  USING (app_org_id() IS NOT NULL AND EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = app_org_id() AND m.user_id = users.id));
