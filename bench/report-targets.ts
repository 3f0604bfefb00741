import type { BenchOptions } from './cli-options.ts';
import { signedInNoopKey, trivialKey } from './endpoints.ts';
import type { CellStats } from './load.ts';
import { dbName, httpCells, ms, ratio, table } from './report-format.ts';
import type { DbResult } from './run-database.ts';
import { sizes } from './seed/sizes.ts';

/** The targets the report checks. */
export const targets = {
  listP95Ms: 50,
  rawRatio: 1.5,
  signedInShare: 0.4,
  auditLastRatio: 1.2,
  tenancyRatio: 1.2,
} as const;

/** Per endpoint and concurrency: its p50 ÷ its raw SQL baseline's p50 (null without a baseline). */
export function rawRatios(r: DbResult, concurrencies: readonly number[]) {
  return r.http
    .filter((h) => h.target.rawKey !== null)
    .map((h) => {
      const raw = r.raw.find((x) => x.key === h.target.rawKey);
      const vsRaw = concurrencies.map((_, i) => {
        const base = raw?.cells[i]?.p50;
        const value = h.cells[i]?.p50;
        return base && value !== undefined ? value / base : null;
      });
      return { key: h.target.key, label: h.target.label, statements: raw?.statements ?? null, rawLabel: raw?.label ?? '–', vsRaw };
    });
}

const verdictOf = (misses: number, of: number) => (of === 0 ? 'not evaluated' : misses === 0 ? '**met**' : `**not met** (${misses} of ${of})`);
const where = (r: DbResult) => `${dbName(r)}, size ${r.size}`;

function listTarget(results: readonly DbResult[], options: BenchOptions): string[] {
  const name = `every list endpoint p95 ≤ ${targets.listP95Ms} ms at 32 concurrent clients (PostgreSQL, size L)`;
  const pg = results.find((r) => r.kind === 'postgres' && r.size === 'L');
  const at = options.concurrencies.indexOf(32);
  if (!pg || at < 0) return [name, 'not evaluated', 'needs --db postgres|both, --size L and concurrency 32'];
  const lists = pg.http.filter((h) => h.target.isList);
  const isMet = (c: CellStats | undefined) => (c?.p95 ?? Infinity) <= targets.listP95Ms && c?.errors === 0;
  const misses = lists.filter((h) => !isMet(h.cells[at]));
  return [
    name,
    verdictOf(misses.length, lists.length),
    lists.map((h) => `${h.target.label} ${ms(h.cells[at]?.p95 ?? Number.NaN)} ms${isMet(h.cells[at]) ? ' ✓' : ' ✗'}`).join('; '),
  ];
}

function rawTarget(r: DbResult, options: BenchOptions): string[] {
  const all = rawRatios(r, options.concurrencies).flatMap((row) =>
    row.vsRaw.map((v, i) => ({ label: row.label, c: options.concurrencies[i], v })).filter((x) => x.v !== null),
  );
  const misses = all.filter((x) => (x.v ?? 0) > targets.rawRatio);
  const met = all.filter((x) => (x.v ?? 0) <= targets.rawRatio);
  const detail = [
    misses.length > 0 ? `missed: ${misses.map((x) => `${x.label} c${x.c} ${ratio(x.v)}`).join('; ')}` : '',
    met.length > 0 ? `met: ${met.map((x) => `${x.label} c${x.c} ${ratio(x.v)}`).join('; ')}` : '',
  ]
    .filter((part) => part !== '')
    .join('. ');
  return [
    `every endpoint p50 ≤ ${targets.rawRatio}× its raw SQL p50, GET /auth/session included (${where(r)}, per concurrency)`,
    verdictOf(misses.length, all.length),
    detail,
  ];
}

/** Requests/s of the signed-in do-nothing request as a share of the trivial route's, per concurrency. */
export function signedInShares(r: DbResult, concurrencies: readonly number[]) {
  const signed = httpCells(r, signedInNoopKey);
  const trivial = httpCells(r, trivialKey);
  return concurrencies.map((c, i) => {
    const a = signed?.[i]?.rps;
    const b = trivial?.[i]?.rps;
    return { c, signed: a ?? Number.NaN, trivial: b ?? Number.NaN, share: a !== undefined && b ? a / b : null };
  });
}

function signedInTarget(r: DbResult, options: BenchOptions): string[] {
  const shares = signedInShares(r, options.concurrencies);
  const at32 = shares.find((s) => s.c === 32);
  const verdict = at32?.share == null ? 'not evaluated' : at32.share >= targets.signedInShare ? '**met**' : '**not met**';
  const detail = shares
    .map((s) => `c${s.c}: ${Math.round(s.signed)}/s ÷ ${Math.round(s.trivial)}/s = ${s.share === null ? 'n/a' : `${(s.share * 100).toFixed(1)} %`}`)
    .join('; ');
  return [
    `the signed-in do-nothing request serves ≥ ${targets.signedInShare * 100} % of the trivial route's requests/s at 32 clients (${where(r)}; 1 and 8 shown)`,
    verdict,
    detail,
  ];
}

/** The last audit-log page ÷ the first, p50 and p95, per concurrency. */
export function auditLastRatios(r: DbResult, concurrencies: readonly number[]) {
  const first = httpCells(r, 'audit-first');
  const last = httpCells(r, 'audit-last');
  return concurrencies.map((c, i) => {
    const f = first?.[i];
    const l = last?.[i];
    return { c, p50: f && l ? l.p50 / f.p50 : null, p95: f && l ? l.p95 / f.p95 : null };
  });
}

