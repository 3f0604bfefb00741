import type { ListReply } from '@custodian/shared/contracts/list.ts';
import type { formerMemberListQuery } from '@custodian/shared/contracts/org.ts';
import { sql } from 'kysely';
import type { z } from 'zod';
import { countedRows, keyColumns, keysetPage, type KeysetSort } from '../../db/keyset.ts';
import type { Tx } from '../../db/with-org.ts';

function formerQuery(trx: Tx, orgId: string) {
  return trx.selectFrom('former_members').selectAll().where('org_id', '=', orgId);
}

export type FormerMemberRow = Awaited<ReturnType<ReturnType<typeof formerQuery>['executeTakeFirstOrThrow']>>;

/**
 * Records that a person left the organisation, as it knew them then. Someone who left before, came
 * back and left again has one row, the latest departure.
 */
export async function upsertFormerMember(trx: Tx, row: { org_id: string; user_id: string; name: string; email: string; role: string; left_at: Date; reason: 'removed' | 'account_deleted' }): Promise<void> {
  await trx
    .insertInto('former_members')
    .values(row)
    .onConflict((oc) => oc.columns(['org_id', 'user_id']).doUpdateSet({ name: row.name, email: row.email, role: row.role, left_at: row.left_at, reason: row.reason, pseudonym_no: null, deidentified_at: null }))
    .execute();
}

export async function findFormerMember(trx: Tx, orgId: string, userId: string): Promise<FormerMemberRow | undefined> {
  return formerQuery(trx, orgId).where('user_id', '=', userId).executeTakeFirst();
}

/** One page of the organisation's former members, most recently left first by default. */
export async function listFormerMemberRows(trx: Tx, orgId: string, query: z.output<typeof formerMemberListQuery>): Promise<ListReply<FormerMemberRow>> {
  const sort: KeysetSort<FormerMemberRow> = { keys: keyColumns('left_at', 'user_id'), keyOf: (r) => [new Date(r.left_at).toISOString(), r.user_id] };
  const total = await countedRows(trx, orgId, 'former_members');
  return keysetPage(formerQuery(trx, orgId), { sort, sortTag: `${query.sort}:${query.order}`, order: query.order, limit: query.limit, cursor: query.cursor, total });
}

/** The next pseudonym number of the organisation (never given twice; the organisation's row stays locked). */
export async function takePseudonymNumber(trx: Tx, orgId: string): Promise<number> {
  const row = await trx
    .updateTable('orgs')
    .set((eb) => ({ pseudonyms_given: eb('pseudonyms_given', '+', 1) }))
    .where('org_id', '=', orgId)
    .returning('pseudonyms_given')
    .executeTakeFirstOrThrow();
  return row.pseudonyms_given;
}

/** The former member's row now holds only the pseudonym. */
export async function markFormerMemberDeidentified(trx: Tx, key: { orgId: string; userId: string }, pseudonym: { no: number; text: string }, at: Date): Promise<FormerMemberRow> {
  return trx
    .updateTable('former_members')
    .set({ name: pseudonym.text, email: '', pseudonym_no: pseudonym.no, deidentified_at: at })
    .where('org_id', '=', key.orgId)
    .where('user_id', '=', key.userId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Invitations sent to the person's address now show the pseudonym instead. */
export async function deidentifyInvitations(trx: Tx, orgId: string, email: string, pseudonym: string): Promise<number> {
  const result = await trx.updateTable('invitations').set({ email: pseudonym }).where('org_id', '=', orgId).where(sql<boolean>`lower(email) = lower(${email})`).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Locks the organisation's row against lockOrgRow (FOR UPDATE), but not against foreign-key checks of inserts that reference it. */
export async function lockOrgAgainstRules(trx: Tx, orgId: string): Promise<void> {
  await trx.selectFrom('orgs').select('org_id').where('org_id', '=', orgId).forNoKeyUpdate().execute();
}

/** How many members the organisation has, and how many of them are owners. */
export async function countMembersAndOwners(trx: Tx, orgId: string): Promise<{ members: number; owners: number }> {
  const row = await trx
    .selectFrom('memberships')
    .select((eb) => [eb.fn.countAll<string>().as('members'), eb.fn.count<string>(eb.case().when('role', '=', 'owner').then(1).end()).as('owners')])
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  return { members: Number(row.members), owners: Number(row.owners) };
}
