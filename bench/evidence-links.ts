/**
 * `node --import tsx bench/evidence-links.ts [pglite|postgres://…]`: times the two lookups of the
 * evidence link table at the issue's scale target (one organisation with 100,000 links over 10,000
 * items): "evidence of a control" (the list filtered by target, first page of 50 with its capped total)
 * and "what an item is evidence of", as the application role under row-level security, through the
 * module's own repo functions. Prints the median and 95th percentile of 30 runs each.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { loadCatalogue } from '@custodian/catalogue/load-catalogue.ts';
import { openPglite, openPostgres, type Database } from '../apps/server/src/db/client.ts';
import { migrate } from '../apps/server/src/db/migrate.ts';
import type { DB } from '../apps/server/src/db/schema.ts';
import type { Tx } from '../apps/server/src/db/with-org.ts';
import { listEvidenceRows, listLinkRows } from '../apps/server/src/modules/evidence/evidence.repo.ts';
import { evidenceListQuery } from '@custodian/shared/contracts/evidence.ts';
import { insertRows } from './seed/insert-batch.ts';

const items = 10_000;
const links = 100_000;
const runs = 30;

/** An empty database: in-memory PGlite, or a new database on the server (dropped by `drop`). */
async function open(target: string): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (target === 'pglite') {
    const database = await openPglite(null);
    return { database, drop: () => database.close() };
  }
  const name = `custodian_bench_ev_${Date.now()}`;
  const admin = async (statement: string) => {
    const connection = openPostgres(target, 1);
    await sql`${sql.raw(statement)}`.execute(connection.db);
    await connection.close();
  };
  await admin(`create database ${name}`);
  const url = new URL(target);
  url.pathname = `/${name}`;
  const database = openPostgres(url.toString(), 2);
  return {
    database,
    drop: async () => {
      await database.close();
      await admin(`drop database ${name}`);
    },
  };
}

async function seed(db: Kysely<DB>): Promise<{ orgId: string; control: string; rare: string; itemId: string }> {
  const orgId = randomUUID();
  const now = new Date().toISOString();
  await sql`insert into orgs (org_id, name, time_zone, created_at) values (${orgId}, 'Bench evidence clinic', 'Australia/Sydney', now())`.execute(db);
  const controls = loadCatalogue().catalogue.controls.map((c) => c.id);
  const ids = Array.from({ length: items }, () => randomUUID());
  await insertRows(
    db,
    'evidence_items',
    [['org_id', 'uuid'], ['id', 'uuid'], ['kind', 'text'], ['title', 'text'], ['note_text', 'text'], ['valid_until', 'date'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']],
    ids.map((id, i) => ({ org_id: orgId, id, kind: 'note', title: `Evidence ${String(i).padStart(5, '0')}`, note_text: 'Checked.', valid_until: i % 3 === 0 ? '2027-06-30' : null, created_at: now, updated_at: now })),
  );
  const rows: object[] = [];
  for (let i = 0; i < links; i += 1) {
    const evidenceId = ids[i % items] ?? '';
    const control = controls[Math.floor(i / items) * 7 + (i % 7)] ?? controls[0] ?? '';
    rows.push({ org_id: orgId, evidence_id: evidenceId, target_kind: 'control', target_id: control, created_at: now });
  }
  // A control only three items are evidence of: the list cannot stop early in title order.
  for (const id of ids.slice(-3)) rows.push({ org_id: orgId, evidence_id: id, target_kind: 'control', target_id: controls[80] ?? '', created_at: now });
  await insertRows(db, 'evidence_links', [['org_id', 'uuid'], ['evidence_id', 'uuid'], ['target_kind', 'text'], ['target_id', 'text'], ['created_at', 'timestamptz']], rows);
  await sql`analyze evidence_items`.execute(db);
  await sql`analyze evidence_links`.execute(db);
  return { orgId, control: controls[3] ?? '', rare: controls[80] ?? '', itemId: ids[42] ?? '' };
}

async function timeIt(db: Kysely<DB>, orgId: string, work: (tx: Tx) => Promise<unknown>): Promise<{ median: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await db.transaction().execute(async (tx) => {
      await sql`select set_config('app.org_id', ${orgId}, true)`.execute(tx);
      await sql`set local role custodian_app`.execute(tx);
      await work(tx);
    });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(runs / 2)] ?? 0, p95: times[Math.floor(runs * 0.95)] ?? 0 };
}

const target = process.argv[2] ?? 'pglite';
const { database, drop } = await open(target);
await migrate(database.db);
const { orgId, control, rare, itemId } = await seed(database.db);
const days = { today: '2026-12-04', expiringBy: '2027-01-03' };
const byControl = evidenceListQuery.parse({ targetKind: 'control', targetId: control, limit: '50' });
const page = await timeIt(database.db, orgId, (tx) => listEvidenceRows(tx, orgId, byControl, days));
const rarePage = await timeIt(database.db, orgId, (tx) => listEvidenceRows(tx, orgId, evidenceListQuery.parse({ targetKind: 'control', targetId: rare, limit: '50' }), days));
const targets = await timeIt(database.db, orgId, (tx) => listLinkRows(tx, orgId, itemId));
const counted = await database.db.transaction().execute(async (tx) => {
  await sql`select set_config('app.org_id', ${orgId}, true)`.execute(tx);
  return listEvidenceRows(tx, orgId, byControl, days);
});
console.log(`${target === 'pglite' ? 'PGlite' : 'PostgreSQL'}: ${items.toLocaleString('en-AU')} items, ${links.toLocaleString('en-AU')} links`);
console.log(`  evidence of one control (first page of 50, total ${counted.total.isExact ? '' : 'more than '}${counted.total.count}): median ${page.median.toFixed(1)} ms, p95 ${page.p95.toFixed(1)} ms`);
console.log(`  evidence of a control only 3 items are evidence of: median ${rarePage.median.toFixed(1)} ms, p95 ${rarePage.p95.toFixed(1)} ms`);
console.log(`  what one item is evidence of (${(await database.db.transaction().execute(async (tx) => (await sql`select set_config('app.org_id', ${orgId}, true)`.execute(tx), listLinkRows(tx, orgId, itemId)))).length} links): median ${targets.median.toFixed(1)} ms, p95 ${targets.p95.toFixed(1)} ms`);
await drop();
