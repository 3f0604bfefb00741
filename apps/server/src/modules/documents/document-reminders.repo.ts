import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { withMaintenance, type Tx } from '../../db/with-org.ts';

/** Organisations with an approved document (each has a review date and may have acknowledgements outstanding), read by the maintenance role. */
export async function findOrgsWithApprovedDocuments(db: Kysely<DB>, limit: number): Promise<string[]> {
  return withMaintenance(db, async (tx) => {
    const rows = await tx.selectFrom('documents').select('org_id').distinct().where('next_review_on', 'is not', null).limit(limit).execute();
    return rows.map((row) => row.org_id);
  });
}

/** Approved documents whose review falls by `dueBy`, with their owner (still a member) and whether this date's reminder went out. */
export async function listDueReviews(tx: Tx, orgId: string, dueBy: string) {
  return tx
    .selectFrom('documents as d')
    .innerJoin('memberships as m', (join) => join.onRef('m.org_id', '=', 'd.org_id').onRef('m.user_id', '=', 'd.owner_user_id'))
    .innerJoin('users as u', 'u.id', 'd.owner_user_id')
    .select(['d.id', 'd.name', 'd.next_review_on', 'd.owner_user_id', 'u.name as owner_name', 'u.email as owner_email'])
    .where('d.org_id', '=', orgId)
    .where('d.next_review_on', '<=', dueBy)
    .orderBy('d.next_review_on')
    .execute();
}

/** Claims one reminder; false when it was sent already (another run got there first). */
export async function claimDocumentReminder(tx: Tx, row: { org_id: string; document_id: string; reminder_key: string; user_id: string; sent_at: Date }): Promise<boolean> {
  const claimed = await tx
    .insertInto('document_reminders')
    .values(row)
    .onConflict((oc) => oc.columns(['org_id', 'document_id', 'reminder_key', 'user_id']).doNothing())
    .returning('user_id')
    .executeTakeFirst();
  return claimed !== undefined;
}

