import type { ListReply } from '@custodian/shared/contracts/list.ts';
import type { invitationListQuery } from '@custodian/shared/contracts/org.ts';
import type { z } from 'zod';
import { cappedCount, countedRows, keyColumns, keysetPage, type KeysetSort } from '../../db/keyset.ts';
import type { Tx } from '../../db/with-org.ts';

export async function insertInvitation(
  trx: Tx,
  row: { org_id: string; id: string; email: string; role: string; token_hash: string; invited_by: string; expires_at: Date; created_at: Date },
) {
  await trx
    .insertInto('invitations')
    .values({ ...row, accepted_at: null, revoked_at: null })
    .execute();
}

function invitationQuery(trx: Tx, orgId: string) {
  return trx.selectFrom('invitations').selectAll().where('org_id', '=', orgId);
}

export type InvitationRow = Awaited<ReturnType<ReturnType<typeof invitationQuery>['executeTakeFirstOrThrow']>>;

const invitationSorts: Record<'createdAt' | 'email', KeysetSort<InvitationRow>> = {
  createdAt: { keys: keyColumns('created_at', 'id'), keyOf: (r) => [new Date(r.created_at).toISOString(), r.id] },
  email: { keys: keyColumns('email', 'id'), keyOf: (r) => [r.email, r.id] },
};

/** One page of the organisation's invitations; status is worked out from the dates against `now`. */
export async function listInvitationRows(trx: Tx, orgId: string, query: z.output<typeof invitationListQuery>, now: Date): Promise<ListReply<InvitationRow>> {
  let base = invitationQuery(trx, orgId);
  if (query.status === 'accepted') base = base.where('accepted_at', 'is not', null);
  if (query.status === 'revoked') base = base.where('accepted_at', 'is', null).where('revoked_at', 'is not', null);
  if (query.status === 'pending') base = base.where('accepted_at', 'is', null).where('revoked_at', 'is', null).where('expires_at', '>', now);
  if (query.status === 'expired') base = base.where('accepted_at', 'is', null).where('revoked_at', 'is', null).where('expires_at', '<=', now);
  const total = query.status ? await cappedCount(trx, base) : await countedRows(trx, orgId, 'invitations');
  return keysetPage(base, {
    sort: invitationSorts[query.sort],
    sortTag: `${query.sort}:${query.order}`,
    order: query.order,
    limit: query.limit,
    cursor: query.cursor,
    total,
  });
}

export async function findPendingInvitationFor(trx: Tx, orgId: string, email: string, now: Date) {
  return invitationQuery(trx, orgId)
    .where('email', '=', email)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

export async function findInvitation(trx: Tx, orgId: string, id: string) {
  return invitationQuery(trx, orgId).where('id', '=', id).executeTakeFirst();
}

export async function findInvitationByToken(trx: Tx, orgId: string, tokenHash: string) {
  return invitationQuery(trx, orgId).where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Marks an invitation accepted or revoked, only while it is neither; returns false if it already was. */
export async function closeInvitation(trx: Tx, orgId: string, id: string, patch: { accepted_at?: Date; revoked_at?: Date }): Promise<boolean> {
  const result = await trx
    .updateTable('invitations')
    .set(patch)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Revokes the pending invitations one person sent, except those for the roles in `keepRoles`, and
 * returns them. Of this and a parallel acceptance of the same invitation, one wins: both update it only
 * while it is neither accepted nor revoked.
 */
export async function revokeInvitationsSentBy(trx: Tx, orgId: string, senderId: string, now: Date, keepRoles: readonly string[]) {
  let query = trx
    .updateTable('invitations')
    .set({ revoked_at: now })
    .where('org_id', '=', orgId)
    .where('invited_by', '=', senderId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now);
  if (keepRoles.length > 0) query = query.where('role', 'not in', keepRoles);
  return query.returning(['id', 'email', 'role']).execute();
}
