/**
 * `npm run bench:matching-candidates [-- --pg-url postgres://…]`: what approving a request costs before
 * the ranking — the one statement that loads every listed provider with its claims, verifications and
 * lead record (`listMatchCandidates`), and the mapping that decides which badges still hold — with
 * 1,000 and 10,000 providers on PostgreSQL and PGlite, beside the ranking itself and a trivial
 * statement on the same connection as the baseline. Writes its own section of docs/benchmarks.md.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { matchProviders, type MatchRequest } from '../packages/shared/src/domain/matching.ts';
import { migrate } from '../apps/server/src/db/migrate.ts';
import type { Tx } from '../apps/server/src/db/with-org.ts';
import { listMatchCandidates } from '../apps/server/src/modules/marketplace/matching.repo.ts';
import { toMatchProvider } from '../apps/server/src/modules/marketplace/matching.service.ts';
import { claimSha256 } from '../apps/server/src/modules/marketplace/provider-claims.ts';
import { accreditationClaimOf, profileClaimOf } from '../apps/server/src/modules/marketplace/provider-dto.ts';
import { createDatabase, serverVersion, type DbKind } from './databases.ts';
import { replaceMarkedSection } from './doc-section.ts';
import { percentile } from './load.ts';
import { ms, table } from './report-format.ts';

const sizes = [1_000, 10_000];
const runs = 20;
const today = '2026-12-03';
const adminUrl = process.argv.includes('--pg-url') ? (process.argv[process.argv.indexOf('--pg-url') + 1] ?? '') : 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Listed providers as the operator's console leaves them: half consultancies, 30 % certification bodies
 * (each with a verified JAS-ANZ accreditation), 20 % trainers, every profile verified, 10 % of the
 * profiles edited since (their badge no longer holds), some affiliations. Written in four statements.
 */
async function seed(tx: Tx, size: number): Promise<void> {
  await sql`insert into orgs (org_id, name, kind, created_at)
    select md5('bench-provider-' || i)::uuid, 'Provider ' || i,
      case when i % 10 < 5 then 'consultant' when i % 10 < 8 then 'certification_body' else 'trainer' end, now()
    from generate_series(1, ${size}) as i`.execute(tx);
  await sql`insert into provider_profiles (org_id, slug, display_name, services, standards, states, is_remote, sectors, healthcare_engagements, capacity_per_month, is_published, created_at, updated_at)
    select md5('bench-provider-' || i)::uuid, 'provider-' || i, 'Provider ' || i,
      case when i % 10 < 5 then array['consulting'] when i % 10 < 8 then array['certification_audit'] else array['training'] end,
      array['iso27001'], array[(array['NSW','VIC','QLD','WA','SA','TAS','ACT','NT'])[1 + i % 8]], i % 3 = 0,
      array['general_practice'], i % 40, 2 + i % 9, true, now(), now()
    from generate_series(1, ${size}) as i`.execute(tx);
  await sql`insert into provider_accreditations (org_id, id, accreditation_body, is_iaf_member, accreditation_number, standards, expires_on, created_at, updated_at)
    select org_id, md5('bench-accreditation-' || org_id)::uuid, 'JAS-ANZ', true, 'B-' || slug, array['iso27001'], date '2029-06-30', now(), now()
    from provider_profiles where kind = 'certification_body'`.execute(tx);
  await sql`insert into provider_affiliations (org_id, id, affiliated_org_id, affiliated_name, relationship, started_on, created_at)
    select org_id, gen_random_uuid(), md5('bench-provider-' || (1 + (hashtext(slug) & 1023) % ${size}))::uuid, 'A consultancy', 'referral partner', date '2025-07-01', now()
    from provider_profiles where kind = 'certification_body' and hashtext(slug) % 5 = 0`.execute(tx);
}

/** Verifies every claim as the operator would (the real claim hashes, computed here), then edits 10 % of the profiles. */
async function verifyAll(tx: Tx): Promise<void> {
  await sql`select set_config('app.marketplace_agent', 'on', true)`.execute(tx);
  const rows = await listMatchCandidates(tx, today);
  const verifications = rows.flatMap((row) => [
    { org_id: row.org_id, subject: 'profile', subject_id: null, claim_sha256: claimSha256(profileClaimOf(row)), lapses_on: null },
    ...row.accreditations.map((a) => ({ org_id: row.org_id, subject: 'accreditation', subject_id: a.id, claim_sha256: claimSha256(accreditationClaimOf(a)), lapses_on: a.expires_on })),
  ]);
  await sql`insert into provider_verifications (org_id, id, subject, subject_id, claim_sha256, verified_on, lapses_on, created_at)
    select v.org_id, gen_random_uuid(), v.subject, v.subject_id, v.claim_sha256, date '2026-11-01', v.lapses_on, now()
    from jsonb_to_recordset(${JSON.stringify(verifications)}::jsonb) as v(org_id uuid, subject text, subject_id uuid, claim_sha256 text, lapses_on date)`.execute(tx);
  await sql`update provider_profiles set team_size = 2 where hashtext(slug) % 10 = 0`.execute(tx);
}

