import { cpus, loadavg, totalmem, release } from 'node:os';
import type { BenchOptions } from './cli-options.ts';
import { sessionLookupKey, signedInNoopKey, trivialKey } from './endpoints.ts';
import { cell, dbTitle, httpCells, ms, ratio, table } from './report-format.ts';
import { auditLastRatios, rawRatios, signedInShares, targets, tenancySection, verdicts } from './report-targets.ts';
import type { DbResult } from './run-database.ts';

/** The machine the run measured on, and how busy it already was. */
export interface MachineFacts {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  kernel: string;
  loadAverage: [number, number, number];
  startedAt: Date;
}

/** Reads the machine's facts now (the load average is the one at the start of the run). */
export function machineFacts(): MachineFacts {
  const [one = 0, five = 0, fifteen = 0] = loadavg();
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: totalmem() / 1024 ** 3,
    node: process.version,
    kernel: release(),
    loadAverage: [one, five, fifteen],
    startedAt: new Date(),
  };
}

function ratioSection(r: DbResult, cs: readonly number[]): string {
  const trivial = httpCells(r, trivialKey);
  const rows = rawRatios(r, cs).map((row) => {
    const own = httpCells(r, row.key);
    const vsTrivial = cs.map((_, i) => {
      const base = trivial?.[i]?.p50;
      const value = own?.[i]?.p50;
      return base && value !== undefined ? value / base : null;
    });
    return [
      row.label,
      row.rawLabel,
      row.statements === null ? '–' : String(row.statements),
      ...row.vsRaw.map((v) => ratio(v, targets.rawRatio)),
      ...vsTrivial.map((v) => ratio(v)),
    ];
  });
  return table(['endpoint', 'raw SQL baseline', 'SQL statements', ...cs.map((c) => `÷ raw SQL, ${c}`), ...cs.map((c) => `÷ trivial route, ${c}`)], rows);
}

function floorSection(r: DbResult, cs: readonly number[]): string {
  const shares = signedInShares(r, cs);
  const audit = auditLastRatios(r, cs);
  const lookup = r.raw.find((x) => x.key === sessionLookupKey);
  const signed = httpCells(r, signedInNoopKey);
  const rows = [
    ['signed-in do-nothing requests/s', ...shares.map((s) => `${Math.round(s.signed)}/s`)],
    ['trivial route requests/s', ...shares.map((s) => `${Math.round(s.trivial)}/s`)],
    [
      `signed-in ÷ trivial (target ≥ ${targets.signedInShare * 100} % at 32)`,
      ...shares.map((s) => (s.share === null ? 'n/a' : `${(s.share * 100).toFixed(1)} %`)),
    ],
    ['raw session lookup transactions/s', ...cs.map((_, i) => `${Math.round(lookup?.cells[i]?.rps ?? Number.NaN)}/s`)],
    [
      'signed-in do-nothing p50 − raw session lookup p50',
      ...cs.map((_, i) => `${ms((signed?.[i]?.p50 ?? Number.NaN) - (lookup?.cells[i]?.p50 ?? Number.NaN))} ms`),
    ],
    [`audit log last ÷ first page, p50 (target ≤ ${targets.auditLastRatio}×)`, ...audit.map((a) => ratio(a.p50, targets.auditLastRatio))],
    [`audit log last ÷ first page, p95 (target ≤ ${targets.auditLastRatio}×)`, ...audit.map((a) => ratio(a.p95, targets.auditLastRatio))],
  ];
  return table(['', ...cs.map((c) => `${c} concurrent`)], rows);
}

function timeSplitSection(r: DbResult, cs: readonly number[]): string {
  const at = cs.indexOf(1);
  if (at < 0) return '';
  const rows = r.http
    .filter((h) => h.target.rawKey !== null)
    .map((h) => {
      const raw = r.raw.find((x) => x.key === h.target.rawKey);
      const endpoint = h.cells[at]?.p50 ?? Number.NaN;
      const replay = raw?.cells[at]?.p50 ?? Number.NaN;
      const kysely = raw?.inProcess.p50 ?? Number.NaN;
      return [h.target.label, ms(endpoint), ms(kysely), ms(replay), ms(kysely - replay), ms(endpoint - kysely)];
    });
  return table(
    [
      'endpoint',
      'endpoint p50',
      'same transaction through Kysely + service, in process',
      'raw SQL replay',
      '≈ Kysely + service',
      '≈ HTTP, Fastify, route runner, serialising',
    ],
    rows,
  );
}

