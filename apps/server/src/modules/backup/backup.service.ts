import { createHash } from 'node:crypto';
import { AppError, notFound } from '@custodian/shared/errors.ts';
import type { Database } from '../../db/client.ts';
import { listMigrations, migrate } from '../../db/migrate.ts';
import { withRestore, withSnapshot } from '../../db/with-org.ts';
import { canonicalJson } from '../../lib/canonical-json.ts';
import {
  backupFormat,
  backupFormatVersion,
  parseControlLine,
  parseHeader,
  readGzipLines,
  tableLine,
  writeGzipLines,
  type BackupHeader,
  type BackupManifest,
} from './backup-file.ts';
import {
  countRows,
  insertRows,
  listTables,
  listTablesNotCoveredFor,
  listTenantTableNames,
  orgExists,
  readOrgMemberUsers,
  readOrgRows,
  readSchemaVersion,
  readTableRows,
  type TableInfo,
} from './backup.repo.ts';

/** The migration that created the backup and restore roles: older databases cannot be backed up. */
const firstBackupSchemaVersion = 3;
/** Tables the target may already hold rows of (written by migrating or starting the server). */
const migrationsTable = 'schema_migrations';
const mergedTables = new Set(['catalogue_versions', 'table_registry']);
const batchRows = 1000;
const batchChars = 4_000_000;

export interface BackupSummary {
  file: string;
  bytes: number;
  sha256: string;
  schemaVersion: number;
  tables: Record<string, number>;
  rows: number;
  ms: number;
}

export interface RestoreSummary {
  file: string;
  backupSchemaVersion: number;
  schemaVersion: number;
  tables: Record<string, number>;
  rows: number;
  ms: number;
}

function latestSchemaVersion(): number {
  return listMigrations().at(-1)?.version ?? 0;
}

/** Tables in an order where every table comes after the tables it references (ties by name). */
export function restoreOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const ordered: TableInfo[] = [];
  while (ordered.length < tables.length) {
    const next = tables.filter((t) => !done.has(t.name) && t.references.every((r) => done.has(r) || !byName.has(r)));
    if (next.length === 0) throw new AppError('internal', 'The tables reference each other in a cycle; backups cannot order them.');
    for (const table of next.sort((a, b) => a.name.localeCompare(b.name))) {
      done.add(table.name);
      ordered.push(table);
    }
  }
  return ordered;
}

function refuseUncovered(tables: string[], role: string, what: string): void {
  if (tables.length === 0) return;
  throw new AppError('internal', `The ${role} role cannot ${what} every row of: ${tables.join(', ')}. A migration must grant it and add a policy for it (see migration 0003).`);
}

/**
 * Writes a backup of every table (tenant and global) taken in one REPEATABLE READ, read-only
 * snapshot, so the file is consistent even while the server keeps writing (PostgreSQL).
 */
export async function createBackup(database: Database, file: string, clock: () => Date = () => new Date()): Promise<BackupSummary> {
  const started = Date.now();
  const current = await readSchemaVersion(database.db);
  if (current === null || current < firstBackupSchemaVersion) {
    throw new AppError('validation_failed', `The database is at schema version ${current ?? 0}; backups need version ${firstBackupSchemaVersion} or later. Start Custodian once so it migrates the database, then back up.`);
  }
  const summary = await withSnapshot(database.db, async (trx) => {
    refuseUncovered(await listTablesNotCoveredFor(trx, 'custodian_maintenance', 'SELECT'), 'custodian_maintenance', 'read');
    const tables = restoreOrder(await listTables(trx));
    const schemaVersion = (await readSchemaVersion(trx)) ?? 0;
    const header: BackupHeader = { format: backupFormat, formatVersion: backupFormatVersion, schemaVersion, createdAt: clock().toISOString(), databaseKind: database.kind };
    const hash = createHash('sha256');
    const counts: Record<string, number> = {};
    let sha256 = '';
    async function* lines(): AsyncGenerator<string> {
      const headerLine = `${JSON.stringify(header)}\n`;
      hash.update(headerLine);
      yield headerLine;
      for (const table of tables) {
        const section = `${tableLine(table.name, table.columns)}\n`;
        hash.update(section);
        yield section;
        counts[table.name] = 0;
        for await (const rows of readTableRows(trx, table, batchRows)) {
          const chunk = `${rows.join('\n')}\n`;
          hash.update(chunk);
          counts[table.name] = (counts[table.name] ?? 0) + rows.length;
          yield chunk;
        }
      }
      sha256 = hash.digest('hex');
      const manifest: BackupManifest = { ...header, tables: counts, sha256 };
      yield `${JSON.stringify(['manifest', manifest])}\n`;
    }
    const bytes = await writeGzipLines(file, lines());
    return { file, bytes, sha256, schemaVersion, tables: counts, rows: Object.values(counts).reduce((a, b) => a + b, 0) };
  });
  // Read the file back before calling it a backup: a file that cannot be restored is not one.
  await verifyBackupFile(file);
  return { ...summary, ms: Date.now() - started };
}

