import type { Tx } from '../../db/with-org.ts';

function ncQuery(tx: Tx, orgId: string) {
  return tx
    .selectFrom('nonconformities as n')
    .selectAll('n')
    .select((eb) => [
      eb.selectFrom('corrective_actions as c').whereRef('c.org_id', '=', 'n.org_id').whereRef('c.nonconformity_id', '=', 'n.id').select((c) => c.fn.countAll<string>().as('x')).as('action_count'),
      eb.selectFrom('corrective_actions as c').whereRef('c.org_id', '=', 'n.org_id').whereRef('c.nonconformity_id', '=', 'n.id').where('c.completed_on', 'is', null).select((c) => c.fn.min('c.due_on').as('x')).as('earliest_open_due'),
    ])
    .where('n.org_id', '=', orgId);
}
export type NcRow = Awaited<ReturnType<ReturnType<typeof ncQuery>['executeTakeFirstOrThrow']>>;

/** Every nonconformity of the organisation (a register of tens to hundreds: filtered and paged in memory). */
export async function listNcRows(tx: Tx, orgId: string): Promise<NcRow[]> {
  return ncQuery(tx, orgId).orderBy('n.number').execute();
}

export async function findNcRow(tx: Tx, orgId: string, id: string, lock = false): Promise<NcRow | undefined> {
  if (lock) await tx.selectFrom('nonconformities').select('id').where('org_id', '=', orgId).where('id', '=', id).forUpdate().executeTakeFirst();
  return ncQuery(tx, orgId).where('n.id', '=', id).executeTakeFirst();
}

/** The next NC number; the caller holds the organisation's lock, so two new records never share one. */
export async function nextNcNumber(tx: Tx, orgId: string): Promise<number> {
  const row = await tx.selectFrom('nonconformities').select((eb) => eb.fn.max('number').as('top')).where('org_id', '=', orgId).executeTakeFirst();
  return Number(row?.top ?? 0) + 1;
}

export interface NcValues {
  source: string;
  severity: string;
  audit_id: string | null;
  title: string;
  description: string;
  correction: string;
  root_cause: string;
  evidence_ref: string;
  raised_on: string;
  status: string;
  review_due_on: string | null;
  closed_on: string | null;
}

export async function insertNcRow(tx: Tx, key: { orgId: string; id: string; number: number }, values: NcValues, meta: { at: Date; by: string | null }): Promise<void> {
  await tx
    .insertInto('nonconformities')
    .values({ org_id: key.orgId, id: key.id, number: key.number, ...values, created_at: meta.at, created_by: meta.by, updated_at: meta.at, updated_by: meta.by })
    .execute();
}

export async function updateNcRow(tx: Tx, key: { orgId: string; id: string; version: number }, values: Partial<NcValues>, meta: { at: Date; by: string }): Promise<boolean> {
  const result = await tx
    .updateTable('nonconformities')
    .set((eb) => ({ ...values, updated_at: meta.at, updated_by: meta.by, version: eb('version', '+', 1) }))
    .where('org_id', '=', key.orgId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

// Corrective actions

export async function listActionRows(tx: Tx, orgId: string, ncId?: string) {
  let query = tx
    .selectFrom('corrective_actions as c')
    .leftJoin('users as u', 'u.id', 'c.owner_user_id')
    .innerJoin('nonconformities as n', (join) => join.onRef('n.org_id', '=', 'c.org_id').onRef('n.id', '=', 'c.nonconformity_id'))
    .selectAll('c')
    .select(['u.name as owner_name', 'n.number as nc_number', 'n.title as nc_title'])
    .where('c.org_id', '=', orgId);
  if (ncId) query = query.where('c.nonconformity_id', '=', ncId);
  return query.orderBy('c.created_at').orderBy('c.id').execute();
}
export type ActionRow = Awaited<ReturnType<typeof listActionRows>>[number];

export async function insertActionRow(
  tx: Tx,
  row: { org_id: string; id: string; nonconformity_id: string; description: string; owner_user_id: string | null; due_on: string; created_at: Date; created_by: string; updated_at: Date; updated_by: string },
): Promise<void> {
  await tx.insertInto('corrective_actions').values(row).execute();
}

export async function updateActionRow(
  tx: Tx,
  key: { orgId: string; id: string; version: number },
  values: { description?: string; owner_user_id?: string | null; due_on?: string; completed_on?: string | null },
  meta: { at: Date; by: string },
): Promise<boolean> {
  const result = await tx
    .updateTable('corrective_actions')
    .set((eb) => ({ ...values, updated_at: meta.at, updated_by: meta.by, version: eb('version', '+', 1) }))
    .where('org_id', '=', key.orgId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

// Effectiveness reviews

export async function listReviewRows(tx: Tx, orgId: string, ncId?: string) {
  let query = tx
    .selectFrom('effectiveness_reviews as r')
    .leftJoin('users as u', 'u.id', 'r.reviewer_user_id')
    .selectAll('r')
    .select('u.name as reviewer_name')
    .where('r.org_id', '=', orgId);
  if (ncId) query = query.where('r.nonconformity_id', '=', ncId);
  return query.orderBy('r.created_at').orderBy('r.id').execute();
}
export type ReviewRow = Awaited<ReturnType<typeof listReviewRows>>[number];

export async function insertReviewRow(
  tx: Tx,
  row: { org_id: string; id: string; nonconformity_id: string; reviewer_user_id: string; reviewed_on: string; is_effective: boolean; notes: string; created_at: Date },
): Promise<void> {
  await tx.insertInto('effectiveness_reviews').values(row).execute();
}