function statementsSection(r: DbResult): string {
  return r.raw
    .map(
      (x) =>
        `- **${x.label}** (${x.statements} statements${x.sameAs ? `, the same as ${x.sameAs}` : ''}): ${x.sqlHeads.map((head) => `\`${head.replace(/`/g, "'")}\``).join(' → ')}`,
    )
    .join('\n');
}

function dbSection(r: DbResult, options: BenchOptions): string {
  const cs = options.concurrencies;
  const seedRows = r.seed.timings.map((t) => [t.table, t.rows.toLocaleString('en-AU'), (t.ms / 1000).toFixed(2)]);
  const httpRows = r.http.map((h) => [h.target.label, ...h.cells.map(cell)]);
  const rawRows = r.raw.map((x) => [
    x.label,
    String(x.statements),
    ...x.cells.map((c) => `${cell(c)}${x.sameAs ? ' (same statements)' : ''}`),
    `${ms(x.inProcess.p50)} / ${ms(x.inProcess.p95)}`,
  ]);
  const empty = r.coldStartMs.empty === null ? 'measured with the first size' : `${(r.coldStartMs.empty / 1000).toFixed(2)} s`;
  return [
    `## ${dbTitle(r)}`,
    `Load average (1 / 5 / 15 min) when the HTTP runs began: ${r.loadAverage.map((l) => l.toFixed(2)).join(' / ')}.`,
    `### Seeding (size ${r.size}, ${r.seed.orgCount.toLocaleString('en-AU')} organisations, ${r.seedSeconds.toFixed(1)} s in all)`,
    table(['table', 'rows', 'seconds'], seedRows),
    r.seed.notes.map((note) => `- ${note}`).join('\n'),
    '### Cold start and memory',
    table(
      ['cold start, empty database', 'cold start, seeded database', 'server RSS after warm-up', 'server RSS after the run'],
      [[empty, `${(r.coldStartMs.seeded / 1000).toFixed(2)} s`, `${r.rssMb.afterWarmup.toFixed(0)} MB`, `${r.rssMb.afterRun.toFixed(0)} MB`]],
    ),
    '### Endpoints: p50 / p95 / p99 in ms (requests/s)',
    table(['endpoint', ...cs.map((c) => `${c} concurrent`)], httpRows),
    '### Raw SQL baselines: p50 / p95 / p99 in ms (transactions/s)',
    table(['statements of', 'statements', ...cs.map((c) => `${c} concurrent`), 'through Kysely + service, 1 client, p50 / p95'], rawRows),
    '### Ratios at p50, and SQL statements per request',
    ratioSection(r, cs),
    '### Where the time goes at 1 client (p50, ms)',
    "The raw baseline run once more through Kysely and the route's service in the bench process (one client, no HTTP): the difference to the replay is Kysely and the service; the rest of the endpoint's time is HTTP, Fastify, the route runner and serialising. p50s do not subtract exactly; read these as estimates. (GET /catalogue and the signed-in route use the session lookup's transaction, with no service work in it.)",
    timeSplitSection(r, cs),
    '### The signed-in floor and the audit log’s last page',
    floorSection(r, cs),
    '### Statements each raw baseline sent (as captured from Kysely, shortened)',
    statementsSection(r),
    '### Checks before measuring',
    r.checks.map((check) => `- ${check}`).join('\n'),
  ]
    .filter((part) => part !== '')
    .join('\n\n');
}

