/**
 * `npm run db:schema`: migrates an empty embedded database and writes apps/server/src/db/schema.ts
 * (the Kysely table types) from what the migrations built. Run it after adding a migration.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openPglite } from '../apps/server/src/db/client.ts';
import { migrate } from '../apps/server/src/db/migrate.ts';
import { generateSchemaSource } from '../apps/server/src/db/schema-gen.ts';

const target = fileURLToPath(new URL('../apps/server/src/db/schema.ts', import.meta.url));
const database = await openPglite(null);
try {
  await migrate(database.db);
  writeFileSync(target, await generateSchemaSource(database.db));
  process.stdout.write(`Wrote ${target}\n`);
} finally {
  await database.close();
}
