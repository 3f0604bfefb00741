import { randomUUID } from 'node:crypto';
import { defaultRiskMethod, scoreRisk, type RiskMethodDefinition } from '@custodian/shared/domain/risk-matrix.ts';
import type { TestServer } from './test-server.ts';

/*
 * A risk register written straight into the issue-9 tables (as the database owner), for tests of what
 * reads the register (charts, snapshots, reports) on a branch where the register's routes are not
 * available. Scores go through scoreRisk, so rows look exactly like the service's.
 */

export interface FixtureScore {
  likelihood: number;
  impact: number;
}

export interface FixtureRisk {
  ref: string;
  title: string;
  inherent: FixtureScore;
  current?: FixtureScore;
  residual?: FixtureScore;
  status?: string;
  treatment?: string;
  treatmentNotes?: string;
  ownerUserId?: string | null;
  assetRefs?: string[];
  nextReviewOn?: string;
  threat?: string;
  vulnerability?: string;
  tasks?: Array<{ title: string; ownerUserId?: string | null; dueOn?: string; status?: string; controlIds?: string[] }>;
  acceptance?: { byUserId: string; note?: string; at?: string };
}

/** Saves a method version (nothing when the organisation already has that version, e.g. made by the risk register). */
export async function insertMethod(server: TestServer, orgId: string, version = 1, method: RiskMethodDefinition = defaultRiskMethod, note = ''): Promise<void> {
  await server.ownerQuery(
    `insert into risk_methods (org_id, version, likelihood, impact, levels, matrix, acceptable_level, review_months, change_note, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
     on conflict (org_id, version) do nothing`,
    [orgId, version, JSON.stringify(method.likelihood), JSON.stringify(method.impact), JSON.stringify(method.levels), JSON.stringify(method.matrix), method.acceptableLevel, method.reviewMonths, note],
  );
}

export async function insertAsset(server: TestServer, orgId: string, asset: { ref: string; name: string; kind?: string }): Promise<string> {
  const id = randomUUID();
  await server.ownerQuery(
    `insert into assets (org_id, id, ref, name, kind, classification, confidentiality, integrity, availability, created_at, updated_at)
     values ($1, $2, $3, $4, $5, 'confidential', 4, 4, 3, now(), now())`,
    [orgId, id, asset.ref, asset.name, asset.kind ?? 'system'],
  );
  return id;
}

function scored(method: RiskMethodDefinition, score: FixtureScore | undefined): [number | null, number | null, string | null, number | null] {
  if (!score) return [null, null, null, null];
  const level = scoreRisk(method, score.likelihood, score.impact);
  return [score.likelihood, score.impact, level.key, level.rank];
}

/** Inserts risks (with their assets by ref, tasks and acceptance) under method version 1 unless told. */
export async function insertRisks(server: TestServer, orgId: string, risks: readonly FixtureRisk[], options: { method?: RiskMethodDefinition; version?: number } = {}): Promise<Map<string, string>> {
  const method = options.method ?? defaultRiskMethod;
  const version = options.version ?? 1;
  const assets = new Map((await server.ownerQuery<{ id: string; ref: string }>('select id, ref from assets where org_id = $1', [orgId])).map((row) => [row.ref, row.id]));
  const ids = new Map<string, string>();
  for (const risk of risks) {
    const id = randomUUID();
    ids.set(risk.ref, id);
    await server.ownerQuery(
      `insert into risks (org_id, id, ref, title, threat, vulnerability, owner_user_id, method_version,
         inherent_likelihood, inherent_impact, inherent_level, inherent_rank,
         current_likelihood, current_impact, current_level, current_rank,
         residual_likelihood, residual_impact, residual_level, residual_rank,
         treatment, treatment_notes, status, next_review_on, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, now(), now())`,
      [
        orgId, id, risk.ref, risk.title, risk.threat ?? '', risk.vulnerability ?? '', risk.ownerUserId ?? null, version,
        ...scored(method, risk.inherent), ...scored(method, risk.current), ...scored(method, risk.residual),
        risk.treatment ?? null, risk.treatmentNotes ?? '', risk.status ?? 'assessed', risk.nextReviewOn ?? null,
      ],
    );
    for (const ref of risk.assetRefs ?? []) {
      await server.ownerQuery('insert into risk_assets (org_id, risk_id, asset_id) values ($1, $2, $3)', [orgId, id, assets.get(ref)]);
    }
    for (const task of risk.tasks ?? []) {
      await server.ownerQuery(
        `insert into risk_tasks (org_id, id, risk_id, title, owner_user_id, due_on, status, control_ids, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, clock_timestamp(), clock_timestamp())`,
        [orgId, randomUUID(), id, task.title, task.ownerUserId ?? null, task.dueOn ?? null, task.status ?? 'not_started', task.controlIds ?? []],
      );
    }
    if (risk.acceptance && risk.residual) {
      const level = scoreRisk(method, risk.residual.likelihood, risk.residual.impact);
      await server.ownerQuery(
        `insert into risk_acceptances (org_id, id, risk_id, accepted_by, accepted_at, method_version, likelihood, impact, level, note)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [orgId, randomUUID(), id, risk.acceptance.byUserId, risk.acceptance.at ?? new Date().toISOString(), version, risk.residual.likelihood, risk.residual.impact, level.key, risk.acceptance.note ?? ''],
      );
    }
  }
  return ids;
}