function howItMeasures(options: BenchOptions): string {
  return [
    `- The server runs as its own process (\`node --import tsx\`, as \`npm start\` does) on 127.0.0.1, on a fresh seeded database per size: production settings except no demo, log level warn and a rate limit high enough not to answer 429. The bench process is the load client: a closed loop of N clients on keep-alive connections, ${options.durationSeconds} s per cell after a ${options.warmupSeconds} s warm-up per endpoint; latency is measured per request (send to last byte).`,
    '- Signed in as the seeded owner, through the API (CSRF token, argon2 password check). Every endpoint request carries the session cookie. A request runs in one transaction (READ ONLY, REPEATABLE READ for GET) whose first statement resolves the session and sets the tenancy scope (`custodian_resolve_session`).',
    '- `GET /api/v1/bench/signed-in` is a contract-bound route (access `session`) registered by bench/server-child.ts through `bootServer(config, { extraRoutes })`; its handler does nothing, so it measures the whole signed-in request path (cookie → the one transaction with the resolve statement → reply). The trivial route `/bench/noop` (outside /api/v1, no cookie, no database) is the floor of HTTP, hooks, helmet and rate limiting.',
    "- Raw SQL: each route's service is run once inside `runTransaction` with `openRequest` as its first statement (exactly as the route runs it); Kysely records the statements (start transaction, the resolve + scope statement, the page's statements, commit), which are then replayed straight to pg (a pool of 10, as the server's) or PGlite (one transaction at a time, as the server's driver) at the same concurrency, without HTTP, Fastify or Kysely. The ratio is endpoint ÷ that transaction. `session lookup only` is start transaction + resolve + commit: what identifying the caller costs, and all the SQL GET /catalogue and the signed-in do-nothing route send, so it is their baseline. Baselines that send exactly the same statements (gap items and readiness) are measured once.",
    "- Through Kysely + service: each baseline's transaction is also run, one client at a time for up to 2 s, through Kysely and the service in the bench process (no HTTP), to split an endpoint's time into SQL, Kysely + service, and HTTP + Fastify + route runner + serialising.",
    '- Cold start: from spawning `apps/server/src/main.ts` to the first 200 from /api/v1/health (migrations, catalogue, boot), on an empty database (once per database kind) and on the seeded one.',
    "- Tenancy at scale: size XL seeds the same L organisation next to 1,000 small organisations on one database; the L organisation's endpoints are compared with the size L run (XL ÷ L).",
  ].join('\n');
}

/** The whole report, as printed and as written to docs/benchmarks.md. */
export function renderReport(input: { options: BenchOptions; facts: MachineFacts; results: readonly DbResult[]; seconds: number }): string {
  const { options, facts: f, results } = input;
  const machine = table(
    ['fact', 'value'],
    [
      ['CPU', `${f.cores} cores, ${f.cpuModel}`],
      ['memory', `${f.memoryGiB.toFixed(1)} GiB`],
      ['Node', f.node],
      ['kernel', f.kernel],
      ['load average at start (1 / 5 / 15 min)', f.loadAverage.map((l) => l.toFixed(2)).join(' / ')],
      [
        'load average when each run began (1 / 5 / 15 min)',
        results.map((r) => `${r.kind} ${r.size}: ${r.loadAverage.map((l) => l.toFixed(2)).join(' / ')}`).join('; '),
      ],
      ['started', f.startedAt.toISOString()],
    ],
  );
  return (
    [
      '# Benchmarks',
      `Written by \`npm run bench\`; every run overwrites this file (what the runs found and what was changed: [benchmark-fixes.md](benchmark-fixes.md)). Reproduce with:\n\n\`\`\`\n${options.command}\n\`\`\`\n\nTotal run time ${(input.seconds / 60).toFixed(1)} min. Not part of the tests.`,
      '## Machine',
      machine,
      `The load average is what the machine was already doing (other engineers' test runs share these ${f.cores} cores, and the load client, the server and the database share them too); read the absolute figures with it in mind, the ratios less so.`,
      '## How it measures',
      howItMeasures(options),
      '## Targets',
      verdicts(results, options),
      tenancySection(results, options),
      ...results.map((r) => dbSection(r, options)),
    ]
      .filter((part) => part !== '')
      .join('\n\n') + '\n'
  );
}
