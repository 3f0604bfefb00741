import { sql, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { AppError } from '@custodian/shared/errors.ts';
import { totalCountCap, type ListOrder, type ListReply, type ListTotal } from '@custodian/shared/contracts/list.ts';
import { decodeCursor, lastPageCursor, pageLinks, type PageWindow } from '../lib/list-cursor.ts';
import type { DB } from './schema.ts';
import type { Tx } from './with-org.ts';

/**
 * One sort of a list: the SQL expressions rows are ordered by (all in the same direction; the last
 * must be unique within the list, usually the id), and how to read those values back from a row.
 * Expressions must never be NULL (coalesce nullable columns), because NULLs do not compare.
 */
export interface KeysetSort<O> {
  keys: ReadonlyArray<RawBuilder<unknown>>;
  keyOf: (row: O) => unknown[];
}

/** Column references as sort keys: `keyColumns('users.name', 'users.id')`. */
export function keyColumns(...columns: string[]): Array<RawBuilder<unknown>> {
  return columns.map((column) => sql.ref(column));
}

function keysetCondition(keys: ReadonlyArray<RawBuilder<unknown>>, op: '>' | '<', values: unknown[]): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.join([...keys])}) ${sql.raw(op)} (${sql.join(values.map((value) => sql`${value}`))})`;
}

/**
 * Reads one page of a filtered query by keyset: the rows after (or before) the cursor's sort key, or
 * the last page read backwards, `limit + 1` rows to know whether more follow. Costs the same on the
 * first page and the last.
 */
export async function keysetPage<TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  options: { sort: KeysetSort<O>; sortTag: string; order: ListOrder; limit: number; cursor: string | undefined; total: ListTotal },
): Promise<ListReply<O>> {
  const cursor = decodeCursor(options.cursor, options.sortTag);
  if (cursor && cursor !== lastPageCursor && cursor.keys.length !== options.sort.keys.length) {
    throw new AppError('validation_failed', 'This page link no longer fits the list. Go back to the first page.', [
      { path: 'cursor', message: 'is not a page link this list made' },
    ]);
  }
  const isBackward = cursor === lastPageCursor || cursor?.dir === 'before';
  const scanOrder: ListOrder = isBackward === (options.order === 'asc') ? 'desc' : 'asc';
  let scan = query;
  if (cursor && cursor !== lastPageCursor) {
    const isGreater = (cursor.dir === 'after') === (options.order === 'asc');
    scan = scan.where(keysetCondition(options.sort.keys, isGreater ? '>' : '<', cursor.keys));
  }
  for (const key of options.sort.keys) scan = scan.orderBy(key, scanOrder);
  const rows = await scan.limit(options.limit + 1).execute();
  const hasMore = rows.length > options.limit;
  const page = rows.slice(0, options.limit);
  if (isBackward) page.reverse();
  const window: PageWindow<O> = { rows: page, hasMore, cursor };
  return {
    items: page,
    total: options.total,
    page: pageLinks(window, { sort: options.sortTag, limit: options.limit, keyOf: options.sort.keyOf, total: options.total }),
  };
}

/**
 * Counts the rows of a filtered query, stopping after the cap: exact for small results, "more than
 * 1,000" beyond, so a broad filter never counts a hundred thousand rows.
 */
export async function cappedCount<TB extends keyof DB, O>(tx: Tx, query: SelectQueryBuilder<DB, TB, O>): Promise<ListTotal> {
  const limited = query
    .clearSelect()
    .clearOrderBy()
    .select(sql<number>`1`.as('one'))
    .limit(totalCountCap + 1);
  const row = await tx
    .selectFrom(limited.as('matching'))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const n = Number(row.n);
  return n > totalCountCap ? { count: totalCountCap, isExact: false } : { count: n, isExact: true };
}

/** The organisation's row count of a counted table (custodian_tenant_table(..., is_counted => true)). */
export async function countedRows(tx: Tx, orgId: string, table: keyof DB): Promise<ListTotal> {
  const row = await tx.selectFrom('row_counts').select('n').where('org_id', '=', orgId).where('table_name', '=', table).executeTakeFirst();
  return { count: Number(row?.n ?? 0), isExact: true };
}

/**
 * The shortest search text a trigram index (pg_trgm, migration 0022) can narrow: shorter text holds no
 * whole trigram, so the index would return every row and a plain scan is cheaper.
 */
export const trigramSearchMinLength = 3;

/** What a register's text search found, up to the count cap: the matching ids, or "more than the cap". */
export type TextMatches = { kind: 'few'; ids: string[] } | { kind: 'many' };

/**
 * Which rows of the organisation in scope contain `text` (one of the SECURITY DEFINER search
 * functions of migration 0023, through the trigram indexes), stopping after the count cap + 1. The
 * lists page through the ids when they are few, and with a plain ILIKE scan in sort order when they
 * are many: a common word meets a page of matches within the scan's first rows, where fetching a few
 * thousand matches by id and sorting them cost far more (ADR 0026).
 */
export async function findTextMatches(tx: Tx, search: 'custodian_search_assets' | 'custodian_search_risks', text: string): Promise<TextMatches> {
  const result = await sql<{ id: string }>`select id from ${sql.raw(search)}(${containsPattern(text)}, ${totalCountCap + 1}) as id`.execute(tx);
  return result.rows.length > totalCountCap ? { kind: 'many' } : { kind: 'few', ids: result.rows.map((row) => row.id) };
}

/**
 * Runs a page query with the planner told to walk a sort index rather than sort: for a text search
 * matching many rows. Under row-level security the planner may not use statistics for ILIKE (not
 * LEAKPROOF), so it guesses a handful of matches, reads every row of the organisation and sorts them
 * (46 ms for "ransomware" in 25,000 risks); in index order it stops after a page of matches (2–10 ms).
 */
export async function inIndexOrder<T>(tx: Tx, read: () => Promise<T>): Promise<T> {
  await sql`set local enable_sort = off`.execute(tx);
  try {
    return await read();
  } finally {
    await sql`set local enable_sort = on`.execute(tx);
  }
}

/**
 * A list's total: the organisation's row counter when nothing filters it; when only the text filters it,
 * what the search found (the ids, or "more than the cap"), without counting again; otherwise a capped count.
 */
export async function listTotal<TB extends keyof DB, O>(
  tx: Tx,
  query: SelectQueryBuilder<DB, TB, O>,
  options: { orgId: string; table: keyof DB; text: string | undefined; matches: TextMatches | null; hasOtherFilters: boolean },
): Promise<ListTotal> {
  if (options.hasOtherFilters) return cappedCount(tx, query);
  if (options.matches?.kind === 'many') return { count: totalCountCap, isExact: false };
  if (options.matches?.kind === 'few') return { count: options.matches.ids.length, isExact: true };
  return options.text ? cappedCount(tx, query) : countedRows(tx, options.orgId, options.table);
}

/** An id no row has: `id in (noMatch)` for a search that matched nothing (SQL has no empty `in ()`). */
export const noMatch = '00000000-0000-0000-0000-000000000000';

/** A LIKE pattern for "contains", with the text's own % and _ escaped (a search for "50%" means "50%"). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
