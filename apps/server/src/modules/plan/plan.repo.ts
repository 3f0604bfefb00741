import type { PlanStep } from '@custodian/shared/contracts/plan.ts';
import { sql } from 'kysely';
import type { Tx } from '../../db/with-org.ts';

export interface PlanRow {
  target_stage2_on: string;
  version: number;
}

export async function findPlanRow(tx: Tx, orgId: string, options: { isLocked?: boolean } = {}): Promise<PlanRow | undefined> {
  const query = tx.selectFrom('plans').select(['target_stage2_on', 'version']).where('org_id', '=', orgId);
  return (options.isLocked ? query.forUpdate() : query).executeTakeFirst();
}

/** Inserts the organisation's plan; false when it already has one (two starts at once: one wins). */
export async function insertPlanRow(tx: Tx, row: { org_id: string; target_stage2_on: string; created_at: Date; created_by: string; updated_at: Date; updated_by: string }): Promise<boolean> {
  const inserted = await tx.insertInto('plans').values(row).onConflict((oc) => oc.column('org_id').doNothing()).returning('org_id').executeTakeFirst();
  return inserted !== undefined;
}

/** The versioned update: nothing when someone saved it since `version` was read. */
export async function updatePlanRow(tx: Tx, key: { orgId: string; version: number }, patch: { target_stage2_on: string; updated_at: Date; updated_by: string }): Promise<PlanRow | undefined> {
  return tx
    .updateTable('plans')
    .set({ ...patch, version: sql`version + 1` })
    .where('org_id', '=', key.orgId)
    .where('version', '=', key.version)
    .returning(['target_stage2_on', 'version'])
    .executeTakeFirst();
}

export interface MilestoneRow {
  id: string;
  step: PlanStep;
  title: string;
  owner_user_id: string | null;
  owner_name: string | null;
  due_on: string;
  completed_on: string | null;
  version: number;
}

function milestoneQuery(tx: Tx, orgId: string) {
  return tx
    .selectFrom('plan_milestones as m')
    .leftJoin('users as u', 'u.id', 'm.owner_user_id')
    .select(['m.id', 'm.step', 'm.title', 'm.owner_user_id', 'u.name as owner_name', 'm.due_on', 'm.completed_on', 'm.version'])
    .where('m.org_id', '=', orgId);
}

/** Every milestone of the plan, by due date (a plan has a handful, never a page's worth). */
export async function listMilestoneRows(tx: Tx, orgId: string): Promise<MilestoneRow[]> {
  return (await milestoneQuery(tx, orgId).orderBy('m.due_on').orderBy('m.id').execute()) as MilestoneRow[];
}

export async function findMilestoneRow(tx: Tx, orgId: string, id: string): Promise<MilestoneRow | undefined> {
  return (await milestoneQuery(tx, orgId).where('m.id', '=', id).executeTakeFirst()) as MilestoneRow | undefined;
}

export interface NewMilestone {
  org_id: string;
  id: string;
  step: PlanStep;
  title: string;
  owner_user_id: string | null;
  due_on: string;
  created_at: Date;
  created_by: string;
  updated_at: Date;
  updated_by: string;
}

export async function insertMilestoneRows(tx: Tx, rows: NewMilestone[]): Promise<void> {
  if (rows.length > 0) await tx.insertInto('plan_milestones').values(rows).execute();
}

