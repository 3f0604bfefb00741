import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startSmtpSink } from '../../../../e2e/support/smtp-sink.ts';
import { listGapItemIds, signUpOwnerOverHttp, type SignedInOwner } from './accounts.ts';
import { loopbackAgent } from './http-client.ts';
import { observeOverApi } from './observe.ts';
import { spawnServer, type ServerProcess } from './server-process.ts';
import { createTargetDatabase, type DatabaseKind, type TargetDatabase } from './target-database.ts';
import { assignClients, runWorkload, type WorkloadClient } from './workload.ts';
import { checkAgainstLedger, createLedger, type LedgerCheck, type WriteLedger } from './write-ledger.ts';

/**
 * Crash safety: kill -9 the server process in the middle of a stream of writes, restart it on the same
 * database, and check that every acknowledged write is there (and nothing nobody sent). On PGlite the
 * restart must also take over the lock file the killed process left behind.
 * CI runs one short cycle per database; `npm run soak` (SOAK=1) runs several longer ones.
 */
const isSoak = process.env.SOAK === '1';
const cycles = Number(process.env.CRASH_CYCLES ?? (isSoak ? 5 : 1));
const writeMs = Number(process.env.CRASH_WRITE_MS ?? (isSoak ? 5000 : 1500));
const writers = isSoak ? 24 : 12;

async function writeUntilKilled(server: ServerProcess, clients: WorkloadClient[], ledger: WriteLedger, cycle: number): Promise<{ acked: number; unknown: number }> {
  const ackedBefore = ledger.ackedCount();
  const unknownBefore = ledger.unknownCount();
  let isKilled = false;
  const workload = runWorkload({ clients, durationMs: writeMs + 30_000, maxRequestsPerClient: 5000, writeRatio: 1, ledger, tag: `crash${cycle}`, isStoppedOnError: true, shouldStop: () => isKilled, seed: cycle });
  // Kill once the stream is flowing: after writeMs and at least a few acknowledged writes (bounded by 20 s).
  const deadline = Date.now() + 20_000;
  const startedAt = Date.now();
  while (Date.now() < deadline && (Date.now() - startedAt < writeMs || ledger.ackedCount() - ackedBefore < 20)) await new Promise((r) => setTimeout(r, 20));
  await server.kill9();
  isKilled = true;
  await workload;
  return { acked: ledger.ackedCount() - ackedBefore, unknown: ledger.unknownCount() - unknownBefore };
}

async function crashAndRestart(kind: DatabaseKind): Promise<void> {
  const smtp = await startSmtpSink();
  const agent = loopbackAgent(writers + 4);
  let target: TargetDatabase | null = null;
  let server: ServerProcess | null = null;
  const lines: string[] = [];
  try {
    target = await createTargetDatabase(kind);
    const env = { ...target.env, SMTP_URL: `smtp://127.0.0.1:${smtp.port}` };
    server = await spawnServer({ env, dataDir: target.dataDir });
    const first = await signUpOwnerOverHttp(agent, server.port, smtp, 'Crash Clinic 1');
    const owners: SignedInOwner[] = [first, await signUpOwnerOverHttp(agent, server.port, smtp, 'Crash Clinic 2')];
    const itemIds = await listGapItemIds(first.client);
    const clients = await assignClients(owners, itemIds, writers);
    const ledger = createLedger();
    let last: LedgerCheck | null = null;
    for (let cycle = 1; cycle <= cycles; cycle += 1) {
      const killedPid = server.pid;
      const stream = await writeUntilKilled(server, clients, ledger, cycle);
      if (kind === 'pglite') {
        // kill -9 runs no shutdown code: the lock file still names the dead process.
        expect(readFileSync(target.lockFile, 'utf8').trim()).toBe(String(killedPid));
      }
      const restartedAt = Date.now();
      server = await spawnServer({ env, dataDir: target.dataDir, port: server.port });
      const restartMs = Date.now() - restartedAt;
      if (kind === 'pglite') expect(readFileSync(target.lockFile, 'utf8').trim()).toBe(String(server.pid));
      const { observed, chains } = await observeOverApi(owners.map((o) => ({ client: o.client, orgId: o.orgId })));
      last = checkAgainstLedger(ledger, observed);
      lines.push(
        `  cycle ${cycle}: killed pid ${killedPid} after ${stream.acked} acknowledged writes (${stream.unknown} in flight, outcome unknown); restarted in ${restartMs} ms; ` +
          `${last.ackedWrites} acknowledged in total, all present: ${last.problems.length === 0 ? 'yes' : 'NO'}; in-flight writes found committed: ${last.unknownCommitted}; chains ${chains.every((c) => c.isValid) ? 'intact' : 'BROKEN'}`,
      );
      expect(last.problems).toEqual([]);
      expect(last.actualChecksum).toBe(last.expectedChecksum);
      expect(chains.every((c) => c.isValid)).toBe(true);
      expect(stream.acked).toBeGreaterThan(0);
    }
    // The restarted server takes writes again, and they are kept too.
    const after = await runWorkload({ clients, durationMs: 1000, maxRequestsPerClient: 5, writeRatio: 1, ledger, tag: 'after' });
    expect(after.errorSamples).toEqual([]);
    const { observed } = await observeOverApi(owners.map((o) => ({ client: o.client, orgId: o.orgId })));
    const final = checkAgainstLedger(ledger, observed);
    expect(final.problems).toEqual([]);
    await server.stop();
    if (kind === 'pglite') expect(existsSync(target.lockFile)).toBe(false);
    console.log([`crash on ${kind}: ${cycles} × kill -9 during ${writers} concurrent writers (~${writeMs} ms each)`, ...lines, `  after the last restart: ${after.requests} more writes, 0 errors; final acknowledged ${final.ackedWrites}, audit events ${final.auditEvents}`].join('\n'));
  } finally {
    await server?.stop();
    agent.destroy();
    await smtp.close();
    await target?.cleanup();
  }
}

const timeout = (cycles * (writeMs + 45_000) + 90_000);

describe('reliability: crash (kill -9) during writes', () => {
  it('PGlite data directory: every acknowledged write survives, the stale lock is taken over', () => crashAndRestart('pglite'), timeout);
  it.skipIf(!process.env.TEST_DATABASE_URL)('PostgreSQL: every acknowledged write survives', () => crashAndRestart('postgresql'), timeout);
});
