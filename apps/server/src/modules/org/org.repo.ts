import { sql } from 'kysely';
import type { ListReply } from '@custodian/shared/contracts/list.ts';
import type { MemberListQuery } from '@custodian/shared/contracts/org.ts';
import { cappedCount, containsPattern, countedRows, keyColumns, keysetPage, type KeysetSort } from '../../db/keyset.ts';
import type { Tx } from '../../db/with-org.ts';

export async function insertOrg(trx: Tx, row: { org_id: string; name: string; is_demo?: boolean; kind?: OrgKind; created_at: Date }) {
  await trx.insertInto('orgs').values(row).execute();
}

/** What an organisation is: a healthcare provider (the default), a marketplace provider, or the platform. */
export type OrgKind = 'healthcare' | 'consultant' | 'certification_body' | 'trainer' | 'platform';

/** The platform organisation's id (its audit trail records the operator's and guests' marketplace actions), or null before it exists. */
export async function findPlatformOrgId(trx: Tx): Promise<string | null> {
  const result = await sql<{ id: string | null }>`select custodian_platform_org_id() as id`.execute(trx);
  return result.rows[0]?.id ?? null;
}

export async function findOrg(trx: Tx, orgId: string) {
  return trx.selectFrom('orgs').selectAll().where('org_id', '=', orgId).executeTakeFirst();
}

/**
 * Locks the organisation's row until the transaction ends. Rules that span rows of one organisation
 * (at least one owner; one pending invitation per address) take this lock first, so two requests
 * cannot both see the rule hold and both break it.
 */
export async function lockOrgRow(trx: Tx, orgId: string): Promise<boolean> {
  const row = await trx.selectFrom('orgs').select('org_id').where('org_id', '=', orgId).forUpdate().executeTakeFirst();
  return row !== undefined;
}

