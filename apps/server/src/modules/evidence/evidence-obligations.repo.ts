import type { Tx } from '../../db/with-org.ts';

/** Every evidence item of the organisation with a valid-until date. */
export async function listEvidenceValidUntil(tx: Tx, orgId: string): Promise<Array<{ id: string; title: string; owner_user_id: string | null; valid_until: string }>> {
  return tx
    .selectFrom('evidence_items')
    .select(['id', 'title', 'owner_user_id', 'valid_until'])
    .where('org_id', '=', orgId)
    .where('valid_until', 'is not', null)
    .orderBy('valid_until')
    .orderBy('id')
    .execute() as Promise<Array<{ id: string; title: string; owner_user_id: string | null; valid_until: string }>>;
}
