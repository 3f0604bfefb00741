import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** Remembers each catalogue version the server has started with (runs as the schema owner at boot). */
export async function recordCatalogueVersion(db: Kysely<DB>, row: { checksum: string; catalogue_id: string; version: string }): Promise<void> {
  await db.insertInto('catalogue_versions').values(row).onConflict((oc) => oc.column('checksum').doNothing()).execute();
}
