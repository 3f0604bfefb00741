import { sql } from 'kysely';
import type { SoaRow } from '@custodian/shared/contracts/soa.ts';
import type { Tx } from '../../db/with-org.ts';

export interface SoaVersionRow {
  version: number;
  approved_at: Date;
  approved_by: string | null;
  approver_name: string | null;
  note: string;
  checksum: string;
  rows: SoaRow[];
}

function versionQuery(tx: Tx, orgId: string) {
  return (
    tx
      .selectFrom('soa_versions as v')
      .leftJoin('users as u', 'u.id', 'v.approved_by')
      // An approver who has left is named as the organisation knew them, or by their pseudonym once de-identified.
      .leftJoin('former_members as f', (join) => join.onRef('f.org_id', '=', 'v.org_id').onRef('f.user_id', '=', 'v.approved_by'))
      .select((eb) => ['v.version', 'v.approved_at', 'v.approved_by', eb.fn.coalesce('f.name', 'u.name').as('approver_name'), 'v.note', 'v.checksum', sql<SoaRow[]>`v.rows`.as('rows')])
      .where('v.org_id', '=', orgId)
  );
}

/** Every approved version, newest first, with its rows (a few hundred controls at most each). */
export async function listSoaVersionRows(tx: Tx, orgId: string): Promise<SoaVersionRow[]> {
  return versionQuery(tx, orgId).orderBy('v.version', 'desc').execute();
}

export async function findSoaVersionRow(tx: Tx, orgId: string, version: number): Promise<SoaVersionRow | undefined> {
  return versionQuery(tx, orgId).where('v.version', '=', version).executeTakeFirst();
}

export async function latestSoaVersionRow(tx: Tx, orgId: string): Promise<SoaVersionRow | undefined> {
  return versionQuery(tx, orgId).orderBy('v.version', 'desc').limit(1).executeTakeFirst();
}

export async function insertSoaVersionRow(tx: Tx, row: { orgId: string; version: number; at: Date; by: string; note: string; rows: SoaRow[]; checksum: string }): Promise<void> {
  await tx
    .insertInto('soa_versions')
    .values({ org_id: row.orgId, version: row.version, approved_at: row.at, approved_by: row.by, note: row.note, rows: JSON.stringify(row.rows), checksum: row.checksum })
    .execute();
}