/** Saves changes if the organisation is still at the version the editor read; returns nothing otherwise. */
export async function updateOrgRow(trx: Tx, orgId: string, version: number, patch: Partial<{ name: string; time_zone: string; is_mfa_required: boolean }>) {
  return trx
    .updateTable('orgs')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('org_id', '=', orgId)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** Sets "single sign-on required" (its own setting, saved with the SSO settings; not an edit of the organisation form). */
export async function setOrgSsoRequired(trx: Tx, orgId: string, isRequired: boolean): Promise<void> {
  await trx.updateTable('orgs').set({ is_sso_required: isRequired }).where('org_id', '=', orgId).where('is_sso_required', '!=', isRequired).execute();
}

/** Adds a membership unless the person already has one; false when they had. */
export async function insertMembershipIfAbsent(trx: Tx, row: { org_id: string; user_id: string; role: string; created_at: Date }): Promise<boolean> {
  const inserted = await trx.insertInto('memberships').values(row).onConflict((oc) => oc.columns(['org_id', 'user_id']).doNothing()).returning('user_id').executeTakeFirst();
  if (inserted === undefined) return false;
  // Like insertMembership: someone who had left and comes back (here through single sign-on) is a member again.
  await trx.deleteFrom('former_members').where('org_id', '=', row.org_id).where('user_id', '=', row.user_id).execute();
  return true;
}

/** Adds a member; someone who had left and comes back is a member again, no longer a former member. */
export async function insertMembership(trx: Tx, row: { org_id: string; user_id: string; role: string; created_at: Date }) {
  await trx
    .with('returned', (db) => db.deleteFrom('former_members').where('org_id', '=', row.org_id).where('user_id', '=', row.user_id))
    .insertInto('memberships')
    .values(row)
    .execute();
}

export async function findMembership(trx: Tx, orgId: string, userId: string) {
  return trx.selectFrom('memberships').selectAll().where('org_id', '=', orgId).where('user_id', '=', userId).executeTakeFirst();
}

export async function countOwners(trx: Tx, orgId: string): Promise<number> {
  const row = await trx
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('org_id', '=', orgId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Changes a role if the membership is still at the version the editor read; returns nothing otherwise. */
export async function updateMembershipRole(trx: Tx, key: { orgId: string; userId: string; version: number }, role: string) {
  return trx
    .updateTable('memberships')
    .set((eb) => ({ role, version: eb('version', '+', 1) }))
    .where('org_id', '=', key.orgId)
    .where('user_id', '=', key.userId)
    .where('version', '=', key.version)
    .returning(['version'])
    .executeTakeFirst();
}

export async function deleteMembership(trx: Tx, orgId: string, userId: string): Promise<boolean> {
  const result = await trx.deleteFrom('memberships').where('org_id', '=', orgId).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

function memberQuery(trx: Tx, orgId: string) {
  return trx
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id as user_id', 'users.name', 'users.email', 'users.mfa_enabled_at', 'memberships.role', 'memberships.created_at', 'memberships.version'])
    .where('memberships.org_id', '=', orgId);
}

export type MemberRow = Awaited<ReturnType<ReturnType<typeof memberQuery>['executeTakeFirstOrThrow']>>;

const memberSorts: Record<MemberListQuery['sort'], KeysetSort<MemberRow>> = {
  name: { keys: keyColumns('users.name', 'users.id'), keyOf: (r) => [r.name, r.user_id] },
  email: { keys: keyColumns('users.email', 'users.id'), keyOf: (r) => [r.email, r.user_id] },
  role: { keys: keyColumns('memberships.role', 'users.name', 'users.id'), keyOf: (r) => [r.role, r.name, r.user_id] },
  joinedAt: { keys: keyColumns('memberships.created_at', 'users.id'), keyOf: (r) => [new Date(r.created_at).toISOString(), r.user_id] },
};

/** One page of members; the total comes from the membership counter, or a capped count when filtered. */
export async function listMemberRows(trx: Tx, orgId: string, query: MemberListQuery): Promise<ListReply<MemberRow>> {
  let base = memberQuery(trx, orgId);
  if (query.role) base = base.where('memberships.role', '=', query.role);
  if (query.q) {
    const pattern = containsPattern(query.q);
    base = base.where((eb) => eb.or([eb('users.name', 'ilike', pattern), eb('users.email', 'ilike', pattern)]));
  }
  const total = query.role || query.q ? await cappedCount(trx, base) : await countedRows(trx, orgId, 'memberships');
  return keysetPage(base, {
    sort: memberSorts[query.sort],
    sortTag: `${query.sort}:${query.order}`,
    order: query.order,
    limit: query.limit,
    cursor: query.cursor,
    total,
  });
}

export async function findMemberRow(trx: Tx, orgId: string, userId: string) {
  return memberQuery(trx, orgId).where('users.id', '=', userId).executeTakeFirst();
}

export async function findMemberByEmail(trx: Tx, orgId: string, email: string) {
  return memberQuery(trx, orgId).where('users.email', '=', email).executeTakeFirst();
}

/** A person's memberships with their organisations, by organisation name. */
export async function listOrgsOfUser(trx: Tx, userId: string) {
  return trx
    .selectFrom('memberships')
    .innerJoin('orgs', 'orgs.org_id', 'memberships.org_id')
    .select(['memberships.org_id', 'memberships.role', 'orgs.name', 'orgs.is_demo', 'orgs.is_mfa_required', 'orgs.is_sso_required', 'orgs.time_zone', 'orgs.kind'])
    .where('memberships.user_id', '=', userId)
    .orderBy('orgs.name')
    .orderBy('orgs.org_id')
    .execute();
}

export type MyOrgRow = Awaited<ReturnType<typeof listOrgsOfUser>>[number];

/** One page of the organisations a person belongs to, by name. */
export async function listOrgsOfUserPage(
  trx: Tx,
  userId: string,
  query: { order: 'asc' | 'desc'; limit: number; cursor?: string | undefined },
): Promise<ListReply<MyOrgRow>> {
  const base = trx
    .selectFrom('memberships')
    .innerJoin('orgs', 'orgs.org_id', 'memberships.org_id')
    .select(['memberships.org_id', 'memberships.role', 'orgs.name', 'orgs.is_demo', 'orgs.is_mfa_required', 'orgs.is_sso_required', 'orgs.time_zone', 'orgs.kind'])
    .where('memberships.user_id', '=', userId);
  const total = await cappedCount(trx, base);
  const sort: KeysetSort<MyOrgRow> = { keys: keyColumns('orgs.name', 'orgs.org_id'), keyOf: (r) => [r.name, r.org_id] };
  return keysetPage(base, { sort, sortTag: `name:${query.order}`, order: query.order, limit: query.limit, cursor: query.cursor, total });
}

/** The member's name, or null when the person is not a member of the organisation. */
export async function memberName(trx: Tx, orgId: string, userId: string): Promise<string | null> {
  const row = await trx
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select('users.name')
    .where('memberships.org_id', '=', orgId)
    .where('memberships.user_id', '=', userId)
    .executeTakeFirst();
  return row?.name ?? null;
}


/**
 * Whether anything but this person's membership belongs to the organisation: other members,
 * invitations or gap analysis entries (what an unconfirmed sign-up's organisation never has).
 */
export async function holdsMoreThanMember(trx: Tx, orgId: string, userId: string): Promise<boolean> {
  const row = await trx
    .selectNoFrom((eb) => [
      eb.exists(eb.selectFrom('memberships').select('user_id').where('org_id', '=', orgId).where('user_id', '!=', userId)).as('has_members'),
      eb.exists(eb.selectFrom('invitations').select('id').where('org_id', '=', orgId)).as('has_invitations'),
      eb.exists(eb.selectFrom('gap_entries').select('item_id').where('org_id', '=', orgId)).as('has_gap_entries'),
    ])
    .executeTakeFirstOrThrow();
  return Boolean(row.has_members) || Boolean(row.has_invitations) || Boolean(row.has_gap_entries);
}

/**
 * Closes an organisation (once) and withdraws its pending invitations: the one way an organisation is
 * closed, whether its last member deleted their account or an abandoned sign-up's was swept. Null when
 * it already was closed; otherwise how many invitations were withdrawn.
 */
export async function closeOrgRow(trx: Tx, orgId: string, at: Date): Promise<{ invitationsWithdrawn: number } | null> {
  const row = await trx.updateTable('orgs').set({ closed_at: at }).where('org_id', '=', orgId).where('closed_at', 'is', null).returning('org_id').executeTakeFirst();
  if (!row) return null;
  const result = await trx.updateTable('invitations').set({ revoked_at: at }).where('org_id', '=', orgId).where('accepted_at', 'is', null).where('revoked_at', 'is', null).executeTakeFirst();
  return { invitationsWithdrawn: Number(result.numUpdatedRows) };
}