export interface VerifiedBackup {
  manifest: BackupManifest;
  columns: Map<string, string[]>;
  migrations: Array<{ version: number; name: string; checksum: string }>;
}

/**
 * Reads the whole file once and checks it without touching any database: format, that it is
 * complete, the content hash and the row counts against the manifest, and that this version of
 * Custodian knows its schema version and migrations.
 */
export async function verifyBackupFile(file: string): Promise<VerifiedBackup> {
  const hash = createHash('sha256');
  const counts: Record<string, number> = {};
  const columns = new Map<string, string[]>();
  const migrations: VerifiedBackup['migrations'] = [];
  let header: BackupHeader | null = null;
  let manifest: BackupManifest | null = null;
  let table: string | null = null;
  for await (const line of readGzipLines(file)) {
    if (manifest) throw new AppError('validation_failed', `The backup file ${file} has content after its manifest; it is damaged.`);
    if (!header) {
      header = parseHeader(line, file);
    } else if (line.startsWith('[')) {
      const control = parseControlLine(line);
      if (control.kind === 'manifest') {
        manifest = control.manifest;
        continue;
      }
      table = control.name;
      columns.set(table, control.columns);
      counts[table] = 0;
    } else {
      if (!table) throw new AppError('validation_failed', `The backup file ${file} has a row outside any table; it is damaged.`);
      counts[table] = (counts[table] ?? 0) + 1;
      if (table === migrationsTable) migrations.push(JSON.parse(line) as VerifiedBackup['migrations'][number]);
    }
    hash.update(`${line}\n`);
  }
  if (!header) throw new AppError('validation_failed', `${file} is not a Custodian backup.`);
  if (!manifest) throw new AppError('validation_failed', `The backup file ${file} is incomplete: it has no manifest (was the backup interrupted?).`);
  if (manifest.sha256 !== hash.digest('hex')) {
    throw new AppError('validation_failed', `The backup file ${file} is damaged or was changed after it was made: its content does not match the SHA-256 recorded in its manifest. Nothing was restored.`);
  }
  if (canonicalJson(manifest.tables) !== canonicalJson(counts) || manifest.schemaVersion !== header.schemaVersion) {
    throw new AppError('validation_failed', `The backup file ${file} does not match its own manifest (row counts or schema version); it is damaged.`);
  }
  const verified = { manifest, columns, migrations };
  checkCompatible(verified, file);
  return verified;
}

function checkCompatible(backup: VerifiedBackup, file: string): void {
  const latest = latestSchemaVersion();
  if (backup.manifest.schemaVersion > latest) {
    throw new AppError('validation_failed', `The backup ${file} was made by a newer version of Custodian (schema version ${backup.manifest.schemaVersion}); this version knows schema versions up to ${latest}. Upgrade Custodian, then restore.`);
  }
  const shipped = new Map(listMigrations().map((m) => [m.version, m]));
  for (const applied of backup.migrations) {
    const ours = shipped.get(applied.version);
    if (!ours || ours.checksum !== applied.checksum) {
      throw new AppError('validation_failed', `The backup ${file} was made with a different migration ${applied.name} than this version of Custodian ships; it cannot be restored by this version.`);
    }
  }
}

async function refuseNonEmpty(database: Database | { db: Database['db'] }, tables: TableInfo[]): Promise<void> {
  for (const table of tables) {
    if (table.name === migrationsTable || mergedTables.has(table.name)) continue;
    const rows = await countRows(database.db, table.name);
    if (rows > 0) throw new AppError('conflict', `The target database is not empty (${table.name} has ${rows} rows). Restore into a new, empty database.`);
  }
}

/**
 * Restores a backup into an empty database (verifying the file first unless the caller just did):
 * refuses a newer schema version or a non-empty target, migrates it to the backup's schema version,
 * loads every table in one transaction as custodian_restore (all or nothing), checks the counts,
 * then applies the newer migrations this version ships.
 */
