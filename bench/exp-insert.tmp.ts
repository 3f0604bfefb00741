import { sql } from 'kysely';
import { randomUUID } from 'node:crypto';
import { createDatabase } from './databases.ts';
import { migrate } from '../apps/server/src/db/migrate.ts';
import { insertRows } from './seed/insert-batch.ts';
const kind = (process.argv[2] ?? 'postgres') as 'postgres' | 'pglite';
const bench = await createDatabase(kind, 'postgres://postgres@127.0.0.1:5432/test');
const database = await bench.open();
await migrate(database.db);
const cols = [['org_id','uuid'],['id','uuid'],['ref','text'],['name','text'],['kind','text'],['description','text'],['owner_user_id','uuid'],['classification','text'],['confidentiality','smallint'],['integrity','smallint'],['availability','smallint'],['location','text'],['created_at','timestamptz'],['updated_at','timestamptz']] as const;
async function run(label: string, setup?: string) {
  const orgId = randomUUID();
  await sql`insert into orgs (org_id, name) values (${orgId}, ${'x ' + orgId})`.execute(database.db).catch(async (e) => { console.log(String(e)); throw e; });
  const now = new Date().toISOString();
  const rows = Array.from({ length: 50000 }, (_, i) => ({ org_id: orgId, id: randomUUID(), ref: `A-${String(i + 1).padStart(4, '0')}`, name: `Asset ${i} (bench)`, kind: 'device', description: `Bench asset ${i}, seeded`, owner_user_id: null, classification: 'internal', confidentiality: 3, integrity: 3, availability: 3, location: `Room ${i % 40}`, created_at: now, updated_at: now }));
  const t = performance.now();
  await database.db.transaction().execute(async (trx) => {
    if (setup) await sql.raw(setup).execute(trx);
    await insertRows(trx as never, 'assets', cols, rows);
  });
  console.log(kind, label, (performance.now() - t).toFixed(0), 'ms');
}
await run('warm');
await run('all indexes');
await run('all indexes, pending 64MB', "set local gin_pending_list_limit = '64MB'");
await sql`drop index assets_name_trgm_idx; drop index assets_ref_trgm_idx`.execute(database.db).catch(async () => { await sql.raw('drop index assets_name_trgm_idx').execute(database.db); await sql.raw('drop index assets_ref_trgm_idx').execute(database.db); });
await run('no trigram');
await sql.raw('drop index assets_kind_name_idx; ').execute(database.db);
await sql.raw('drop index assets_classification_name_idx').execute(database.db);
await sql.raw('drop index assets_owner_name_idx').execute(database.db);
await run('no trigram, no filter idx');
await database.close(); await bench.drop();
