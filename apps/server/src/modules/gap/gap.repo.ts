import type { Tx } from '../../db/with-org.ts';

export interface GapEntryRow {
  item_id: string;
  status: string;
  owner_user_id: string | null;
  owner_name: string | null;
  target_date: string | null;
  notes: string;
  justification: string;
  reasons: string[];
  implementation: string;
  no_evidence_reason: string;
  updated_at: Date;
  version: number;
}

/** What an edit writes: every field of the entry (the controls register's fields carried as read when the gap analysis edits). */
export interface GapEntryValues {
  status: string;
  owner_user_id: string | null;
  target_date: string | null;
  notes: string;
  justification: string;
  reasons: string[];
  implementation: string;
  no_evidence_reason: string;
}

function entryQuery(trx: Tx, orgId: string) {
  return trx
    .selectFrom('gap_entries')
    .leftJoin('users', 'users.id', 'gap_entries.owner_user_id')
    // An owner who has left is named as the organisation knew them, or by their pseudonym once de-identified.
    .leftJoin('former_members', (join) => join.onRef('former_members.org_id', '=', 'gap_entries.org_id').onRef('former_members.user_id', '=', 'gap_entries.owner_user_id'))
    .select((eb) => [
      'gap_entries.item_id',
      'gap_entries.status',
      'gap_entries.owner_user_id',
      eb.fn.coalesce('former_members.name', 'users.name').as('owner_name'),
      'gap_entries.target_date',
      'gap_entries.notes',
      'gap_entries.justification',
      'gap_entries.reasons',
      'gap_entries.implementation',
      'gap_entries.no_evidence_reason',
      'gap_entries.updated_at',
      'gap_entries.version',
    ])
    .where('gap_entries.org_id', '=', orgId);
}

/** Every recorded entry of the organisation (one per catalogue item and per control of its own, so ~150 rows and a few). */
export async function listEntries(trx: Tx, orgId: string): Promise<GapEntryRow[]> {
  return entryQuery(trx, orgId).execute();
}

export async function findEntry(trx: Tx, orgId: string, itemId: string): Promise<GapEntryRow | undefined> {
  return entryQuery(trx, orgId).where('gap_entries.item_id', '=', itemId).executeTakeFirst();
}

/** Creates the first entry of an item; returns nothing when someone created it in the meantime. */
export async function insertEntry(trx: Tx, key: { orgId: string; itemId: string }, values: GapEntryValues, meta: { at: Date; by: string }) {
  return trx
    .insertInto('gap_entries')
    .values({ org_id: key.orgId, item_id: key.itemId, ...values, updated_at: meta.at, updated_by: meta.by, version: 1 })
    .onConflict((oc) => oc.columns(['org_id', 'item_id']).doNothing())
    .returning(['version', 'updated_at'])
    .executeTakeFirst();
}

/** Saves an entry if it is still at the version the editor read; returns nothing otherwise. */
export async function updateEntry(trx: Tx, key: { orgId: string; itemId: string; version: number }, values: GapEntryValues, meta: { at: Date; by: string }) {
  return trx
    .updateTable('gap_entries')
    .set((eb) => ({ ...values, updated_at: meta.at, updated_by: meta.by, version: eb('version', '+', 1) }))
    .where('org_id', '=', key.orgId)
    .where('item_id', '=', key.itemId)
    .where('version', '=', key.version)
    .returning(['version', 'updated_at'])
    .executeTakeFirst();
}
