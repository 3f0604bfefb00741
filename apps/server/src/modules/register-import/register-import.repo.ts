import { sql } from 'kysely';
import { bulkInsert, type BulkColumn } from '../../db/bulk-insert.ts';
import type { Tx } from '../../db/with-org.ts';

export interface WriteMeta {
  orgId: string;
  at: Date;
  by: string;
}

/** Every asset's and risk's ref with its id: what the rows of a file must not repeat and may point to. */
export async function listRefs(trx: Tx, orgId: string): Promise<{ assets: Map<string, string>; risks: Map<string, string> }> {
  const [assets, risks] = await Promise.all([
    trx.selectFrom('assets').select(['ref', 'id']).where('org_id', '=', orgId).execute(),
    trx.selectFrom('risks').select(['ref', 'id']).where('org_id', '=', orgId).execute(),
  ]);
  return { assets: new Map(assets.map((a) => [a.ref, a.id])), risks: new Map(risks.map((r) => [r.ref, r.id])) };
}

/** The members' ids by lower-case e-mail address. */
export async function listMemberEmails(trx: Tx, orgId: string): Promise<Map<string, string>> {
  const rows = await trx
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.email'])
    .where('memberships.org_id', '=', orgId)
    .execute();
  return new Map(rows.map((row) => [row.email.toLowerCase(), row.id]));
}

/** The organisation's classification levels, when it has its own scheme. */

type Column = BulkColumn;

const assetColumns: readonly Column[] = [
  ['id', 'uuid'],
  ['ref', 'text'],
  ['name', 'text'],
  ['kind', 'text'],
  ['description', 'text'],
  ['owner_user_id', 'uuid'],
  ['classification', 'text'],
  ['confidentiality', 'smallint'],
  ['integrity', 'smallint'],
  ['availability', 'smallint'],
  ['location', 'text'],
];
const linkColumns: readonly Column[] = [
  ['from_asset_id', 'uuid'],
  ['to_asset_id', 'uuid'],
  ['relation', 'text'],
];
const riskColumns: readonly Column[] = [
  ['id', 'uuid'],
  ['ref', 'text'],
  ['title', 'text'],
  ['threat', 'text'],
  ['vulnerability', 'text'],
  ['description', 'text'],
  ['threat_id', 'text'],
  ['owner_user_id', 'uuid'],
  ['method_version', 'integer'],
  ['inherent_likelihood', 'smallint'],
  ['inherent_impact', 'smallint'],
  ['inherent_level', 'text'],
  ['inherent_rank', 'smallint'],
  ['current_likelihood', 'smallint'],
  ['current_impact', 'smallint'],
  ['current_level', 'text'],
  ['current_rank', 'smallint'],
  ['residual_likelihood', 'smallint'],
  ['residual_impact', 'smallint'],
  ['residual_level', 'text'],
  ['residual_rank', 'smallint'],
  ['treatment', 'text'],
  ['treatment_notes', 'text'],
  ['status', 'text'],
  ['next_review_on', 'date'],
];
const riskAssetColumns: readonly Column[] = [
  ['risk_id', 'uuid'],
  ['asset_id', 'uuid'],
];
const taskColumns: readonly Column[] = [
  ['id', 'uuid'],
  ['risk_id', 'uuid'],
  ['title', 'text'],
  ['owner_user_id', 'uuid'],
  ['due_on', 'date'],
  ['status', 'text'],
  ['control_ids', 'text[]'],
  ['notes', 'text'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
];
const acceptanceColumns: readonly Column[] = [
  ['id', 'uuid'],
  ['risk_id', 'uuid'],
  ['accepted_by', 'uuid'],
  ['accepted_at', 'timestamptz'],
  ['method_version', 'integer'],
  ['likelihood', 'smallint'],
  ['impact', 'smallint'],
  ['level', 'text'],
  ['note', 'text'],
];

/** Which record columns each table gets from the request rather than the row: organisation, times, who. */
const stamps: Record<string, readonly string[]> = {
  assets: ['created_at', 'created_by', 'updated_at', 'updated_by'],
  asset_links: ['created_at'],
  risks: ['created_at', 'created_by', 'updated_at', 'updated_by'],
  risk_assets: [],
  // A task's times come with the row: one millisecond apart in file order, so the task list (by
  // created_at) shows them in the file's order rather than by random id.
  risk_tasks: ['created_by', 'updated_by'],
  risk_acceptances: [],
};

export const importTables = {
  assets: { table: 'assets', columns: assetColumns },
  assetLinks: { table: 'asset_links', columns: linkColumns },
  risks: { table: 'risks', columns: riskColumns },
  riskAssets: { table: 'risk_assets', columns: riskAssetColumns },
  tasks: { table: 'risk_tasks', columns: taskColumns },
  acceptances: { table: 'risk_acceptances', columns: acceptanceColumns },
} as const;

/**
 * Inserts the rows of one table in batches (db/bulk-insert.ts), calling `onBatch` with how many were
 * written each time; `toRow` makes each row from its item batch by batch, while the last batch is written.
 */
export async function insertImported<T extends object>(
  trx: Tx,
  target: keyof typeof importTables,
  meta: WriteMeta,
  items: readonly T[],
  onBatch: (count: number) => void,
  toRow?: (item: T) => object,
): Promise<void> {
  const { table, columns } = importTables[target];
  const constants = [
    ['org_id', sql`${meta.orgId}::uuid`] as const,
    ...(stamps[table] ?? []).map((name) => [name, name.endsWith('_by') ? sql`${meta.by}::uuid` : sql`${meta.at.toISOString()}::timestamptz`] as const),
  ];
  await bulkInsert(trx, table, columns, items, { constants, onBatch, ...(toRow ? { toRow } : {}) });
}
