import type { Insertable } from 'kysely';
import type { RiskTasksTable } from '../../db/schema.ts';
import type { Tx } from '../../db/with-org.ts';

function taskQuery(tx: Tx, orgId: string) {
  return tx
    .selectFrom('risk_tasks as t')
    .leftJoin('users as u', 'u.id', 't.owner_user_id')
    .leftJoin('former_members as f', (join) => join.onRef('f.org_id', '=', 't.org_id').onRef('f.user_id', '=', 't.owner_user_id'))
    .selectAll('t')
    .select((eb) => eb.fn.coalesce('f.name', 'u.name').as('owner_name'))
    .where('t.org_id', '=', orgId);
}

export type TaskRow = Awaited<ReturnType<ReturnType<typeof taskQuery>['executeTakeFirstOrThrow']>>;

/** The risk's tasks in the order they were added. */
export async function listTaskRows(tx: Tx, orgId: string, riskId: string): Promise<TaskRow[]> {
  return taskQuery(tx, orgId).where('t.risk_id', '=', riskId).orderBy('t.created_at').orderBy('t.id').execute();
}

export async function findTaskRow(tx: Tx, orgId: string, riskId: string, id: string): Promise<TaskRow | undefined> {
  return taskQuery(tx, orgId).where('t.risk_id', '=', riskId).where('t.id', '=', id).executeTakeFirst();
}

export async function insertTaskRow(tx: Tx, row: Insertable<RiskTasksTable>): Promise<void> {
  await tx.insertInto('risk_tasks').values(row).execute();
}

/** Saves changes if the task is still at the version the editor read; returns false otherwise. */
export async function updateTaskRow(
  tx: Tx,
  key: { orgId: string; id: string; version: number },
  patch: { title?: string; owner_user_id?: string | null; due_on?: string | null; status?: string; control_ids?: string[]; notes?: string; updated_at: Date; updated_by: string },
): Promise<boolean> {
  const saved = await tx
    .updateTable('risk_tasks')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('org_id', '=', key.orgId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .returning('id')
    .executeTakeFirst();
  return saved !== undefined;
}

export async function deleteTaskRow(tx: Tx, orgId: string, id: string): Promise<boolean> {
  const result = await tx.deleteFrom('risk_tasks').where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
