/**
 * `npm run db:schema`: migrates an empty embedded database and writes apps/server/src/db/schema.ts
 * (the Kysely table types) from what the migrations built. Run it after adding a migration;
 * `npm run new-module` runs it for you.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openPglite } from '../apps/server/src/db/client.ts';
import { migrate } from '../apps/server/src/db/migrate.ts';
import { generateSchemaSource } from '../apps/server/src/db/schema-gen.ts';

const target = fileURLToPath(new URL('../apps/server/src/db/schema.ts', import.meta.url));

/** Regenerates schema.ts from the migrations; returns its path. */
export async function writeSchemaFile(): Promise<string> {
  const database = await openPglite(null);
  try {
    await migrate(database.db);
    writeFileSync(target, await generateSchemaSource(database.db));
    return target;
  } finally {
    await database.close();
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.write(`Wrote ${await writeSchemaFile()}\n`);
}