export async function updateMilestoneRow(
  tx: Tx,
  key: { orgId: string; id: string; version: number },
  patch: { title?: string; owner_user_id?: string | null; due_on?: string; completed_on?: string | null; updated_at: Date; updated_by: string },
): Promise<boolean> {
  const updated = await tx
    .updateTable('plan_milestones')
    .set({ ...patch, version: sql`version + 1` })
    .where('org_id', '=', key.orgId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .returning('id')
    .executeTakeFirst();
  return updated !== undefined;
}

export async function deleteMilestoneRow(tx: Tx, orgId: string, id: string): Promise<boolean> {
  const deleted = await tx.deleteFrom('plan_milestones').where('org_id', '=', orgId).where('id', '=', id).returning('id').executeTakeFirst();
  return deleted !== undefined;
}

/** Whether a person is a member of the organisation (a milestone's owner must be). */
export async function isMember(tx: Tx, orgId: string, userId: string): Promise<boolean> {
  const row = await tx.selectFrom('memberships').select('user_id').where('org_id', '=', orgId).where('user_id', '=', userId).executeTakeFirst();
  return row !== undefined;
}

export interface ProjectionRow {
  recorded_on: string;
  steps_done: number;
  target_stage2_on: string;
  projected_on: string | null;
  pace_per_week: number | null;
  slip_days: number;
  overdue_titles: string[];
}

/** The recorded points from `since` on, oldest first (the pace's window and the last projection before today). */
export async function listProjectionRows(tx: Tx, orgId: string, since: string): Promise<ProjectionRow[]> {
  const rows = await tx
    .selectFrom('plan_projections')
    .select(['recorded_on', 'steps_done', 'target_stage2_on', 'projected_on', 'pace_per_week', 'slip_days', 'overdue_titles'])
    .where('org_id', '=', orgId)
    .where('recorded_on', '>=', since)
    .orderBy('recorded_on')
    .execute();
  return rows.map((row) => ({
    ...row,
    steps_done: Number(row.steps_done),
    pace_per_week: row.pace_per_week === null ? null : Number(row.pace_per_week),
    overdue_titles: parseTextArray(row.overdue_titles),
  }));
}

/** The latest point before `before` (any age): what "why it moved" compares with. */
export async function findLastProjectionBefore(tx: Tx, orgId: string, before: string): Promise<ProjectionRow | undefined> {
  const row = await tx
    .selectFrom('plan_projections')
    .select(['recorded_on', 'steps_done', 'target_stage2_on', 'projected_on', 'pace_per_week', 'slip_days', 'overdue_titles'])
    .where('org_id', '=', orgId)
    .where('recorded_on', '<', before)
    .orderBy('recorded_on', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...row, steps_done: Number(row.steps_done), pace_per_week: row.pace_per_week === null ? null : Number(row.pace_per_week), overdue_titles: parseTextArray(row.overdue_titles) };
}

/** Writes (or rewrites) the day's point. */
export async function upsertProjectionRow(tx: Tx, orgId: string, row: ProjectionRow & { recorded_at: Date }): Promise<void> {
  const values = {
    steps_done: String(row.steps_done),
    target_stage2_on: row.target_stage2_on,
    projected_on: row.projected_on,
    pace_per_week: row.pace_per_week === null ? null : String(row.pace_per_week),
    slip_days: row.slip_days,
    overdue_titles: row.overdue_titles,
    recorded_at: row.recorded_at,
  };
  await tx
    .insertInto('plan_projections')
    .values({ org_id: orgId, recorded_on: row.recorded_on, ...values })
    .onConflict((oc) => oc.columns(['org_id', 'recorded_on']).doUpdateSet(values))
    .execute();
}

/** Every open organisation with a plan, read across organisations by the read-only maintenance role. */
export async function listOrgsWithPlans(tx: Tx): Promise<Array<{ org_id: string }>> {
  const result = await sql<{ org_id: string }>`select p.org_id from plans p join orgs o on o.org_id = p.org_id where o.closed_at is null order by p.org_id`.execute(tx);
  return result.rows;
}

/** A text[] as either driver returns it (pg parses it; a literal "{a,b}" otherwise). */
function parseTextArray(value: unknown): string[] {
  if (Array.isArray(value)) return value as string[];
  if (typeof value === 'string' && value !== '{}') return value.replace(/^\{|\}$/g, '').split(',').map((s) => s.replace(/^"|"$/g, '').replace(/\\"/g, '"'));
  return [];
}
