import type { Tx } from '../../db/with-org.ts';

function acceptanceQuery(tx: Tx, orgId: string) {
  return tx
    .selectFrom('risk_acceptances as a')
    .leftJoin('users as u', 'u.id', 'a.accepted_by')
    .leftJoin('former_members as f', (join) => join.onRef('f.org_id', '=', 'a.org_id').onRef('f.user_id', '=', 'a.accepted_by'))
    .select((eb) => [
      'a.id',
      'a.risk_id',
      'a.accepted_by',
      'a.accepted_at',
      'a.method_version',
      'a.likelihood',
      'a.impact',
      'a.level',
      'a.note',
      'a.withdrawn_at',
      'a.withdrawn_reason',
      eb.fn.coalesce('f.name', 'u.name').as('accepted_by_name'),
    ])
    .where('a.org_id', '=', orgId);
}

export type AcceptanceRow = Awaited<ReturnType<ReturnType<typeof acceptanceQuery>['executeTakeFirstOrThrow']>>;

/** Every acceptance of a risk, newest first (standing and withdrawn). */
export async function listAcceptances(tx: Tx, orgId: string, riskId: string): Promise<AcceptanceRow[]> {
  return acceptanceQuery(tx, orgId).where('a.risk_id', '=', riskId).orderBy('a.accepted_at', 'desc').orderBy('a.id', 'desc').execute();
}

/**
 * Records an acceptance unless one already stands for the risk (the partial unique index decides
 * between two at once); returns false when one stands.
 */
export async function insertAcceptance(
  tx: Tx,
  row: { org_id: string; id: string; risk_id: string; accepted_by: string; accepted_at: Date; method_version: number; likelihood: number; impact: number; level: string; note: string },
): Promise<boolean> {
  const inserted = await tx
    .insertInto('risk_acceptances')
    .values(row)
    .onConflict((oc) => oc.columns(['org_id', 'risk_id']).where('withdrawn_at', 'is', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Withdraws the standing acceptance of each risk given; returns the withdrawn rows. */
export async function withdrawAcceptances(tx: Tx, orgId: string, riskIds: readonly string[], meta: { at: Date; reason: string }) {
  if (riskIds.length === 0) return [];
  return tx
    .updateTable('risk_acceptances')
    .set({ withdrawn_at: meta.at, withdrawn_reason: meta.reason })
    .where('org_id', '=', orgId)
    .where('risk_id', 'in', riskIds)
    .where('withdrawn_at', 'is', null)
    .returning(['id', 'risk_id', 'level'])
    .execute();
}
