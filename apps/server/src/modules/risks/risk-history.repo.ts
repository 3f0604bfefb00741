import type { Tx } from '../../db/with-org.ts';

/** The re-scores of one risk with the method change that caused each (when, by whom, why), oldest first. */
export async function listRiskRescores(tx: Tx, orgId: string, riskId: string) {
  return tx
    .selectFrom('risk_rescores as r')
    .innerJoin('risk_methods as m', (join) => join.onRef('m.org_id', '=', 'r.org_id').onRef('m.version', '=', 'r.to_version'))
    .leftJoin('users as u', 'u.id', 'm.created_by')
    .leftJoin('former_members as f', (join) => join.onRef('f.org_id', '=', 'm.org_id').onRef('f.user_id', '=', 'm.created_by'))
    .select((eb) => ['r.from_version', 'r.to_version', 'r.before', 'r.after', 'm.created_at', 'm.change_note', eb.fn.coalesce('f.name', 'u.name').as('by_name')])
    .where('r.org_id', '=', orgId)
    .where('r.risk_id', '=', riskId)
    .orderBy('r.to_version')
    .execute();
}
