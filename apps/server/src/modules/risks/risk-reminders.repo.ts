import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { withMaintenance, type Tx } from '../../db/with-org.ts';

/**
 * Organisations with a risk whose review falls by `horizon` (a day later than any organisation's own
 * "today + 7 days", so every time zone is covered) and no reminder yet for that review date: read
 * across organisations by the read-only maintenance role; each organisation is then handled in its own
 * scoped transaction, which decides with its own time zone.
 */
export async function findOrgsWithDueReviews(db: Kysely<DB>, horizon: string, limit: number): Promise<string[]> {
  return withMaintenance(db, async (tx) => {
    const rows = await tx
      .selectFrom('risks as r')
      .select('r.org_id')
      .distinct()
      .where('r.next_review_on', '<=', horizon)
      .where('r.status', '<>', 'closed')
      .where('r.owner_user_id', 'is not', null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('risk_review_reminders as s')
              .select('s.risk_id')
              .whereRef('s.org_id', '=', 'r.org_id')
              .whereRef('s.risk_id', '=', 'r.id')
              .whereRef('s.review_on', '=', 'r.next_review_on'),
          ),
        ),
      )
      .limit(limit)
      .execute();
    return rows.map((row) => row.org_id);
  });
}

export interface DueReview {
  id: string;
  ref: string;
  title: string;
  next_review_on: string;
  owner_user_id: string;
  owner_name: string;
  owner_email: string;
}

/** The organisation's risks due for review by `dueBy` (its own today + 7) with no reminder yet for that date. */
export async function listDueReviews(tx: Tx, orgId: string, dueBy: string): Promise<DueReview[]> {
  const rows = await tx
    .selectFrom('risks as r')
    .innerJoin('memberships as m', (join) => join.onRef('m.org_id', '=', 'r.org_id').onRef('m.user_id', '=', 'r.owner_user_id'))
    .innerJoin('users as u', 'u.id', 'r.owner_user_id')
    .select(['r.id', 'r.ref', 'r.title', 'r.next_review_on', 'r.owner_user_id', 'u.name as owner_name', 'u.email as owner_email'])
    .where('r.org_id', '=', orgId)
    .where('r.next_review_on', '<=', dueBy)
    .where('r.status', '<>', 'closed')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('risk_review_reminders as s')
            .select('s.risk_id')
            .whereRef('s.org_id', '=', 'r.org_id')
            .whereRef('s.risk_id', '=', 'r.id')
            .whereRef('s.review_on', '=', 'r.next_review_on'),
        ),
      ),
    )
    .orderBy('r.next_review_on')
    .orderBy('r.ref')
    .execute();
  return rows as DueReview[];
}

/** Claims the reminder of a risk's review date; false when it was sent already (another run got there first). */
export async function claimReminder(tx: Tx, row: { org_id: string; risk_id: string; review_on: string; sent_to: string; sent_at: Date }): Promise<boolean> {
  const claimed = await tx
    .insertInto('risk_review_reminders')
    .values(row)
    .onConflict((oc) => oc.columns(['org_id', 'risk_id', 'review_on']).doNothing())
    .returning(sql<number>`1`.as('one'))
    .executeTakeFirst();
  return claimed !== undefined;
}

