import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/test-server.ts';
import { migrate } from './migrate.ts';
import { generateSchemaSource } from './schema-gen.ts';

let fresh: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  fresh = await freshDatabase();
  await migrate(fresh.database.db);
});
afterAll(async () => fresh.drop());

describe('schema.ts', () => {
  it('is what the migrations build (run `npm run db:schema` after adding a migration)', async () => {
    const committed = readFileSync(new URL('./schema.ts', import.meta.url), 'utf8');
    expect(await generateSchemaSource(fresh.database.db)).toBe(committed);
  });
});
