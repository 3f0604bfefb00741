/**
 * `npm run bench:acknowledgements`: the staff acknowledgement page and the coverage report for an
 * organisation with 5,000 staff and the twelve template policies (approved, assigned to the staff role,
 * about half acknowledged), in the server process on PostgreSQL: each measured as its route's work in a
 * read-only transaction (no HTTP). Baseline in the same run: a signed-in no-op (a read-only transaction
 * scoped to the organisation that reads nothing). Writes its section of docs/benchmarks.md between the
 * acknowledgements markers. Target: ≤ 50 ms p95 for each.
 *
 *   npm run bench:acknowledgements -- [--runs 50] [--pg-url postgres://postgres@127.0.0.1:5432/test]
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { documentTemplateKeys, peopleCoverageQuery } from '../packages/shared/src/contracts/documents.ts';
import { bootServer, type Server } from '../apps/server/src/boot.ts';
import { parseConfig } from '../apps/server/src/config.ts';
import type { BaseCtx } from '../apps/server/src/core/ctx.ts';
import { runAsMember } from '../apps/server/src/core/transaction.ts';
import { assignDocument, listMyPolicies, peopleCoverage, policyCoverage } from '../apps/server/src/modules/documents/acknowledgements.service.ts';
import { approveDocument, createDocument } from '../apps/server/src/modules/documents/documents.service.ts';
import { newBenchOrg } from './bench-org.ts';
import { createDatabase, serverVersion } from './databases.ts';
import { replaceMarkedSection } from './doc-section.ts';
import { table } from './report-format.ts';
import { insertRows } from './seed/insert-batch.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set((process.argv[i] ?? '').replace(/^--/, ''), process.argv[i + 1] ?? '');
const runs = Number(args.get('runs') ?? 50);
const adminUrl = args.get('pg-url') ?? 'postgres://postgres@127.0.0.1:5432/test';
const staffCount = 5_000;
const targetMs = 50;
const log = (line: string) => process.stdout.write(`${line}\n`);

const bench = await createDatabase('postgres', adminUrl);
const database = await bench.open();
let server: Server | null = null;
const timings = new Map<string, number[]>();
try {
  const parsed = parseConfig({
    CUSTODIAN_DATA_DIR: mkdtempSync(join(tmpdir(), 'custodian-ack-bench-')),
    CUSTODIAN_DEMO: 'false',
    CUSTODIAN_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    LOG_LEVEL: 'silent',
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  server = await bootServer(parsed.config, { database, isRunningTimedJobs: false });
  const deps = server.deps;
  const base = (): BaseCtx => ({ deps, now: new Date(), requestId: 'bench-ack', log: (server as Server).app.log });
  const owner = await newBenchOrg(base(), 'acknowledgements', 'Acknowledgement bench');
  const orgId = owner.org.id;
  const now = new Date().toISOString();
  const staff = Array.from({ length: staffCount }, (_, i) => ({ id: randomUUID(), email: `staff-${i}-${randomUUID()}@example.org`, name: `Staff member ${String(i).padStart(4, '0')} (demo)` }));
  await insertRows(database.db, 'users', [['id', 'uuid'], ['email', 'text'], ['name', 'text'], ['password_hash', 'text'], ['email_verified_at', 'timestamptz'], ['created_at', 'timestamptz']], staff.map((s) => ({ ...s, password_hash: 'not-a-login', email_verified_at: now, created_at: now })));
  await insertRows(database.db, 'memberships', [['org_id', 'uuid'], ['user_id', 'uuid'], ['role', 'text'], ['created_at', 'timestamptz']], staff.map((s) => ({ org_id: orgId, user_id: s.id, role: 'staff', created_at: now })));
  const documentIds: string[] = [];
  for (const templateKey of documentTemplateKeys) {
    const created = await runAsMember(base(), owner, (ctx) => createDocument(ctx, { templateKey }));
    await runAsMember(base(), owner, (ctx) => approveDocument(ctx, created.id, { version: created.version, isMajor: true, changeNote: 'First issue' }));
    await runAsMember(base(), owner, (ctx) => assignDocument(ctx, created.id, { role: 'staff' }));
    documentIds.push(created.id);
  }
  // About half of the staff acknowledged each policy (a different half for each).
  const acks = documentIds.flatMap((documentId, d) => staff.filter((_, i) => (i + d) % 2 === 0).map((s) => ({ org_id: orgId, document_id: documentId, user_id: s.id, major: 1, number: 1, acknowledged_at: now })));
  await insertRows(database.db, 'document_acknowledgements', [['org_id', 'uuid'], ['document_id', 'uuid'], ['user_id', 'uuid'], ['major', 'integer'], ['number', 'integer'], ['acknowledged_at', 'timestamptz']], acks);
  for (const t of ['users', 'memberships', 'documents', 'document_versions', 'document_assignments', 'document_acknowledgements']) await sql`analyze ${sql.raw(t)}`.execute(database.db);
  const someone = staff[1234] ?? staff[0];
  if (!someone) throw new Error('no staff seeded');
  const staffMember = { ...owner, actor: { userId: someone.id, userLabel: someone.name, orgId, role: 'staff' as const }, name: someone.name, email: someone.email };
  const firstPage = peopleCoverageQuery.parse({ limit: '50' });
  const outstanding = peopleCoverageQuery.parse({ limit: '50', outstanding: 'true' });
  const cases: Array<[string, () => Promise<unknown>]> = [
    ['baseline', () => runAsMember(base(), owner, async (ctx) => ctx.org.id, true)],
    ['mine', () => runAsMember(base(), staffMember, (ctx) => listMyPolicies(ctx), true)],
    ['policy', () => runAsMember(base(), owner, (ctx) => policyCoverage(ctx), true)],
    ['people', () => runAsMember(base(), owner, (ctx) => peopleCoverage(ctx, firstPage), true)],
    ['outstanding', () => runAsMember(base(), owner, (ctx) => peopleCoverage(ctx, outstanding), true)],
  ];
  for (let run = 0; run <= runs; run += 1) {
    for (const [key, work] of cases) {
      const started = performance.now();
      await work();
      if (run > 0) timings.set(key, [...(timings.get(key) ?? []), performance.now() - started]);
    }
  }
  const check = await runAsMember(base(), owner, (ctx) => policyCoverage(ctx), true);
  if (check.items.length !== 12 || check.items.some((i) => i.required !== staffCount || i.acknowledged !== staffCount / 2)) throw new Error(`coverage is wrong: ${JSON.stringify(check.items[0])}`);
  const version = await serverVersion(database);
  const sorted = (key: string) => [...(timings.get(key) ?? [])].sort((a, b) => a - b);
  const pick = (key: string, q: number) => sorted(key)[Math.min(sorted(key).length - 1, Math.floor(q * sorted(key).length))] ?? Number.NaN;
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const baseP50 = pick('baseline', 0.5);
  const labels: Array<[string, string]> = [
    ['mine', 'acknowledgement page (a staff member’s 12 policies with their text)'],
    ['policy', 'coverage per policy (12 policies × 5,000 staff)'],
    ['people', 'coverage per person, first page of 50'],
    ['outstanding', 'coverage per person, outstanding only, first page'],
    ['baseline', 'baseline: signed-in no-op (read-only scoped transaction)'],
  ];
  const rows = labels.map(([key, label]) => [label, ms(pick(key, 0.5)), ms(pick(key, 0.95)), `${(pick(key, 0.5) / baseP50).toFixed(1)}×`, key === 'baseline' ? '' : pick(key, 0.95) <= targetMs ? 'met' : 'not met']);
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
  const section = [
    '## Staff acknowledgement and coverage (5,000 staff)',
    '',
    'Written by `npm run bench:acknowledgements` (bench/acknowledgements.ts); only this section is replaced, and `npm run bench` keeps it.',
    '',
    `- Machine: ${availableParallelism()} cores, Node ${process.version}, load average at the end ${load}, PostgreSQL ${version}, ${new Date().toISOString()}.`,
    `- Method: one organisation with ${staffCount.toLocaleString('en-AU')} staff members and the 12 template policies, each approved, assigned to the Staff role and acknowledged by half of the staff (${acks.length.toLocaleString('en-AU')} acknowledgements); one warm-up and ${runs} measured runs of each route's work in a read-only transaction (no HTTP), with the baseline in the same runs.`,
    '',
    `Target (≤ ${targetMs} ms p95 each): ${rows.every((r) => r[4] !== 'not met') ? '**met**' : '**not met**'}.`,
    '',
    table(['what', 'p50', 'p95', '÷ baseline (p50)', 'target'], rows),
  ].join('\n');
  log(`\n${section}\n`);
  const outFile = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));
  const previous = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '';
  writeFileSync(outFile, replaceMarkedSection(previous, 'acknowledgements', section));
  log(`Written to ${outFile}`);
} finally {
  await server?.close();
  await database.close().catch(() => undefined);
  await bench.drop();
}
process.exit(0);