export async function restoreBackup(database: Database, file: string, verified?: VerifiedBackup): Promise<RestoreSummary> {
  const started = Date.now();
  const backup = verified ?? (await verifyBackupFile(file));
  const target = await readSchemaVersion(database.db);
  if (target !== null && target > backup.manifest.schemaVersion) {
    throw new AppError('conflict', `The target database is already at schema version ${target}, newer than the backup's ${backup.manifest.schemaVersion}. Restore into a new, empty database; Custodian migrates it after restoring.`);
  }
  await refuseNonEmpty(database, await listTables(database.db));
  await migrate(database.db, { upTo: backup.manifest.schemaVersion });
  const restored: Record<string, number> = {};
  await withRestore(database.db, async (trx) => {
    refuseUncovered(await listTablesNotCoveredFor(trx, 'custodian_restore', 'INSERT'), 'custodian_restore', 'write');
    refuseUncovered(await listTablesNotCoveredFor(trx, 'custodian_restore', 'SELECT'), 'custodian_restore', 'read');
    const tables = new Map((await listTables(trx)).map((t) => [t.name, t]));
    await refuseNonEmpty({ db: trx }, [...tables.values()]);
    let table: string | null = null;
    let batch: string[] = [];
    let batchSize = 0;
    const flush = async () => {
      const rows = batch;
      batch = [];
      batchSize = 0;
      // The target's own migration history stands in for the backup's (checked to be the same).
      if (!table || rows.length === 0 || table === migrationsTable) return;
      await insertRows(trx, table, `[${rows.join(',')}]`, mergedTables.has(table));
    };
    let isHeader = true;
    for await (const line of readGzipLines(file)) {
      if (isHeader) {
        isHeader = false;
        continue;
      }
      if (line.startsWith('[')) {
        await flush();
        const control = parseControlLine(line);
        if (control.kind === 'manifest') break;
        const columns = tables.get(control.name)?.columns;
        if (!columns || columns.join(',') !== control.columns.join(',')) {
          throw new AppError('validation_failed', `The table ${control.name} in the backup does not match this database's schema; nothing was restored.`);
        }
        table = control.name;
        continue;
      }
      batch.push(line);
      batchSize += line.length;
      if (batch.length >= batchRows || batchSize >= batchChars) await flush();
    }
    await flush();
    for (const [name, expected] of Object.entries(backup.manifest.tables)) {
      if (name === migrationsTable) continue;
      const actual = await countRows(trx, name);
      restored[name] = actual;
      if (mergedTables.has(name) ? actual < expected : actual !== expected) {
        throw new AppError('internal', `Restoring ${name} gave ${actual} rows where the backup has ${expected}; nothing was restored.`);
      }
    }
  });
  const schemaVersion = await migrate(database.db);
  return {
    file,
    backupSchemaVersion: backup.manifest.schemaVersion,
    schemaVersion,
    tables: restored,
    rows: Object.values(restored).reduce((a, b) => a + b, 0),
    ms: Date.now() - started,
  };
}

/**
 * A full, deterministic JSON export of one organisation from one consistent snapshot: every row of
 * every tenant table (sorted by primary key, keys sorted) and its members' user records without
 * password hashes, MFA secrets or lockout state, and no single sign-on client secret. The same data always
 * gives the same bytes.
 */
export async function exportOrganisation(database: Database, orgId: string): Promise<string> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(orgId)) {
    throw new AppError('validation_failed', `${orgId} is not an organisation id (a UUID such as 0190f1c2-…).`);
  }
  return withSnapshot(database.db, async (trx) => {
    refuseUncovered(await listTablesNotCoveredFor(trx, 'custodian_maintenance', 'SELECT'), 'custodian_maintenance', 'read');
    if (!(await orgExists(trx, orgId))) throw notFound(`The organisation ${orgId}`);
    const registered = await listTenantTableNames(trx);
    const tenantTables = (await listTables(trx)).filter((t) => registered.has(t.name) && t.hasOrgId).sort((a, b) => a.name.localeCompare(b.name));
    const tables: Record<string, unknown[]> = {};
    for (const table of tenantTables) tables[table.name] = (await readOrgRows(trx, table, orgId)).map((row) => JSON.parse(row) as unknown);
    const users = (await readOrgMemberUsers(trx, orgId)).map((row) => JSON.parse(row) as unknown);
    const document = { format: 'custodian-org-export', formatVersion: 1, schemaVersion: (await readSchemaVersion(trx)) ?? 0, orgId, tables, users };
    return `${JSON.stringify(JSON.parse(canonicalJson(document)), null, 2)}\n`;
  });
}
