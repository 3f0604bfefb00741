import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/db/client.ts';
import { createBackup, exportOrganisation, restoreBackup } from '../../src/modules/backup/backup.service.ts';
import { startSmtpSink } from '../../../../e2e/support/smtp-sink.ts';
import { listGapItemIds, signUpOwnerOverHttp, type SignedInOwner } from './accounts.ts';
import { loopbackAgent } from './http-client.ts';
import { observeOverApi, observeOverSql } from './observe.ts';
import { createPostgresDatabase } from './postgres-database.ts';
import { spawnServer, type ServerProcess } from './server-process.ts';
import { createTargetDatabase, type TargetDatabase } from './target-database.ts';
import { assignClients, runWorkload } from './workload.ts';
import { checkAgainstLedger, createLedger } from './write-ledger.ts';

/**
 * Load over loopback against the real server process on PostgreSQL: many concurrent clients of mixed
 * reads and writes for a fixed time; no request may fail and every acknowledged write must be in the
 * database afterwards (final state per item, one audit event per write, intact hash chains).
 * CI runs the short form; `npm run soak` (SOAK=1) the full one: 200 clients for 60 s.
 */
const isSoak = process.env.SOAK === '1';
const clientCount = Number(process.env.LOAD_CLIENTS ?? (isSoak ? 200 : 50));
const seconds = Number(process.env.LOAD_SECONDS ?? (isSoak ? 60 : 8));
const orgCount = isSoak ? 5 : 3;

/** Backs up the loaded database, restores it into a new one and compares every organisation's export. */
async function backupRoundTrip(sourceUrl: string, orgIds: string[], file: string): Promise<string> {
  const source = openPostgres(sourceUrl, 2);
  const copy = await createPostgresDatabase('custodian_rel_copy');
  const target = openPostgres(copy.url, 2);
  try {
    const backup = await createBackup(source, file);
    const restored = await restoreBackup(target, file);
    for (const orgId of orgIds) expect(await exportOrganisation(target, orgId)).toBe(await exportOrganisation(source, orgId));
    return `  backup of the loaded database: ${backup.rows} rows, ${(backup.bytes / 1024).toFixed(0)} KiB gzip, ${backup.ms} ms (incl. read-back check); restore ${restored.ms} ms; every organisation's export identical`;
  } finally {
    await source.close();
    await target.close();
    await copy.drop();
  }
}

describe('reliability: load', () => {
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    `${clientCount} clients × ${seconds} s of mixed reads and writes on PostgreSQL: no errors, every acknowledged write present`,
    async () => {
      const smtp = await startSmtpSink();
      const agent = loopbackAgent(clientCount + 8);
      let target: TargetDatabase | null = null;
      let server: ServerProcess | null = null;
      try {
        target = await createTargetDatabase('postgresql');
        server = await spawnServer({ env: { ...target.env, SMTP_URL: `smtp://127.0.0.1:${smtp.port}` }, dataDir: target.dataDir });
        const owners: SignedInOwner[] = [];
        for (let i = 0; i < orgCount; i += 1) owners.push(await signUpOwnerOverHttp(agent, server.port, smtp, `Load Clinic ${i + 1}`));
        const [first] = owners;
        if (!first) throw new Error('no organisation signed up');
        const itemIds = await listGapItemIds(first.client);
        const clients = await assignClients(owners, itemIds, clientCount);
        const ledger = createLedger();

        const result = await runWorkload({ clients, durationMs: seconds * 1000, maxRequestsPerClient: seconds * 400, writeRatio: 0.3, ledger, tag: 'load', seed: 42 });

        const query = target.query;
        if (!query) throw new Error('no SQL access');
        const check = checkAgainstLedger(ledger, await observeOverSql(query, owners.map((o) => o.orgId)));
        const { chains } = await observeOverApi(owners.map((o) => ({ client: o.client, orgId: o.orgId })));
        const backupLine = await backupRoundTrip(target.env.DATABASE_URL ?? '', owners.map((o) => o.orgId), join(target.dataDir, 'load.backup.gz'));
        console.log(
          [
            `load on PostgreSQL: ${clientCount} clients × ${seconds} s over loopback (${orgCount} organisations, ${owners.length} sessions shared by all clients)`,
            `  ${result.requests} requests in ${result.elapsedMs} ms = ${result.requestsPerSecond} req/s; errors ${result.errors}`,
            `  latency all   p50 ${result.all.p50} ms  p95 ${result.all.p95} ms  p99 ${result.all.p99} ms  max ${result.all.max} ms`,
            `  latency reads p50 ${result.reads.p50} ms  p95 ${result.reads.p95} ms (${result.reads.count}); writes p50 ${result.writes.p50} ms  p95 ${result.writes.p95} ms (${result.writes.count})`,
            `  acknowledged writes ${check.ackedWrites}; gap.updated events ${check.auditEvents}; state checksum ${check.actualChecksum === check.expectedChecksum ? 'matches' : 'DIFFERS'} (${check.expectedChecksum.slice(0, 16)}…)`,
            `  audit chains: ${chains.map((c) => `${c.isValid ? 'intact' : 'BROKEN'} (${c.checked})`).join(', ')}`,
            backupLine,
          ].join('\n'),
        );

        expect(result.errorSamples).toEqual([]);
        expect(result.errors).toBe(0);
        expect(check.ackedWrites).toBeGreaterThan(0);
        expect(check.problems).toEqual([]);
        expect(check.auditEvents).toBe(check.ackedWrites);
        expect(check.actualChecksum).toBe(check.expectedChecksum);
        expect(chains.every((c) => c.isValid)).toBe(true);
        expect(server.output()).not.toMatch(/"level":(50|60)/);
      } finally {
        await server?.stop();
        agent.destroy();
        await smtp.close();
        await target?.cleanup();
      }
    },
    (seconds + 150) * 1000,
  );
});
