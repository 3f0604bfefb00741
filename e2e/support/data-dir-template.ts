/**
 * The end-to-end suite's global setup: one embedded data directory with every migration applied, which
 * each file's server starts from (a copy) instead of running initdb and the migrations again. The
 * first start on an empty directory is still tested end to end: demo.e2e.ts starts from an empty one,
 * and so does the start check on the machine's older Node (scripts/start-smoke.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPglite } from '../../apps/server/src/db/client.ts';
import { migrate } from '../../apps/server/src/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A data directory whose `pglite` folder holds a migrated, empty database. */
    e2eDataDirTemplate: string;
  }
}

export async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'custodian-e2e-template-'));
  const database = await openPglite(join(dir, 'pglite'));
  try {
    await migrate(database.db);
  } finally {
    await database.close();
  }
  project.provide('e2eDataDirTemplate', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
