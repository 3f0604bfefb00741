import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { withMaintenance, type Tx } from '../../db/with-org.ts';

export type ReminderThreshold = 'expiring' | 'expired';

/**
 * Organisations with an owned evidence item whose valid-until date falls by `horizon` (a day later
 * than any organisation's own "today + 30 days", so every time zone is covered) and a reminder not yet
 * sent for it (`mayHaveExpired`: the latest date that is past in some time zone, UTC's today + 1): read across organisations by the read-only maintenance role (the date index); each
 * organisation is then handled in its own scoped transaction, which decides with its own time zone.
 */
export async function findOrgsWithDueEvidence(db: Kysely<DB>, days: { horizon: string; mayHaveExpired: string }, limit: number): Promise<string[]> {
  return withMaintenance(db, async (tx) => {
    const rows = await tx
      .selectFrom('evidence_items as e')
      .select('e.org_id')
      .distinct()
      .where('e.valid_until', 'is not', null)
      .where('e.valid_until', '<=', days.horizon)
      .where('e.owner_user_id', 'is not', null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('evidence_reminders as s')
              .select('s.evidence_id')
              .whereRef('s.org_id', '=', 'e.org_id')
              .whereRef('s.evidence_id', '=', 'e.id')
              .whereRef('s.valid_until', '=', 'e.valid_until')
              .where('s.threshold', '=', 'expired'),
          ),
        ),
      )
      // An item already reminded of as expiring waits until it may have expired somewhere.
      .where(({ or, not, exists, selectFrom, eb }) =>
        or([
          not(
            exists(
              selectFrom('evidence_reminders as s')
                .select('s.evidence_id')
                .whereRef('s.org_id', '=', 'e.org_id')
                .whereRef('s.evidence_id', '=', 'e.id')
                .whereRef('s.valid_until', '=', 'e.valid_until')
                .where('s.threshold', '=', 'expiring'),
            ),
          ),
          eb('e.valid_until', '<=', days.mayHaveExpired),
        ]),
      )
      .limit(limit)
      .execute();
    return rows.map((row) => row.org_id);
  });
}

export interface DueEvidence {
  id: string;
  title: string;
  valid_until: string;
  owner_user_id: string;
  owner_name: string;
  owner_email: string;
  /** The reminders already sent for this date. */
  sent: ReminderThreshold[];
}

/** The organisation's owned items whose date falls by `dueBy` (its today + 30), owner still a member, with the reminders sent for that date. */
export async function listDueEvidence(tx: Tx, orgId: string, dueBy: string): Promise<DueEvidence[]> {
  const rows = await tx
    .selectFrom('evidence_items as e')
    .innerJoin('memberships as m', (join) => join.onRef('m.org_id', '=', 'e.org_id').onRef('m.user_id', '=', 'e.owner_user_id'))
    .innerJoin('users as u', 'u.id', 'e.owner_user_id')
    .select((eb) => [
      'e.id',
      'e.title',
      'e.valid_until',
      'e.owner_user_id',
      'u.name as owner_name',
      'u.email as owner_email',
      eb
        .selectFrom('evidence_reminders as s')
        .select(sql<ReminderThreshold[]>`coalesce(array_agg(s.threshold), '{}')`.as('sent'))
        .whereRef('s.org_id', '=', 'e.org_id')
        .whereRef('s.evidence_id', '=', 'e.id')
        .whereRef('s.valid_until', '=', 'e.valid_until')
        .as('sent'),
    ])
    .where('e.org_id', '=', orgId)
    .where('e.valid_until', '<=', dueBy)
    .orderBy('e.valid_until')
    .orderBy('e.id')
    .execute();
  return rows.map((row) => ({ ...row, sent: parseTextArray(row.sent) })) as DueEvidence[];
}

/** A text[] as either driver returns it (pg parses it; a literal "{a,b}" otherwise). */
function parseTextArray(value: unknown): ReminderThreshold[] {
  if (Array.isArray(value)) return value as ReminderThreshold[];
  if (typeof value === 'string') return value.replace(/^\{|\}$/g, '').split(',').filter(Boolean) as ReminderThreshold[];
  return [];
}

/** Claims one reminder of an item's date; false when it was sent already (another run got there first). */
export async function claimEvidenceReminder(
  tx: Tx,
  row: { org_id: string; evidence_id: string; valid_until: string; threshold: ReminderThreshold; sent_to: string; sent_at: Date },
): Promise<boolean> {
  const claimed = await tx
    .insertInto('evidence_reminders')
    .values(row)
    .onConflict((oc) => oc.columns(['org_id', 'evidence_id', 'valid_until', 'threshold']).doNothing())
    .returning(sql<number>`1`.as('one'))
    .executeTakeFirst();
  return claimed !== undefined;
}

