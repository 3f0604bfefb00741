import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createPostgresDatabase, type PostgresDatabase } from '../server/test/reliability/postgres-database.ts';
import { startTestServer } from '../server/test/test-server.ts';
import { runCli } from './cli-process.ts';
import { populate, startServerOn } from './backup-fixtures.ts';
import { saveGapItem } from '../server/test/test-client.ts';

function workDir(): string {
  return mkdtempSync(join(tmpdir(), 'custodian-backup-'));
}

/**
 * export → backup → restore into an empty database → export again: the organisation's export must be
 * byte-for-byte identical. An edited backup file is refused before any database is opened.
 * (Refusals in detail, and both organisations, are in backup-checks.test.ts, in-process and faster.)
 */
async function roundTrip(source: Record<string, string>, target: Record<string, string>, orgId: string, dir: string): Promise<void> {
  const file = join(dir, 'custodian.backup.gz');
  const out = join(dir, 'before.json');
  const exported = await runCli(source, ['export', '--org', orgId, out]);
  expect(exported.status, exported.stderr).toBe(0);
  const before = readFileSync(out, 'utf8');
  const backup = await runCli(source, ['backup', file]);
  expect(backup.status, backup.stderr).toBe(0);
  expect(backup.stdout).toMatch(/Backed up \d+ rows of \d+ tables \(schema version \d+\)/);
  console.log(`cli backup: ${backup.stdout.trim()}`);

  const restore = await runCli(target, ['restore', file]);
  expect(restore.status, restore.stderr).toBe(0);
  // The two organisations and the platform organisation (the marketplace's trail, ADR 0019).
  expect(restore.stdout).toMatch(/3 of 3 organisations have an intact audit trail/);
  console.log(`cli restore: ${restore.stdout.split('\n')[0]}`);
  const after = await runCli(target, ['export', '--org', orgId, '-']);
  expect(after.status, after.stderr).toBe(0);
  expect(after.stdout).toBe(before);
  const parsed = JSON.parse(before) as { tables: Record<string, unknown[]>; users: Array<Record<string, unknown>> };
  expect(Object.keys(parsed.tables)).toEqual([
    'api_tokens',
    'asset_links',
    'assets',
    'audit_checklist_items',
    'audit_events',
    'audit_findings',
    'audit_heads',
    'audits',
    'calendar_feeds',
    'certificates',
    'certification_audits',
    'classification_schemes',
    'corrective_action_reminders',
    'corrective_actions',
    'document_acknowledgements',
    'document_assignments',
    'document_reminders',
    'document_versions',
    'documents',
    'effectiveness_reviews',
    'evidence_items',
    'evidence_links',
    'evidence_reminders',
    'former_members',
    'gap_entries',
    'invitations',
    'management_review_actions',
    'management_review_inputs',
    'management_reviews',
    'memberships',
    'nonconformities',
    'obligation_reminders',
    'org_controls',
    'orgs',
    'outbox',
    'plan_milestones',
    'plan_projections',
    'plans',
    'register_generations',
    'risk_acceptances',
    'risk_assets',
    'risk_methods',
    'risk_rescores',
    'risk_review_reminders',
    'risk_snapshots',
    'risk_tasks',
    'risks',
    'row_counts',
    'scope_items',
    'scope_statements',
    'soa_versions',
    'sso_domains',
    'sso_settings',
    'training_assignments',
    'training_completions',
    'training_items',
    'training_reminders',
    'training_team_members',
    'training_teams',
  ]);
  expect(parsed.users.length).toBe(2);
  expect(before).not.toMatch(/password_hash|totp_secret_enc|\$argon2/);

  const edited = join(dir, 'edited.backup.gz');
  writeFileSync(edited, gzipSync(gunzipSync(readFileSync(file)).toString('utf8').replace('second write wins', 'second write lost')));
  const untouched = join(dir, 'never-created');
  const refused = await runCli({ ...target, CUSTODIAN_DATA_DIR: untouched }, ['restore', edited]);
  expect(refused.status).toBe(1);
  expect(refused.stderr).toMatch(/damaged or was changed after it was made/);
  expect(existsSync(untouched)).toBe(false);
}

describe('cli backup / restore / export', () => {
  it('PGlite: an organisation’s full export is identical before backup and after restore', async () => {
    const server = await startTestServer({ isOnDisk: true });
    const { a } = await populate(server);
    await server.close();
    const dir = workDir();
    try {
      await roundTrip({ CUSTODIAN_DATA_DIR: server.deps.config.dataDir }, { CUSTODIAN_DATA_DIR: join(dir, 'restored') }, a.orgId, dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(server.deps.config.dataDir, { recursive: true, force: true });
    }
  }, 180_000);

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'PostgreSQL: the same round trip, and a backup taken while the server keeps writing is one consistent snapshot',
    async () => {
      const databases: PostgresDatabase[] = [];
      const database = async () => {
        const created = await createPostgresDatabase('custodian_cli');
        databases.push(created);
        return created;
      };
      const source = await database();
      const server = await startServerOn(source.url);
      const dir = workDir();
      try {
        const { a } = await populate(server);
        const target = await database();
        await roundTrip({ DATABASE_URL: source.url }, { DATABASE_URL: target.url }, a.orgId, dir);

        // Backup beside a live server: writes keep landing while it runs (bounded in count and time).
        let isBackupDone = false;
        let writes = 0;
        const writer = (async () => {
          const until = Date.now() + 60_000;
          while (!isBackupDone && writes < 2000 && Date.now() < until) {
            writes += 1;
            const item = writes % 2 === 0 ? 'iso27001:2022:A.5.2' : 'iso27001:2022:A.5.3';
            const reply = await saveGapItem(a.client, `/api/v1/gap/items/${item}`, { status: 'partial', notes: `live ${writes}` });
            if (reply.status !== 200) throw new Error(`live write failed: ${reply.status}`);
          }
        })();
        const live = join(dir, 'live.backup.gz');
        const backup = await runCli({ DATABASE_URL: source.url }, ['backup', live]);
        isBackupDone = true;
        await writer;
        expect(backup.status, backup.stderr).toBe(0);
        const liveTarget = await database();
        const restore = await runCli({ DATABASE_URL: liveTarget.url }, ['restore', live]);
        expect(restore.status, restore.stderr).toBe(0);
        // The two organisations and the platform organisation (the marketplace's trail, ADR 0019).
        expect(restore.stdout).toMatch(/3 of 3 organisations have an intact audit trail/);
        // In one snapshot every gap entry equals the last gap.updated event recorded for it.
        const rows = await liveTarget.query<{ item_id: string; notes: string; last_note: string | null }>(`
          select g.item_id, g.notes,
            (select e.after->>'notes' from audit_events e
              where e.org_id = g.org_id and e.action = 'gap.updated' and e.entity_id = g.item_id order by e.seq desc limit 1) as last_note
          from gap_entries g`);
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) expect({ item: row.item_id, notes: row.notes }).toEqual({ item: row.item_id, notes: row.last_note });
        console.log(`live backup on PostgreSQL: ${writes} writes ran beside it; restored copy consistent (${rows.length} gap entries)`);
      } finally {
        await server.close();
        for (const created of databases) await created.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    240_000,
  );
});
