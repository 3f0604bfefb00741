import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Tx } from '../../db/with-org.ts';

/** A table of the public schema as backups see it: columns in order, primary key, foreign keys. */
export interface TableInfo {
  name: string;
  columns: string[];
  primaryKey: string[];
  hasRls: boolean;
  hasOrgId: boolean;
  /** Other tables this one has foreign keys to (they must be restored first). */
  references: string[];
}

/** Every ordinary table of the public schema, with what a backup or restore needs to know about it. */
export async function listTables(db: Kysely<DB> | Tx): Promise<TableInfo[]> {
  const result = await sql<{ name: string; has_rls: boolean; columns: string[]; primary_key: string[]; refs: string[] }>`
    select c.relname as name, c.relrowsecurity as has_rls,
      (select coalesce(json_agg(a.attname::text order by a.attnum), '[]'::json) from pg_attribute a
        where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns,
      (select coalesce(json_agg(a.attname::text order by k.ord), '[]'::json)
        from pg_index i cross join lateral unnest(i.indkey) with ordinality as k(attnum, ord)
        join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
        where i.indrelid = c.oid and i.indisprimary) as primary_key,
      (select coalesce(json_agg(distinct r.relname::text), '[]'::json) from pg_constraint f join pg_class r on r.oid = f.confrelid
        where f.conrelid = c.oid and f.contype = 'f' and f.confrelid <> c.oid) as refs
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p')
    order by c.relname`.execute(db);
  return result.rows.map((row) => ({
    name: row.name,
    columns: row.columns,
    primaryKey: row.primary_key,
    hasRls: row.has_rls,
    hasOrgId: row.columns.includes('org_id'),
    references: row.refs,
  }));
}

/**
 * Tables a role cannot fully read (SELECT) or write (INSERT): no privilege, or row-level security
 * without a permissive `true` policy for that role. Rows hidden by a missing policy would vanish
 * from a backup silently, so callers refuse to run while this list is not empty.
 */
export async function listTablesNotCoveredFor(db: Kysely<DB> | Tx, role: string, command: 'SELECT' | 'INSERT'): Promise<string[]> {
  const result = await sql<{ name: string }>`
    select c.relname as name
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p')
      and (not has_table_privilege(${role}::name, c.oid, ${command})
        or (c.relrowsecurity and not exists (
          select 1 from pg_policies p
          where p.schemaname = 'public' and p.tablename = c.relname and p.permissive = 'PERMISSIVE'
            and ${role}::name = any(p.roles) and p.cmd in (${command}, 'ALL')
            and (case when ${command} = 'SELECT' then p.qual else p.with_check end) = 'true')))
    order by c.relname`.execute(db);
  return result.rows.map((row) => row.name);
}

/** The tables registered as tenant tables (a person table such as sessions may have an org_id column too). */
export async function listTenantTableNames(trx: Tx): Promise<Set<string>> {
  const result = await sql<{ table_name: string }>`select table_name from table_registry where kind = 'tenant'`.execute(trx);
  return new Set(result.rows.map((row) => row.table_name));
}

/** The highest applied migration, or null when the database has never been migrated. */
export async function readSchemaVersion(db: Kysely<DB> | Tx): Promise<number | null> {
  const exists = await sql<{ has_table: boolean }>`select to_regclass('public.schema_migrations') is not null as has_table`.execute(db);
  if (!exists.rows[0]?.has_table) return null;
  const result = await sql<{ version: number | null }>`select max(version) as version from schema_migrations`.execute(db);
  return result.rows[0]?.version ?? 0;
}

function orderByKey(table: TableInfo) {
  const keys = table.primaryKey.length > 0 ? table.primaryKey : table.columns;
  return sql.join(keys.map((column) => sql.ref(`t.${column}`)));
}

/**
 * Every row of a table as JSON text (to_jsonb: exact timestamps, numbers and nested JSON), in
 * primary-key order, a batch at a time through a server-side cursor so memory stays flat.
 */
export async function* readTableRows(trx: Tx, table: TableInfo, batchSize: number): AsyncGenerator<string[]> {
  const cursor = sql.id(`backup_${table.name}`);
  await sql`declare ${cursor} no scroll cursor for
    select to_jsonb(t)::text as row from ${sql.table(table.name)} as t order by ${orderByKey(table)}`.execute(trx);
  try {
    for (;;) {
      const batch = await sql<{ row: string }>`fetch forward ${sql.raw(String(Math.trunc(batchSize)))} from ${cursor}`.execute(trx);
      if (batch.rows.length === 0) return;
      yield batch.rows.map((r) => r.row);
    }
  } finally {
    await sql`close ${cursor}`.execute(trx);
  }
}

/** Columns an organisation's export leaves out: secrets (even encrypted) stay in full backups only. */
const secretColumns = ['client_secret_enc'];

/** One organisation's rows of a tenant table as JSON text (without secret columns), in primary-key order. */
export async function readOrgRows(trx: Tx, table: TableInfo, orgId: string): Promise<string[]> {
  const result = await sql<{ row: string }>`
    select (to_jsonb(t) - ${secretColumns}::text[])::text as row from ${sql.table(table.name)} as t
    where t.org_id = ${orgId} order by ${orderByKey(table)}`.execute(trx);
  return result.rows.map((r) => r.row);
}

/** The people who are members of an organisation, without password hashes, MFA secrets or lockout state. */
export async function readOrgMemberUsers(trx: Tx, orgId: string): Promise<string[]> {
  const result = await sql<{ row: string }>`
    select to_jsonb(u)::text as row
    from (select id, email, name, email_verified_at, mfa_enabled_at, created_at from users) as u
    where exists (select 1 from memberships m where m.org_id = ${orgId} and m.user_id = u.id)
    order by u.id`.execute(trx);
  return result.rows.map((r) => r.row);
}

export async function orgExists(trx: Tx, orgId: string): Promise<boolean> {
  const row = await trx.selectFrom('orgs').select('org_id').where('org_id', '=', orgId).executeTakeFirst();
  return row !== undefined;
}

export async function countRows(db: Kysely<DB> | Tx, table: string): Promise<number> {
  const result = await sql<{ n: string | number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

/**
 * Inserts rows given as a JSON array text, each field converted by the table's own column types.
 * With isMerge, rows already present (same key) are kept.
 */
export async function insertRows(trx: Tx, table: string, rowsJsonArray: string, isMerge: boolean): Promise<void> {
  await sql`insert into ${sql.table(table)} overriding system value
    select * from jsonb_populate_recordset(null::${sql.table(table)}, ${rowsJsonArray}::jsonb)
    ${isMerge ? sql`on conflict do nothing` : sql``}`.execute(trx);
}