const request: MatchRequest = { services: ['consulting', 'certification', 'training'], state: 'NSW', isRemoteAcceptable: true, sector: 'general_practice', headcount: 40, ismsBuiltBy: null, today };

interface Figures {
  baseline: number[];
  query: number[];
  mapping: number[];
  ranking: number[];
  verified: number;
}

async function measure(kind: DbKind, size: number): Promise<{ figures: Figures; version: string }> {
  const target = await createDatabase(kind, adminUrl);
  const database = await target.open();
  try {
    await migrate(database.db);
    await database.db.transaction().execute(async (tx) => {
      await seed(tx, size);
      await verifyAll(tx);
    });
    await sql`analyze`.execute(database.db);
    const figures: Figures = { baseline: [], query: [], mapping: [], ranking: [], verified: 0 };
    for (let run = 0; run < runs + 3; run += 1) {
      await database.db.transaction().execute(async (tx) => {
        await sql`select set_config('role', 'custodian_app', true), set_config('app.marketplace_agent', 'on', true)`.execute(tx);
        const t0 = performance.now();
        await sql`select 1`.execute(tx);
        const t1 = performance.now();
        const rows = await listMatchCandidates(tx, today);
        const t2 = performance.now();
        const providers = rows.map((row) => toMatchProvider(row, today));
        const t3 = performance.now();
        matchProviders(request, providers);
        const t4 = performance.now();
        if (run < 3) return; // warm-up
        figures.baseline.push(t1 - t0);
        figures.query.push(t2 - t1);
        figures.mapping.push(t3 - t2);
        figures.ranking.push(t4 - t3);
        figures.verified = providers.filter((p) => p.isVerified).length;
      });
    }
    return { figures, version: await serverVersion(database) };
  } finally {
    await database.close();
    await target.drop();
  }
}

const p = (samples: number[], q: number) => percentile([...samples].sort((a, b) => a - b), q);
const cell = (samples: number[]) => `${ms(p(samples, 50))} / ${ms(p(samples, 95))}`;
const load = loadavg().map((l) => l.toFixed(2)).join(' / ');
const log = (line: string) => process.stdout.write(`${line}\n`);
log(`Matching candidates: ${availableParallelism()} cores, Node ${process.version}, load average ${load}`);
const rows: string[][] = [];
const versions = new Map<DbKind, string>();
for (const kind of ['postgres', 'pglite'] as const) {
  for (const size of sizes) {
    const { figures, version } = await measure(kind, size);
    versions.set(kind, version);
    const total = figures.query.map((q, i) => q + (figures.mapping[i] ?? 0) + (figures.ranking[i] ?? 0));
    log(`${kind} ${size}: query p95 ${ms(p(figures.query, 95))} ms, whole p95 ${ms(p(total, 95))} ms`);
    rows.push([
      kind === 'postgres' ? `PostgreSQL ${version}` : `PGlite (PostgreSQL ${version})`,
      size.toLocaleString('en-AU'),
      cell(figures.baseline),
      cell(figures.query),
      cell(figures.mapping),
      cell(figures.ranking),
      cell(total),
      `${(p(figures.query, 50) / Math.max(p(figures.ranking, 50), 0.001)).toFixed(0)}×`,
      `${figures.verified.toLocaleString('en-AU')}`,
    ]);
  }
}

const section = [
  '## Marketplace matching with its database query',
  '',
  'Written by `npm run bench:matching-candidates` (bench/matching-candidates.ts); only this section is replaced.',
  '',
  `- Machine: ${availableParallelism()} cores, Node ${process.version}, load average at start ${load}, ${new Date().toISOString()}.`,
  '- Input: listed providers written by SQL (half consultancies, 30 % certification bodies with a verified accreditation and some affiliations, 20 % trainers), every claim verified with its real hash, then 10 % of the profiles edited so their badge no longer holds.',
  `- Method: in the approval's own transaction shape (the application role, the marketplace agent on), ${runs} measured runs after 3 warm-ups: \`select 1\` (the round-trip baseline), \`listMatchCandidates\` (one statement), the mapping that decides which badges hold (a SHA-256 per claim), and \`matchProviders\`. Milliseconds, p50 / p95.`,
  '',
  table(['database', 'providers', 'baseline `select 1`', 'candidates query', 'badges (mapping)', 'ranking', 'whole', 'query ÷ ranking (p50)', 'verified after edits'], rows),
].join('\n');
log(`\n${section}\n`);
const outFile = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));
const previous = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '';
writeFileSync(outFile, replaceMarkedSection(previous, 'matching-candidates', section));
log(`Written to ${outFile}`);
