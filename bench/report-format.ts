import type { CellStats } from './load.ts';
import type { DbResult } from './run-database.ts';

/** Milliseconds with as many digits as they deserve ("–" when not measured). */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** A ratio such as "1.23×", with ✓ or ✗ against a limit when one is given ("n/a" when there is none). */
export function ratio(value: number | null, limit?: number): string {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  return `${value.toFixed(2)}×${limit === undefined ? '' : value <= limit ? ' ✓' : ' ✗'}`;
}

/** One latency cell: p50 / p95 / p99 (requests/s), with failures called out. */
export function cell(c: CellStats | undefined): string {
  if (!c) return '–';
  const errors = c.errors > 0 ? ` ⚠ ${c.errors} failed` : '';
  return `${ms(c.p50)} / ${ms(c.p95)} / ${ms(c.p99)} (${Math.round(c.rps)}/s)${errors}`;
}

/** A Markdown table. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** "PostgreSQL" or "PGlite". */
export function dbName(r: Pick<DbResult, 'kind'>): string {
  return r.kind === 'postgres' ? 'PostgreSQL' : 'PGlite';
}

/** The section title of one database kind and size. */
export function dbTitle(r: DbResult): string {
  return r.kind === 'postgres' ? `PostgreSQL ${r.engineVersion}, size ${r.size}` : `PGlite (PostgreSQL ${r.engineVersion}, embedded), size ${r.size}`;
}

/** The cells of an endpoint (by target key) in one result, if it was measured. */
export function httpCells(r: DbResult, key: string): CellStats[] | undefined {
  return r.http.find((h) => h.target.key === key)?.cells;
}
