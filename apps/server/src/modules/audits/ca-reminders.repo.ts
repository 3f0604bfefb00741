import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { withMaintenance, type Tx } from '../../db/with-org.ts';

/**
 * Organisations with an open corrective action, owned by someone, due before `pastIn` (UTC's today + 1:
 * the latest due day that is past in some time zone), not yet reminded for that due day. Read across
 * organisations by the read-only maintenance role; each is then handled in its own scoped transaction.
 */
export async function findOrgsWithOverdueActions(db: Kysely<DB>, pastIn: string, limit: number): Promise<string[]> {
  return withMaintenance(db, async (tx) => {
    const rows = await tx
      .selectFrom('corrective_actions as c')
      .select('c.org_id')
      .distinct()
      .where('c.completed_on', 'is', null)
      .where('c.due_on', '<', pastIn)
      .where('c.owner_user_id', 'is not', null)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('corrective_action_reminders as r').select('r.action_id').whereRef('r.org_id', '=', 'c.org_id').whereRef('r.action_id', '=', 'c.id').whereRef('r.due_on', '=', 'c.due_on'))),
      )
      .limit(limit)
      .execute();
    return rows.map((row) => row.org_id);
  });
}

/** The organisation's open actions past due (before its today), owner still a member, not yet reminded for the due day. */
export async function listOverdueActions(tx: Tx, orgId: string, today: string) {
  return tx
    .selectFrom('corrective_actions as c')
    .innerJoin('nonconformities as n', (join) => join.onRef('n.org_id', '=', 'c.org_id').onRef('n.id', '=', 'c.nonconformity_id'))
    .innerJoin('memberships as m', (join) => join.onRef('m.org_id', '=', 'c.org_id').onRef('m.user_id', '=', 'c.owner_user_id'))
    .innerJoin('users as u', 'u.id', 'c.owner_user_id')
    .select(['c.id', 'c.description', 'c.due_on', 'c.owner_user_id', 'c.nonconformity_id', 'n.number', 'n.title', 'u.name as owner_name', 'u.email as owner_email'])
    .where('c.org_id', '=', orgId)
    .where('c.completed_on', 'is', null)
    .where('c.due_on', '<', today)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('corrective_action_reminders as r').select('r.action_id').whereRef('r.org_id', '=', 'c.org_id').whereRef('r.action_id', '=', 'c.id').whereRef('r.due_on', '=', 'c.due_on'))),
    )
    .orderBy('c.due_on')
    .orderBy('c.id')
    .execute();
}

/** Claims the reminder of an action's due day; false when another run sent it already. */
export async function claimActionReminder(tx: Tx, row: { org_id: string; action_id: string; due_on: string; sent_to: string; sent_at: Date }): Promise<boolean> {
  const claimed = await tx
    .insertInto('corrective_action_reminders')
    .values(row)
    .onConflict((oc) => oc.columns(['org_id', 'action_id', 'due_on']).doNothing())
    .returning(sql<number>`1`.as('one'))
    .executeTakeFirst();
  return claimed !== undefined;
}

