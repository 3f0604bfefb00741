import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { withMaintenance, type Tx } from '../../db/with-org.ts';

export interface MemberRow {
  user_id: string;
  name: string;
  email: string;
  role: string;
  joined_at: Date | string;
  team_id: string | null;
  team_since: string | null;
}

/** The organisation's members with their role, when they joined and their team. */
export async function listMemberRows(tx: Tx, orgId: string): Promise<MemberRow[]> {
  return tx
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .leftJoin('training_team_members as tm', (join) => join.onRef('tm.org_id', '=', 'm.org_id').onRef('tm.user_id', '=', 'm.user_id'))
    .select(['m.user_id', 'u.name', 'u.email', 'm.role', 'm.created_at as joined_at', 'tm.team_id', 'tm.since as team_since'])
    .where('m.org_id', '=', orgId)
    .orderBy('u.name')
    .orderBy('m.user_id')
    .execute();
}

export async function findMemberRow(tx: Tx, orgId: string, userId: string): Promise<MemberRow | undefined> {
  return (await listMemberRows(tx, orgId)).find((row) => row.user_id === userId);
}

export async function listTeamRows(tx: Tx, orgId: string): Promise<Array<{ id: string; name: string }>> {
  return tx.selectFrom('training_teams').select(['id', 'name']).where('org_id', '=', orgId).orderBy('name').orderBy('id').execute();
}

export async function findTeamRow(tx: Tx, orgId: string, id: string, lock = false): Promise<{ id: string; name: string } | undefined> {
  let query = tx.selectFrom('training_teams').select(['id', 'name']).where('org_id', '=', orgId).where('id', '=', id);
  if (lock) query = query.forShare();
  return query.executeTakeFirst();
}

/** Adds a team; false when the organisation has a team of that name (in any case). */
export async function insertTeamRow(tx: Tx, row: { org_id: string; id: string; name: string; created_at: Date; created_by: string }): Promise<boolean> {
  const inserted = await tx
    .insertInto('training_teams')
    .values(row)
    .onConflict((oc) => oc.expression(sql`org_id, lower(name)`).doNothing())
    .returning(sql<number>`1`.as('one'))
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Puts a member in a team (moving them from any other) from `since`, or takes them out (team null). */
export async function setTeamMemberRow(tx: Tx, row: { org_id: string; user_id: string; team_id: string | null; since: string }): Promise<void> {
  const teamId = row.team_id;
  if (teamId === null) {
    await tx.deleteFrom('training_team_members').where('org_id', '=', row.org_id).where('user_id', '=', row.user_id).execute();
    return;
  }
  await tx
    .insertInto('training_team_members')
    .values({ ...row, team_id: teamId })
    .onConflict((oc) => oc.columns(['org_id', 'user_id']).doUpdateSet({ team_id: teamId, since: row.since }))
    .execute();
}

/** Each person's latest completion of each item. */
export async function listLatestCompletionRows(tx: Tx, orgId: string): Promise<Array<{ item_id: string; user_id: string; completed_on: string }>> {
  return tx
    .selectFrom('training_completions')
    .select(['item_id', 'user_id', (eb) => eb.fn.max('completed_on').as('completed_on')])
    .where('org_id', '=', orgId)
    .groupBy(['item_id', 'user_id'])
    .execute() as Promise<Array<{ item_id: string; user_id: string; completed_on: string }>>;
}

export interface CompletionRow {
  id: string;
  item_id: string;
  user_id: string;
  completed_on: string;
  for_due_on: string;
  evidence_note: string;
  recorded_by_name: string | null;
  person_name: string | null;
}

function completionQuery(tx: Tx, orgId: string) {
  return tx
    .selectFrom('training_completions as c')
    .leftJoin('users as r', 'r.id', 'c.recorded_by')
    .leftJoin('users as p', 'p.id', 'c.user_id')
    .select(['c.id', 'c.item_id', 'c.user_id', 'c.completed_on', 'c.for_due_on', 'c.evidence_note', 'r.name as recorded_by_name', 'p.name as person_name'])
    .where('c.org_id', '=', orgId);
}

/** The completions of one item (or every item), latest first. */
export async function listCompletionRows(tx: Tx, orgId: string, itemId?: string): Promise<CompletionRow[]> {
  let query = completionQuery(tx, orgId);
  if (itemId) query = query.where('c.item_id', '=', itemId);
  return query.orderBy('c.completed_on', 'desc').orderBy('c.id').execute();
}

/** Records a completion of the due date it meets; nothing when that due date already has one (two at once record one). */
export async function insertCompletionRow(
  tx: Tx,
  row: { org_id: string; id: string; item_id: string; user_id: string; completed_on: string; for_due_on: string; evidence_note: string; recorded_by: string; recorded_at: Date },
): Promise<CompletionRow | undefined> {
  const inserted = await tx
    .insertInto('training_completions')
    .values(row)
    .onConflict((oc) => oc.columns(['org_id', 'item_id', 'user_id', 'for_due_on']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted ? completionQuery(tx, row.org_id).where('c.id', '=', inserted.id).executeTakeFirst() : undefined;
}

/** Organisations with at least one training assignment: read across organisations by the read-only maintenance role. */
export async function findOrgsWithTraining(db: Kysely<DB>, limit: number): Promise<string[]> {
  return withMaintenance(db, async (tx) => (await tx.selectFrom('training_assignments').select('org_id').distinct().limit(limit).execute()).map((row) => row.org_id));
}

/** The reminders already sent in an organisation, as "item|user|due|stage". */
export async function listSentReminderKeys(tx: Tx, orgId: string): Promise<Set<string>> {
  const rows = await tx.selectFrom('training_reminders').select(['item_id', 'user_id', 'due_on', 'stage']).where('org_id', '=', orgId).execute();
  return new Set(rows.map((row) => `${row.item_id}|${row.user_id}|${row.due_on}|${row.stage}`));
}

/** Claims one reminder; false when another run sent it already. */
export async function claimTrainingReminder(tx: Tx, row: { org_id: string; item_id: string; user_id: string; due_on: string; stage: 'due' | 'overdue'; sent_at: Date }): Promise<boolean> {
  const claimed = await tx
    .insertInto('training_reminders')
    .values(row)
    .onConflict((oc) => oc.columns(['org_id', 'item_id', 'user_id', 'due_on', 'stage']).doNothing())
    .returning(sql<number>`1`.as('one'))
    .executeTakeFirst();
  return claimed !== undefined;
}

