import type { Tx } from '../../db/with-org.ts';

export async function insertOrg(trx: Tx, row: { org_id: string; name: string; is_demo?: boolean; created_at: Date }) {
  await trx.insertInto('orgs').values(row).execute();
}

export async function findOrg(trx: Tx, orgId: string) {
  return trx.selectFrom('orgs').selectAll().where('org_id', '=', orgId).executeTakeFirst();
}

export async function updateOrgRow(trx: Tx, orgId: string, patch: Partial<{ name: string; time_zone: string; is_mfa_required: boolean }>) {
  return trx.updateTable('orgs').set(patch).where('org_id', '=', orgId).returningAll().executeTakeFirstOrThrow();
}

export async function insertMembership(trx: Tx, row: { org_id: string; user_id: string; role: string; created_at: Date }) {
  await trx.insertInto('memberships').values(row).execute();
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

export async function updateMembershipRole(trx: Tx, orgId: string, userId: string, role: string) {
  await trx.updateTable('memberships').set({ role }).where('org_id', '=', orgId).where('user_id', '=', userId).execute();
}

export async function deleteMembership(trx: Tx, orgId: string, userId: string) {
  await trx.deleteFrom('memberships').where('org_id', '=', orgId).where('user_id', '=', userId).execute();
}

function memberQuery(trx: Tx, orgId: string) {
  return trx
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .where('memberships.org_id', '=', orgId);
}

const memberColumns = ['users.id as user_id', 'users.name', 'users.email', 'users.mfa_enabled_at', 'memberships.role', 'memberships.created_at'] as const;

export async function listMemberRows(trx: Tx, orgId: string, page: number, pageSize: number) {
  const [rows, count] = await Promise.all([
    memberQuery(trx, orgId).select(memberColumns).orderBy('users.name').orderBy('users.id').limit(pageSize).offset((page - 1) * pageSize).execute(),
    // Every membership has exactly one user (user_id is NOT NULL and references users), so the total needs no join.
    trx.selectFrom('memberships').where('org_id', '=', orgId).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function findMemberRow(trx: Tx, orgId: string, userId: string) {
  return memberQuery(trx, orgId).select(memberColumns).where('users.id', '=', userId).executeTakeFirst();
}

export async function insertInvitation(trx: Tx, row: { org_id: string; id: string; email: string; role: string; token_hash: string; invited_by: string; expires_at: Date; created_at: Date }) {
  await trx.insertInto('invitations').values({ ...row, accepted_at: null, revoked_at: null }).execute();
}

export async function listInvitationRows(trx: Tx, orgId: string) {
  return trx.selectFrom('invitations').selectAll().where('org_id', '=', orgId).orderBy('created_at', 'desc').limit(200).execute();
}

export async function findInvitation(trx: Tx, orgId: string, id: string) {
  return trx.selectFrom('invitations').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export async function findInvitationByToken(trx: Tx, orgId: string, tokenHash: string) {
  return trx.selectFrom('invitations').selectAll().where('org_id', '=', orgId).where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function markInvitation(trx: Tx, orgId: string, id: string, patch: { accepted_at?: Date; revoked_at?: Date }) {
  await trx.updateTable('invitations').set(patch).where('org_id', '=', orgId).where('id', '=', id).execute();
}

export async function listOrgsOfUser(trx: Tx, userId: string) {
  return trx
    .selectFrom('memberships')
    .innerJoin('orgs', 'orgs.org_id', 'memberships.org_id')
    .select(['memberships.org_id', 'memberships.role', 'orgs.name', 'orgs.is_demo', 'orgs.is_mfa_required', 'orgs.time_zone'])
    .where('memberships.user_id', '=', userId)
    .orderBy('orgs.name')
    .execute();
}

export async function findMemberByEmail(trx: Tx, orgId: string, email: string) {
  return memberQuery(trx, orgId).select(['users.id']).where('users.email', '=', email).executeTakeFirst();
}
