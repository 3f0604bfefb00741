/**
 * The integration tier's global setup: one migrated database that every test server starts as a copy
 * of, instead of running initdb and all the migrations for each (the PGlite tier spent most of its
 * time there). On PostgreSQL, a template database (`create database … template …`); on PGlite, a
 * dumped data directory in a temporary file. The migrations themselves are still tested: this setup
 * runs them, the schema test compares what they build, the backup tests restore into empty databases,
 * and the end-to-end suite and the start check boot on empty data directories.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';

export type DatabaseTemplate = { kind: 'postgresql'; name: string } | { kind: 'pglite'; path: string };

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplate: DatabaseTemplate;
  }
}

/** One statement on the PostgreSQL server as the admin user (creating and dropping test databases). */
export async function adminQuery(url: string, text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `custodian_template_${randomBytes(6).toString('hex')}`;
    await adminQuery(url, `create database ${name}`);
    const templateUrl = new URL(url);
    templateUrl.pathname = `/${name}`;
    const database = openPostgres(templateUrl.toString(), 1);
    try {
      await migrate(database.db);
    } finally {
      await database.close();
    }
    project.provide('databaseTemplate', { kind: 'postgresql', name });
    return () => adminQuery(url, `drop database if exists ${name} with (force)`);
  }
  const database = await openPglite(null);
  const dir = mkdtempSync(join(tmpdir(), 'custodian-template-'));
  try {
    await migrate(database.db);
    const image = await database.dump?.();
    if (!image) throw new Error('PGlite did not dump its data directory');
    const path = join(dir, 'migrated.tar');
    writeFileSync(path, Buffer.from(await image.arrayBuffer()));
    project.provide('databaseTemplate', { kind: 'pglite', path });
  } finally {
    await database.close();
  }
  return async () => rmSync(dir, { recursive: true, force: true });
}
