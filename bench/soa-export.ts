/**
 * `npm run bench:soa`: how long an approved Statement of Applicability (93 Annex A controls, each with an
 * implementation text, reasons, an owner; one excluded) takes to export as XLSX, DOCX and PDF: the route's
 * work (read the version in a read-only transaction, build the model, render the file), in the server
 * process, on PostgreSQL. Baselines in the same run: the gap-analysis workbook (about 150 rows, the export
 * the product already ships) and the scope statement's DOCX and PDF. Writes its section of
 * docs/benchmarks.md between the soa-export markers. Target: ≤ 300 ms per format.
 *
 *   npm run bench:soa -- [--runs 20] [--pg-url postgres://postgres@127.0.0.1:5432/test]
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { controlReasons } from '../packages/shared/src/contracts/controls.ts';
import { bootServer, type Server } from '../apps/server/src/boot.ts';
import { parseConfig } from '../apps/server/src/config.ts';
import type { BaseCtx } from '../apps/server/src/core/ctx.ts';
import { runAsMember } from '../apps/server/src/core/transaction.ts';
import { addControlReasons, listAllControls, updateControl } from '../apps/server/src/modules/gap/controls.service.ts';
import { buildGapExport, renderGapExport } from '../apps/server/src/modules/gap/gap.service.ts';
import { buildScopeStatementDocument, renderScopeStatement } from '../apps/server/src/modules/scope/scope.service.ts';
import { approveSoa, buildSoaExport, getSoaDraft, renderSoaExport } from '../apps/server/src/modules/soa/soa.service.ts';
import { newBenchOrg } from './bench-org.ts';
import { createDatabase, serverVersion } from './databases.ts';
import { replaceMarkedSection } from './doc-section.ts';
import { table } from './report-format.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set((process.argv[i] ?? '').replace(/^--/, ''), process.argv[i + 1] ?? '');
const runs = Number(args.get('runs') ?? 20);
const adminUrl = args.get('pg-url') ?? 'postgres://postgres@127.0.0.1:5432/test';
const targetMs = 300;
const log = (line: string) => process.stdout.write(`${line}\n`);

const statuses = ['implemented', 'partial', 'not_started'] as const;
const sentence = 'Configured in the practice management system and the cloud tenancy; reviewed each quarter by the practice manager with the IT provider, with changes recorded in the change log.';

const bench = await createDatabase('postgres', adminUrl);
const database = await bench.open();
let server: Server | null = null;
const timings = new Map<string, number[]>();
const time = async (key: string, work: () => Promise<unknown>) => {
  const started = performance.now();
  await work();
  const list = timings.get(key) ?? [];
  list.push(performance.now() - started);
  timings.set(key, list);
};
try {
  const parsed = parseConfig({
    CUSTODIAN_DATA_DIR: mkdtempSync(join(tmpdir(), 'custodian-soa-bench-')),
    CUSTODIAN_DEMO: 'false',
    CUSTODIAN_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    LOG_LEVEL: 'silent',
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  server = await bootServer(parsed.config, { database, isRunningTimedJobs: false });
  const deps = server.deps;
  const base = (): BaseCtx => ({ deps, now: new Date(), requestId: 'bench-soa', log: (server as Server).app.log });
  const member = await newBenchOrg(base(), 'SoA', 'SoA bench');
  // A register as a clinic would have it: every control described, owned and given reasons; one excluded.
  const controls = await runAsMember(base(), member, (ctx) => listAllControls(ctx), true);
  await runAsMember(base(), member, (ctx) => addControlReasons(ctx, { controlIds: controls.map((c) => c.controlId), reasons: ['good_practice', 'legal'] }));
  for (const [i, control] of controls.entries()) {
    const isExcluded = control.ref === 'A.7.5';
    const status = isExcluded ? 'not_applicable' : (statuses[i % statuses.length] ?? 'partial');
    await runAsMember(base(), member, (ctx) =>
      updateControl(ctx, control.controlId, {
        version: 1,
        status,
        reasons: isExcluded ? [] : [controlReasons[i % controlReasons.length] ?? 'good_practice'],
        implementation: `${control.title}: ${sentence}`,
        justification: isExcluded ? 'Fully cloud-hosted: no premises hold systems.' : '',
        noEvidenceReason: status === 'implemented' ? 'Shown live at audit.' : '',
        ownerUserId: member.actor.userId,
      }),
    );
  }
  const draft = await runAsMember(base(), member, (ctx) => getSoaDraft(ctx), true);
  if (draft.checks.length > 0) throw new Error(`the bench statement has problems: ${draft.checks[0]?.message ?? ''}`);
  await runAsMember(base(), member, (ctx) => approveSoa(ctx, { checksum: draft.checksum, note: 'Bench approval' }));
  for (let run = 0; run <= runs; run += 1) {
    const measured = run > 0;
    const go = (key: string, work: () => Promise<unknown>) => (measured ? time(key, work) : work());
    for (const format of ['xlsx', 'docx', 'pdf'] as const) {
      await go(`soa-${format}`, async () => renderSoaExport(await runAsMember(base(), member, (ctx) => buildSoaExport(ctx, 1), true), format));
    }
    await go('gap-xlsx', async () => renderGapExport(await runAsMember(base(), member, (ctx) => buildGapExport(ctx), true)));
    for (const format of ['docx', 'pdf'] as const) {
      await go(`scope-${format}`, async () => renderScopeStatement(await runAsMember(base(), member, (ctx) => buildScopeStatementDocument(ctx), true), format));
    }
  }
  const version = await serverVersion(database);
  const sorted = (key: string) => [...(timings.get(key) ?? [])].sort((a, b) => a - b);
  const pick = (key: string, q: number) => sorted(key)[Math.min(sorted(key).length - 1, Math.floor(q * sorted(key).length))] ?? Number.NaN;
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  const rows = (
    [
      ['XLSX', 'soa-xlsx', 'gap-xlsx', 'gap-analysis workbook'],
      ['DOCX', 'soa-docx', 'scope-docx', 'scope statement (DOCX)'],
      ['PDF', 'soa-pdf', 'scope-pdf', 'scope statement (PDF)'],
    ] as const
  ).map(([format, key, baseKey, baseLabel]) => {
    const [p50, p95, baseP50] = [pick(key, 0.5), pick(key, 0.95), pick(baseKey, 0.5)];
    return [format, ms(p50), ms(p95), baseLabel, ms(baseP50), `${(p50 / baseP50).toFixed(1)}×`, p95 <= targetMs ? 'met' : 'not met'];
  });
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
  const section = [
    '## Statement of Applicability export (93 controls)',
    '',
    'Written by `npm run bench:soa` (bench/soa-export.ts); only this section is replaced, and `npm run bench` keeps it.',
    '',
    `- Machine: ${availableParallelism()} cores, Node ${process.version}, load average at the end ${load}, PostgreSQL ${version}, ${new Date().toISOString()}.`,
    `- Method: an organisation whose 93 Annex A controls each carry an implementation text (about 200 characters), reasons and an owner (one excluded), approved as version 1; then one warm-up and ${runs} measured runs of what each export route does: read the version in a read-only transaction, build the model, render the file (no HTTP). Baselines in the same runs: the gap-analysis workbook (about 150 rows) and the scope statement's DOCX and PDF of the same organisation.`,
    '',
    `Target (≤ ${targetMs} ms per format, p95): ${rows.every((r) => r[6] === 'met') ? '**met**' : '**not met**'} (${rows.map((r) => `${r[0]} ${r[2]}`).join(', ')}).`,
    '',
    table(['format', 'p50', 'p95', 'baseline', 'baseline p50', 'SoA ÷ baseline (p50)', 'target'], rows),
  ].join('\n');
  log(`\n${section}\n`);
  const outFile = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));
  const previous = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '';
  writeFileSync(outFile, replaceMarkedSection(previous, 'soa-export', section));
  log(`Written to ${outFile}`);
} finally {
  await server?.close();
  await database.close().catch(() => undefined);
  await bench.drop();
}
process.exit(0);
