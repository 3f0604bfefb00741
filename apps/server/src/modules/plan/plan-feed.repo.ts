import type { Role } from '@custodian/shared/permissions.ts';
import { sql } from 'kysely';
import type { OrgInfo } from '../../core/auth-state.ts';
import type { Tx } from '../../db/with-org.ts';

/** The organisation as a context needs it (name, time zone), in a transaction already scoped to it. */
export async function findOrgInfo(tx: Tx, orgId: string): Promise<OrgInfo | undefined> {
  const row = await tx.selectFrom('orgs').select(['org_id', 'name', 'time_zone', 'is_demo', 'is_mfa_required']).where('org_id', '=', orgId).where('closed_at', 'is', null).executeTakeFirst();
  return row ? { id: row.org_id, name: row.name, timeZone: row.time_zone, isDemo: row.is_demo, isMfaRequired: row.is_mfa_required } : undefined;
}

export async function findCalendarFeed(tx: Tx, orgId: string, userId: string): Promise<{ created_at: Date | string; hint: string } | undefined> {
  return tx.selectFrom('calendar_feeds').select(['created_at', 'hint']).where('org_id', '=', orgId).where('user_id', '=', userId).executeTakeFirst();
}

/** Sets the person's feed secret (its hash), replacing any earlier one. */
export async function upsertCalendarFeed(tx: Tx, row: { org_id: string; user_id: string; token_hash: string; hint: string; created_at: Date }): Promise<void> {
  await tx
    .insertInto('calendar_feeds')
    .values(row)
    .onConflict((oc) => oc.columns(['org_id', 'user_id']).doUpdateSet({ token_hash: row.token_hash, hint: row.hint, created_at: row.created_at }))
    .execute();
}

export async function deleteCalendarFeed(tx: Tx, orgId: string, userId: string): Promise<boolean> {
  const deleted = await tx.deleteFrom('calendar_feeds').where('org_id', '=', orgId).where('user_id', '=', userId).returning('user_id').executeTakeFirst();
  return deleted !== undefined;
}

export interface ResolvedFeed {
  org_id: string;
  user_id: string;
  member_role: Role;
  org_name: string;
  time_zone: string;
  is_demo: boolean;
}

/** Whose feed a secret's hash is (and sets the transaction's scope to them), or nothing (unknown, revoked, left). */
export async function resolveCalendarFeed(tx: Tx, tokenHash: string): Promise<ResolvedFeed | undefined> {
  const result = await sql<ResolvedFeed>`select * from custodian_resolve_calendar_feed(${tokenHash})`.execute(tx);
  return result.rows[0];
}

/** Names and addresses of the organisation's members, by user id (the feed's descriptions and the reminders' recipients). */
export async function listMemberContacts(tx: Tx, orgId: string): Promise<Map<string, { name: string; email: string }>> {
  const rows = await tx
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.name', 'u.email'])
    .where('m.org_id', '=', orgId)
    .execute();
  return new Map(rows.map((row) => [row.id, { name: row.name, email: row.email }]));
}

export type ReminderStage = 'due_soon' | 'overdue';

/** The reminders already sent for these obligations (key → stages sent for that due date). */
export async function listSentReminders(tx: Tx, orgId: string): Promise<Set<string>> {
  const rows = await tx.selectFrom('obligation_reminders').select(['obligation_key', 'due_on', 'stage']).where('org_id', '=', orgId).execute();
  return new Set(rows.map((row) => `${row.obligation_key}|${row.due_on}|${row.stage}`));
}

/** Claims one reminder; false when another run sent it first (the primary key refuses the second). */
export async function claimReminder(tx: Tx, row: { org_id: string; obligation_key: string; due_on: string; stage: ReminderStage; sent_to: string; sent_at: Date }): Promise<boolean> {
  const claimed = await tx
    .insertInto('obligation_reminders')
    .values(row)
    .onConflict((oc) => oc.columns(['org_id', 'obligation_key', 'due_on', 'stage']).doNothing())
    .returning(sql<number>`1`.as('one'))
    .executeTakeFirst();
  return claimed !== undefined;
}

/** Every open organisation (except the platform's), read across organisations by the read-only maintenance role. */
export async function listOpenOrgs(tx: Tx): Promise<string[]> {
  const result = await sql<{ org_id: string }>`select o.org_id from orgs o where o.kind <> 'platform' and o.closed_at is null order by o.org_id`.execute(tx);
  return result.rows.map((row) => row.org_id);
}