function auditTarget(r: DbResult, options: BenchOptions): string[] {
  const rows = auditLastRatios(r, options.concurrencies);
  const values = rows.flatMap((x) => [x.p50, x.p95]).filter((v) => v !== null);
  const misses = values.filter((v) => v > targets.auditLastRatio).length;
  const detail = rows.map((x) => `c${x.c} p50 ${ratio(x.p50, targets.auditLastRatio)}, p95 ${ratio(x.p95, targets.auditLastRatio)}`).join('; ');
  return [
    `the last page of the audit log within ${targets.auditLastRatio}× of the first page, p50 and p95 (${where(r)})`,
    verdictOf(misses, values.length),
    detail,
  ];
}

/** XL ÷ L for every endpoint measured at both sizes on one database kind: p50 and p95 per concurrency. */
export function tenancyRows(small: DbResult, large: DbResult, concurrencies: readonly number[]) {
  return small.http
    .filter((h) => h.target.key !== trivialKey)
    .map((h) => {
      const xl = httpCells(large, h.target.key);
      const cells = concurrencies.map((c, i) => {
        const a = h.cells[i];
        const b = xl?.[i];
        return { c, l: a, xl: b, p50: a && b ? b.p50 / a.p50 : null, p95: a && b ? b.p95 / a.p95 : null };
      });
      return { label: h.target.label, cells };
    });
}

function tenancyTarget(small: DbResult, large: DbResult, options: BenchOptions): string[] {
  const rows = tenancyRows(small, large, options.concurrencies);
  const values = rows
    .flatMap((row) =>
      row.cells.flatMap((x) => [
        { label: row.label, c: x.c, what: 'p50', v: x.p50 },
        { label: row.label, c: x.c, what: 'p95', v: x.p95 },
      ]),
    )
    .filter((x) => x.v !== null);
  const misses = values.filter((x) => (x.v ?? 0) > targets.tenancyRatio);
  const worst = [...values].sort((a, b) => (b.v ?? 0) - (a.v ?? 0))[0];
  const detail = `${misses.length > 0 ? `over ${targets.tenancyRatio}×: ${misses.map((x) => `${x.label} c${x.c} ${x.what} ${ratio(x.v)}`).join('; ')}` : 'every endpoint, p50 and p95, every concurrency'}${worst ? `; worst ${worst.label} c${worst.c} ${worst.what} ${ratio(worst.v)}` : ''}`;
  return [
    `tenancy at scale: size XL (${large.seed.orgCount.toLocaleString('en-AU')} organisations) within ${targets.tenancyRatio}× of size L for the L organisation's endpoints (${dbName(small)}, p50 and p95, per concurrency)`,
    verdictOf(misses.length, values.length),
    detail,
  ];
}

/** The targets table: each target, met or not, with the measured numbers. */
export function verdicts(results: readonly DbResult[], options: BenchOptions): string {
  const rows: string[][] = [listTarget(results, options)];
  for (const r of results) rows.push(rawTarget(r, options));
  for (const r of results) rows.push(signedInTarget(r, options));
  for (const r of results) rows.push(auditTarget(r, options));
  for (const kind of ['postgres', 'pglite'] as const) {
    const small = results.find((r) => r.kind === kind && r.size === 'L');
    const large = results.find((r) => r.kind === kind && r.size === 'XL');
    if (small && large) rows.push(tenancyTarget(small, large, options));
  }
  if (!results.some((r) => r.size === 'XL')) rows.push(['tenancy at scale: size XL within 1.2× of size L', 'not evaluated', 'needs --size L,XL']);
  return table(['target', 'verdict', 'measured'], rows);
}

/** The "tenancy at scale" section: per endpoint, L and XL p50 / p95 at each concurrency and XL ÷ L. */
export function tenancySection(results: readonly DbResult[], options: BenchOptions): string {
  const parts: string[] = [];
  for (const kind of ['postgres', 'pglite'] as const) {
    const small = results.find((r) => r.kind === kind && r.size === 'L');
    const large = results.find((r) => r.kind === kind && r.size === 'XL');
    if (!small || !large) continue;
    const cs = options.concurrencies;
    const header = ['endpoint', ...cs.flatMap((c) => [`L p50 / p95, ${c}`, `XL p50 / p95, ${c}`, `XL ÷ L p50 / p95, ${c}`])];
    const rows = tenancyRows(small, large, cs).map((row) => [
      row.label,
      ...row.cells.flatMap((x) => [
        `${ms(x.l?.p50 ?? Number.NaN)} / ${ms(x.l?.p95 ?? Number.NaN)}`,
        `${ms(x.xl?.p50 ?? Number.NaN)} / ${ms(x.xl?.p95 ?? Number.NaN)}`,
        `${ratio(x.p50, targets.tenancyRatio)} / ${ratio(x.p95, targets.tenancyRatio)}`,
      ]),
    ]);
    const load = (r: DbResult) => r.loadAverage[0].toFixed(2);
    const shape = (r: DbResult) => {
      const other = sizes[r.size].otherShape;
      return `${(r.seed.orgCount - 1).toLocaleString('en-AU')} organisations of ${other.members + 1} members, ${other.auditEvents} audit events, ${other.outbox} outbox messages and ${other.invitations} invitations each`;
    };
    parts.push(
      [
        `### ${dbName(small)}: size L (${small.seed.orgCount} organisations) vs size XL (${large.seed.orgCount.toLocaleString('en-AU')} organisations), in ms`,
        `The same L organisation (${small.seed.memberCount.toLocaleString('en-AU')} members, ${small.seed.auditEventCount.toLocaleString('en-AU')} audit events) in both; next to it ${shape(small)} (L) and ${shape(large)} (XL). Load average (1 min) when each size's HTTP runs began: L ${load(small)}, XL ${load(large)}.`,
        table(header, rows),
      ].join('\n\n'),
    );
  }
  if (parts.length === 0) return '';
  return ['## Tenancy at scale', ...parts].join('\n\n');
}
