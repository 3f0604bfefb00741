import type { Tx } from '../../db/with-org.ts';

export interface GapEntryRow {
  item_id: string;
  status: string;
  owner_user_id: string | null;
  owner_name: string | null;
  target_date: string | null;
  notes: string;
  justification: string;
  updated_at: Date;
}

function entryQuery(trx: Tx, orgId: string) {
  return trx
    .selectFrom('gap_entries')
    .leftJoin('users', 'users.id', 'gap_entries.owner_user_id')
    .select([
      'gap_entries.item_id',
      'gap_entries.status',
      'gap_entries.owner_user_id',
      'users.name as owner_name',
      'gap_entries.target_date',
      'gap_entries.notes',
      'gap_entries.justification',
      'gap_entries.updated_at',
    ])
    .where('gap_entries.org_id', '=', orgId);
}

/** Every recorded entry of the organisation (at most one per catalogue item, so ~150 rows). */
export async function listEntries(trx: Tx, orgId: string): Promise<GapEntryRow[]> {
  return entryQuery(trx, orgId).execute();
}

export async function findEntry(trx: Tx, orgId: string, itemId: string): Promise<GapEntryRow | undefined> {
  return entryQuery(trx, orgId).where('gap_entries.item_id', '=', itemId).executeTakeFirst();
}

export async function upsertEntry(
  trx: Tx,
  row: { org_id: string; item_id: string; status: string; owner_user_id: string | null; target_date: string | null; notes: string; justification: string; updated_at: Date; updated_by: string | null },
): Promise<void> {
  await trx
    .insertInto('gap_entries')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['org_id', 'item_id']).doUpdateSet({
        status: row.status,
        owner_user_id: row.owner_user_id,
        target_date: row.target_date,
        notes: row.notes,
        justification: row.justification,
        updated_at: row.updated_at,
        updated_by: row.updated_by,
      }),
    )
    .execute();
}
