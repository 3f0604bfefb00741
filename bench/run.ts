/**
 * `npm run bench -- --size L,XL --db postgres|pglite|both --duration 5`: for each database kind and each
 * size in order, seeds a fresh database, runs the real server against it, prints the tables and writes
 * docs/benchmarks.md. Not part of the tests.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseOptions } from './cli-options.ts';
import { carryMarkedSections, demoteHeadings, partialRunSection, replaceMarkedSection } from './doc-section.ts';
import { machineFacts, renderReport } from './report.ts';
import { sessionLookupKey } from './endpoints.ts';
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
  const targets = selectedTargets(options);
  const rawBaselines = new Set([sessionLookupKey, ...targets.map((t) => t.rawKey).filter((key) => key !== null)]).size;
  const cellSeconds = (targets.length + rawBaselines) * options.concurrencies.length * options.durationSeconds + targets.length * options.warmupSeconds;
  const runs = options.databases.length * options.sizes.length;
  log(`Custodian benchmarks: ${options.command}`);
  log(`${facts.cores} cores, ${facts.memoryGiB.toFixed(1)} GiB, Node ${facts.node}, load average ${facts.loadAverage.map((l) => l.toFixed(2)).join(' ')}`);
  log(
    `Measuring about ${Math.round(cellSeconds)} s per database and size (${runs} of them, ${Math.round((runs * cellSeconds) / 60)} min in all), plus seeding and cold starts.`,
  );
  const started = performance.now();
  const results: DbResult[] = [];
  for (const kind of options.databases) {
    for (const [i, size] of options.sizes.entries()) results.push(await runOnDatabase(kind, size, options, log, i === 0));
  }
  const report = renderReport({ options, facts, results, seconds: (performance.now() - started) / 1000 });
  const outFile = resolve(repoRoot, options.outFile);
  const previous = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '';
  // A run of some endpoints only (--only) is written as a section of its own, so it never replaces the
  // full run's tables; a full run rewrites the file, keeping the sections other benchmarks write.
  writeFileSync(outFile, options.only.length > 0 ? replaceMarkedSection(previous, partialRunSection, demoteHeadings(report)) : carryMarkedSections(previous, report));
  log(`\n${report}`);
  log(`Written to ${outFile}`);
  process.exit(0);
} catch (error) {
  process.stderr.write(`\nbench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  await cleanUp();
  process.exit(1);
}
