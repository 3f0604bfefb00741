/**
 * `npm run bench -- --size S|M|L --db postgres|pglite|both --duration 5`: seeds fresh databases, runs
 * the real server against them, prints the tables and writes docs/benchmarks.md. Not part of the tests.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseOptions } from './cli-options.ts';
import { machineFacts, renderReport } from './report.ts';
import { pendingCleanups, runOnDatabase, selectedTargets, type DbResult } from './run-database.ts';
import { repoRoot } from './server-process.ts';

async function cleanUp(): Promise<void> {
  for (const cleanup of [...pendingCleanups].reverse()) {
    pendingCleanups.delete(cleanup);
    await cleanup().catch((error: unknown) => process.stderr.write(`cleanup failed: ${String(error)}\n`));
  }
}

let isInterrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (isInterrupted) return;
    isInterrupted = true;
    process.stderr.write(`\n${signal}: stopping the server and dropping the bench databases…\n`);
    void cleanUp().then(() => process.exit(130));
  });
}

try {
  const options = parseOptions(process.argv.slice(2));
  const facts = machineFacts();
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const targets = selectedTargets({ sessionToken: '', userId: '', userLabel: '', orgId: '', memberCount: 1, auditEventCount: 1 }, options);
  const rawBaselines = new Set(['session-lookup', ...targets.map((t) => t.rawKey).filter((key) => key !== null)]).size;
  const cellSeconds = (targets.length + rawBaselines) * options.concurrencies.length * options.durationSeconds + targets.length * options.warmupSeconds;
  log(`Custodian benchmarks: ${options.command}`);
  log(`${facts.cores} cores, ${facts.memoryGiB.toFixed(1)} GiB, Node ${facts.node}, load average ${facts.loadAverage.map((l) => l.toFixed(2)).join(' ')}`);
  log(`Measuring about ${Math.round(cellSeconds)} s per database, plus seeding and cold starts.`);
  const started = performance.now();
  const results: DbResult[] = [];
  for (const kind of options.databases) results.push(await runOnDatabase(kind, options, log));
  const report = renderReport({ options, facts, results, seconds: (performance.now() - started) / 1000 });
  const outFile = resolve(repoRoot, options.outFile);
  writeFileSync(outFile, report);
  log(`\n${report}`);
  log(`Written to ${outFile}`);
  process.exit(0);
} catch (error) {
  process.stderr.write(`\nbench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  await cleanUp();
  process.exit(1);
}
