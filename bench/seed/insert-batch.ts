import { sql, type Kysely } from 'kysely';
import type { DB } from '../../apps/server/src/db/schema.ts';

/** A column of a seeded table and its SQL type, as jsonb_to_recordset needs it. */
export type ColumnSpec = readonly [name: string, type: string];

const batchRows = 5_000;

/**
 * Inserts rows with one `INSERT … SELECT FROM jsonb_to_recordset($1)` per batch of 5,000 (the fast
 * path STACK.md measured), as the connection's role: the schema owner, so row-level security does not
 * apply. Table and column names come from the generator code, never from input.
 */
export async function insertRows(db: Kysely<DB>, table: string, columns: readonly ColumnSpec[], rows: readonly object[]): Promise<number> {
  const names = columns.map(([name]) => name).join(', ');
  const recordType = columns.map(([name, type]) => `${name} ${type}`).join(', ');
  for (let start = 0; start < rows.length; start += batchRows) {
    const batch = JSON.stringify(rows.slice(start, start + batchRows));
    await sql`insert into ${sql.raw(table)} (${sql.raw(names)}) select ${sql.raw(names)} from jsonb_to_recordset(${batch}::jsonb) as t(${sql.raw(recordType)})`.execute(db);
  }
  return rows.length;
}
