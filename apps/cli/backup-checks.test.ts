import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../server/src/db/migrate.ts';
import { listTablesNotCoveredFor } from '../server/src/modules/backup/backup.repo.ts';
import { createBackup, exportOrganisation, restoreBackup, verifyBackupFile, type BackupSummary } from '../server/src/modules/backup/backup.service.ts';
import { freshDatabase, startTestServer, testDatabaseKind, type TestServer } from '../server/test/test-server.ts';
import { populate } from './backup-fixtures.ts';

/** The backup service in-process (on PGlite, or on PostgreSQL when TEST_DATABASE_URL is set): what it refuses and why. */
let server: TestServer;
let orgIds: string[];
let file: string;
let summary: BackupSummary;
const dir = mkdtempSync(join(tmpdir(), 'custodian-backup-checks-'));

beforeAll(async () => {
  server = await startTestServer();
  const { a, b } = await populate(server);
  orgIds = [a.orgId, b.orgId];
  file = join(dir, 'source.backup.gz');
  summary = await createBackup(server.deps.database, file);
  console.log(`backup on ${testDatabaseKind}: ${summary.rows} rows, ${summary.bytes} bytes, ${summary.ms} ms`);
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Rewrites a backup's lines; with rehash, recomputes the manifest's SHA-256 so only the content check is bypassed. */
function rewrite(name: string, edit: (lines: string[]) => string[], rehash = false): string {
  let lines = edit(gunzipSync(readFileSync(file)).toString('utf8').split('\n').filter((l) => l !== ''));
  if (rehash) {
    const manifestLine = lines.at(-1) ?? '';
    const content = lines.slice(0, -1);
    const [, manifest] = JSON.parse(manifestLine) as [string, Record<string, unknown>];
    manifest.sha256 = createHash('sha256').update(content.map((l) => `${l}\n`).join('')).digest('hex');
    lines = [...content, JSON.stringify(['manifest', manifest])];
  }
  const path = join(dir, name);
  writeFileSync(path, gzipSync(`${lines.join('\n')}\n`));
  return path;
}

async function expectRefusedIntoFresh(path: string, message: RegExp): Promise<void> {
  const target = await freshDatabase();
  try {
    await expect(restoreBackup(target.database, path)).rejects.toThrow(message);
    const tables = await target.ownerQuery<{ n: string | number }>(`select count(*) as n from pg_tables where schemaname = 'public'`);
    expect(Number(tables[0]?.n)).toBe(0);
  } finally {
    await target.drop();
  }
}

describe('backup and restore checks', () => {
  it('covers every table: the backup role reads and the restore role writes every row', async () => {
    expect(await listTablesNotCoveredFor(server.deps.database.db, 'custodian_maintenance', 'SELECT')).toEqual([]);
    expect(await listTablesNotCoveredFor(server.deps.database.db, 'custodian_restore', 'INSERT')).toEqual([]);
    expect(await listTablesNotCoveredFor(server.deps.database.db, 'custodian_restore', 'SELECT')).toEqual([]);
    const tables = await server.ownerQuery<{ tablename: string }>(`select tablename from pg_tables where schemaname = 'public'`);
    expect(Object.keys(summary.tables).sort()).toEqual(tables.map((t) => t.tablename).sort());
  });

  it('restores into an empty database with every organisation identical, and refuses a second restore', async () => {
    const target = await freshDatabase();
    try {
      const restored = await restoreBackup(target.database, file);
      expect(restored.rows).toBe(summary.rows - (summary.tables.schema_migrations ?? 0));
      for (const orgId of orgIds) expect(await exportOrganisation(target.database, orgId)).toBe(await exportOrganisation(server.deps.database, orgId));
      const users = await target.ownerQuery<{ n: string | number }>('select count(*) as n from users where password_hash like $1', ['$argon2%']);
      expect(Number(users[0]?.n)).toBe(3);
      await expect(restoreBackup(target.database, file)).rejects.toThrow(/The target database is not empty \(\w+ has \d+ rows\)/);
    } finally {
      await target.drop();
    }
  });

  it('refuses a file whose content was changed, and writes nothing', async () => {
    const edited = rewrite('edited.gz', (lines) => lines.map((l) => l.replace('backups nightly', 'backups weekly')));
    await expectRefusedIntoFresh(edited, /damaged or was changed after it was made/);
  });

  // restoreBackup verifies the whole file before it touches the database (shown above), so the
  // remaining refusals are checked on the file alone.
  it('refuses a truncated file, a file without its manifest, and a file that is not a backup', async () => {
    const bytes = readFileSync(file);
    const truncated = join(dir, 'truncated.gz');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(verifyBackupFile(truncated)).rejects.toThrow(/damaged or is not a Custodian backup/);
    await expect(verifyBackupFile(rewrite('no-manifest.gz', (lines) => lines.slice(0, -1)))).rejects.toThrow(/incomplete: it has no manifest/);
    await expect(verifyBackupFile(rewrite('extra-row.gz', (lines) => [...lines.slice(0, -1), '{"x":1}', ...lines.slice(-1)], true))).rejects.toThrow(/does not match its own manifest/);
    const other = join(dir, 'not-a-backup.gz');
    writeFileSync(other, gzipSync('{"hello":"world"}\n'));
    await expect(verifyBackupFile(other)).rejects.toThrow(/is not a Custodian backup/);
    await expect(verifyBackupFile(join(dir, 'missing.gz'))).rejects.toThrow(/does not exist/);
  });

  it('refuses a backup made by a newer version of Custodian, with a clear message', async () => {
    const newer = rewrite('newer.gz', (lines) => lines.map((l, i) => (i === 0 || i === lines.length - 1 ? l.replace(/"schemaVersion":\d+/, '"schemaVersion":999') : l)), true);
    await expect(verifyBackupFile(newer)).rejects.toThrow(/made by a newer version of Custodian \(schema version 999\); this version knows schema versions up to \d+\. Upgrade Custodian, then restore\./);
  });

  it('refuses to back up while a table with row-level security has no policy for the backup role', async () => {
    const fresh = await freshDatabase();
    try {
      await migrate(fresh.database.db);
      await fresh.ownerQuery(`create table extra_tenant (org_id uuid primary key);
        alter table extra_tenant enable row level security; alter table extra_tenant force row level security;
        create policy tenant_isolation on extra_tenant using (org_id = app_org_id())`);
      await expect(createBackup(fresh.database, join(dir, 'refused.gz'))).rejects.toThrow(/custodian_maintenance role cannot read every row of: extra_tenant/);
    } finally {
      await fresh.drop();
    }
  });

  it('exports one organisation deterministically, only its rows, without secrets', async () => {
    const [a, b] = orgIds as [string, string];
    const first = await exportOrganisation(server.deps.database, a);
    expect(await exportOrganisation(server.deps.database, a)).toBe(first);
    expect(first).not.toContain(b);
    expect(first).not.toMatch(/password_hash|totp_secret_enc|totp_pending_secret_enc|failed_logins|\$argon2/);
    const parsed = JSON.parse(first) as { tables: Record<string, Array<{ org_id: string }>>; users: Array<{ email: string }> };
    for (const rows of Object.values(parsed.tables)) for (const row of rows) expect(row.org_id).toBe(a);
    expect(parsed.tables.gap_entries?.length).toBe(2);
    expect(parsed.users.length).toBe(2);
    await expect(exportOrganisation(server.deps.database, '01900000-0000-7000-8000-000000000000')).rejects.toThrow(/was not found/);
    await expect(exportOrganisation(server.deps.database, 'not-an-id')).rejects.toThrow(/is not an organisation id/);
  });
});
