import { cpus, loadavg, totalmem, release } from 'node:os';
import type { BenchOptions } from './cli-options.ts';
import type { CellStats } from './load.ts';
import type { DbResult } from './run-database.ts';

export interface MachineFacts {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  kernel: string;
  loadAverage: [number, number, number];
  startedAt: Date;
}

export function machineFacts(): MachineFacts {
  const [one = 0, five = 0, fifteen = 0] = loadavg();
  return { cores: cpus().length, cpuModel: cpus()[0]?.model.trim() ?? 'unknown', memoryGiB: totalmem() / 1024 ** 3, node: process.version, kernel: release(), loadAverage: [one, five, fifteen], startedAt: new Date() };
}

const listP95TargetMs = 50;
const rawRatioTarget = 1.5;
const ms = (value: number) => (Number.isFinite(value) ? (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)) : '–');
const dbTitle = (r: DbResult) => (r.kind === 'postgres' ? `PostgreSQL ${r.engineVersion}` : `PGlite (PostgreSQL ${r.engineVersion}, embedded)`);

function cell(c: CellStats | undefined): string {
  if (!c) return '–';
  const errors = c.errors > 0 ? ` ⚠ ${c.errors} failed` : '';
  return `${ms(c.p50)} / ${ms(c.p95)} / ${ms(c.p99)} (${Math.round(c.rps)}/s)${errors}`;
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function ratioRows(r: DbResult, concurrencies: readonly number[]) {
  const noop = r.http.find((h) => h.target.key === 'noop');
  return r.http
    .filter((h) => h.target.key !== 'noop')
    .map((h) => {
      const raw = r.raw.find((x) => x.key === h.target.rawKey);
      const vsRaw = concurrencies.map((_, i) => {
        const base = raw?.cells[i]?.p50;
        const value = h.cells[i]?.p50;
        return base && value !== undefined ? value / base : null;
      });
      const vsNoop = concurrencies.map((_, i) => {
        const base = noop?.cells[i]?.p50;
        const value = h.cells[i]?.p50;
        return base && value !== undefined ? value / base : null;
      });
      return { label: h.target.label, vsRaw, vsNoop };
    });
}

const ratio = (value: number | null, limit?: number) => (value === null ? 'n/a' : `${value.toFixed(2)}×${limit === undefined ? '' : value <= limit ? ' ✓' : ' ✗'}`);

function verdicts(results: readonly DbResult[], options: BenchOptions): string {
  const rows: string[][] = [];
  const pg = results.find((r) => r.kind === 'postgres');
  const at = options.concurrencies.indexOf(32);
  if (!pg || at < 0) rows.push(['list endpoints p95 ≤ 50 ms at 32 concurrent, PostgreSQL, size L', 'not evaluated', 'needs --db postgres|both and concurrency 32']);
  else {
    const lists = pg.http.filter((h) => h.target.isList);
    const misses = lists.filter((h) => !((h.cells[at]?.p95 ?? Infinity) <= listP95TargetMs && (h.cells[at]?.errors ?? 1) === 0));
    const detail = lists.map((h) => `${h.target.label} ${ms(h.cells[at]?.p95 ?? Number.NaN)} ms`).join('; ');
    const verdict = options.size !== 'L' ? `indicative only (size ${options.size})` : misses.length === 0 ? '**met**' : `**not met** (${misses.length} of ${lists.length})`;
    rows.push(['list endpoints p95 ≤ 50 ms at 32 concurrent, PostgreSQL, size L', verdict, detail]);
  }
  for (const r of results) {
    const all = ratioRows(r, options.concurrencies).flatMap((row) => row.vsRaw.map((v, i) => ({ label: row.label, c: options.concurrencies[i], v })).filter((x) => x.v !== null));
    const misses = all.filter((x) => (x.v ?? 0) > rawRatioTarget);
    const detail = misses.length === 0 ? 'every endpoint, every concurrency' : `missed: ${misses.map((x) => `${x.label} c${x.c} ${ratio(x.v)}`).join('; ')}`;
    const verdict = misses.length === 0 ? '**met**' : `**not met** (${misses.length} of ${all.length} cells)`;
    rows.push([`endpoint p50 ≤ 1.5× raw SQL p50, ${r.kind === 'postgres' ? 'PostgreSQL' : 'PGlite'}`, verdict, detail]);
  }
  return table(['target', 'verdict', 'measured'], rows);
}

function dbSection(r: DbResult, options: BenchOptions): string {
  const cs = options.concurrencies;
  const seedRows = r.seed.timings.map((t) => [t.table, t.rows.toLocaleString('en-AU'), (t.ms / 1000).toFixed(2)]);
  const httpRows = r.http.map((h) => [h.target.label, ...h.cells.map(cell)]);
  const rawRows = r.raw.map((x) => [x.label, String(x.statements), ...x.cells.map(cell)]);
  const ratios = ratioRows(r, cs).map((row) => [row.label, ...row.vsRaw.map((v) => ratio(v, rawRatioTarget)), ...row.vsNoop.map((v) => ratio(v))]);
  return [
    `## ${dbTitle(r)}`,
    `### Seeding (size ${options.size}, ${r.seedSeconds.toFixed(1)} s in all)`,
    table(['table', 'rows', 'seconds'], seedRows),
    r.seed.notes.map((note) => `- ${note}`).join('\n'),
    '### Cold start and memory',
    table(
      ['cold start, empty database', 'cold start, seeded database', 'server RSS after warm-up', 'server RSS after the run'],
      [[`${(r.coldStartMs.empty / 1000).toFixed(2)} s`, `${(r.coldStartMs.seeded / 1000).toFixed(2)} s`, `${r.rssMb.afterWarmup.toFixed(0)} MB`, `${r.rssMb.afterRun.toFixed(0)} MB`]],
    ),
    '### Endpoints: p50 / p95 / p99 in ms (requests/s)',
    table(['endpoint', ...cs.map((c) => `${c} concurrent`)], httpRows),
    '### Raw SQL baselines: p50 / p95 / p99 in ms (transactions/s)',
    table(['statements of', 'statements', ...cs.map((c) => `${c} concurrent`)], rawRows),
    '### Ratios at p50',
    table(['endpoint', ...cs.map((c) => `÷ raw SQL, ${c}`), ...cs.map((c) => `÷ trivial route, ${c}`)], ratios),
    '### Checks before measuring',
    r.checks.map((check) => `- ${check}`).join('\n'),
  ]
    .filter((part) => part !== '')
    .join('\n\n');
}

/** The whole report, as printed and as written to docs/benchmarks.md. */
export function renderReport(input: { options: BenchOptions; facts: MachineFacts; results: readonly DbResult[]; seconds: number }): string {
  const { options, facts, results } = input;
  const f = facts;
  const machine = table(
    ['fact', 'value'],
    [
      ['CPU', `${f.cores} cores, ${f.cpuModel}`],
      ['memory', `${f.memoryGiB.toFixed(1)} GiB`],
      ['Node', f.node],
      ['kernel', f.kernel],
      ['load average at start (1 / 5 / 15 min)', f.loadAverage.map((l) => l.toFixed(2)).join(' / ')],
      ['started', f.startedAt.toISOString()],
    ],
  );
  return [
    '# Benchmarks',
    `Written by \`npm run bench\`; every run overwrites this file (what the runs found and what was changed: [benchmark-fixes.md](benchmark-fixes.md)). Reproduce with:\n\n\`\`\`\n${options.command}\n\`\`\`\n\nTotal run time ${(input.seconds / 60).toFixed(1)} min. Not part of the tests.`,
    '## Machine',
    machine,
    `The load average is what the machine was already doing when the run started (other engineers' test runs share these ${f.cores} cores); read the absolute figures with it in mind, the ratios less so.`,
    '## How it measures',
    [
      `- The server runs as its own process (\`node --import tsx\`, as \`npm start\` does) on 127.0.0.1, on a fresh seeded database: production settings except no demo, log level warn and a rate limit high enough not to answer 429. The bench process is the load client: a closed loop of N clients on keep-alive connections, ${options.durationSeconds} s per cell after a ${options.warmupSeconds} s warm-up per endpoint; latency is measured per request (send to last byte).`,
      '- Signed in as the seeded owner, through the API (CSRF token, argon2 password check). Every endpoint request carries the session cookie, so it includes the session lookup; the trivial route `/bench/noop` (registered outside /api/v1 before the server listens) is requested without one: it is the floor of HTTP, hooks, helmet and rate limiting.',
      "- Raw SQL: the statements the route's service sends (captured once from Kysely: begin, the tenancy `set_config` and `set local role`, the page's queries, commit), replayed straight to pg (a pool of 10, as the server's) or PGlite (one transaction at a time, as the server's driver) at the same concurrency, without HTTP, Fastify or Kysely. The ratio is endpoint ÷ that page transaction; the session lookup every signed-in request also runs is listed as its own baseline.",
      '- Cold start: from spawning `apps/server/src/main.ts` to the first 200 from /api/v1/health (migrations, catalogue, boot), on an empty database and on the seeded one.',
    ].join('\n'),
    '## Targets',
    verdicts(results, options),
    ...results.map((r) => dbSection(r, options)),
  ].join('\n\n') + '\n';
}
