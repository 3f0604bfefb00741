import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresDatabase } from './postgres-database.ts';

export type DatabaseKind = 'pglite' | 'postgresql';

/** Where a spawned server keeps its data: an embedded PGlite directory, or a fresh PostgreSQL database. */
export interface TargetDatabase {
  kind: DatabaseKind;
  /** CUSTODIAN_DATA_DIR (the PGlite database and its lock file live here). */
  dataDir: string;
  /** The lock file the server holds on an embedded data directory. */
  lockFile: string;
  env: Record<string, string>;
  /** Owner SQL on PostgreSQL; null on PGlite (only the server process may open its directory). */
  query: (<T>(text: string) => Promise<T[]>) | null;
  cleanup: () => Promise<void>;
}

export async function createTargetDatabase(kind: DatabaseKind): Promise<TargetDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), `custodian-reliability-${kind}-`));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (kind === 'pglite') return { kind, dataDir, lockFile: join(dataDir, 'custodian.lock'), env: {}, query: null, cleanup: async () => removeDir() };
  const database = await createPostgresDatabase();
  return {
    kind,
    dataDir,
    lockFile: join(dataDir, 'custodian.lock'),
    env: { DATABASE_URL: database.url },
    query: (text) => database.query(text),
    cleanup: async () => {
      await database.drop();
      removeDir();
    },
  };
}
