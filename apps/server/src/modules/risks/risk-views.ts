import type { RiskAcceptance, Risk, RiskListItem } from '@custodian/shared/contracts/risks.ts';
import { riskStatusLabels, treatmentLabels, type RiskStatus, type TreatmentOption } from '@custodian/shared/contracts/risk-vocabulary.ts';
import { isWithinAppetite, type RiskMethodDefinition } from '@custodian/shared/domain/risk-matrix.ts';
import { toIso } from '../../lib/dates.ts';
import type { AcceptanceRow } from './risk-acceptance.repo.ts';
import type { RiskRow } from './risks.repo.ts';
import { describeOptional, describeScore, scoreWords } from './risk-scores.ts';

/** How risk rows read in the API and in the audit trail. */

export function toRiskListItem(row: RiskRow, method: RiskMethodDefinition, today: string): RiskListItem {
  return {
    id: row.id,
    ref: row.ref,
    title: row.title,
    status: row.status as RiskStatus,
    ownerUserId: row.owner_user_id,
    ownerName: row.owner_name,
    inherent: describeScore(method, row.inherent_likelihood, row.inherent_impact),
    current: describeOptional(method, row.current_likelihood, row.current_impact),
    residual: describeOptional(method, row.residual_likelihood, row.residual_impact),
    treatment: row.treatment as TreatmentOption | null,
    nextReviewOn: row.next_review_on,
    isReviewDue: row.next_review_on !== null && row.status !== 'closed' && row.next_review_on <= today,
    updatedAt: new Date(row.updated_at).toISOString(),
    version: row.version,
  };
}

export function toAcceptance(row: AcceptanceRow, method: RiskMethodDefinition): RiskAcceptance {
  return {
    id: row.id,
    acceptedByUserId: row.accepted_by,
    acceptedByName: row.accepted_by_name ?? 'a former member',
    acceptedAt: new Date(row.accepted_at).toISOString(),
    methodVersion: row.method_version,
    likelihood: row.likelihood,
    impact: row.impact,
    level: row.level,
    levelLabel: method.levels.find((level) => level.key === row.level)?.label ?? row.level,
    note: row.note,
    isAboveAppetite: !isWithinAppetite(method, row.level),
    withdrawnAt: toIso(row.withdrawn_at),
    withdrawnReason: row.withdrawn_reason,
  };
}

export function toRisk(
  row: RiskRow,
  extra: { method: RiskMethodDefinition; today: string; assets: Risk['assets']; acceptances: AcceptanceRow[] },
): Risk {
  const standing = extra.acceptances.find((a) => a.withdrawn_at === null);
  const withdrawn = standing ? undefined : extra.acceptances.find((a) => a.withdrawn_at !== null);
  return {
    ...toRiskListItem(row, extra.method, extra.today),
    threat: row.threat,
    vulnerability: row.vulnerability,
    description: row.description,
    threatId: row.threat_id,
    treatmentNotes: row.treatment_notes,
    assets: extra.assets,
    methodVersion: row.method_version,
    isResidualWithinAppetite: row.residual_level === null ? null : isWithinAppetite(extra.method, row.residual_level),
    acceptance: standing ? toAcceptance(standing, extra.method) : null,
    lastWithdrawnAcceptance: withdrawn ? toAcceptance(withdrawn, extra.method) : null,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** A risk as the audit trail records it: every field in words (scores as "Likely × Major (High)"). */
export function riskSnapshot(row: RiskRow | (Omit<RiskRow, 'owner_name' | 'version' | 'created_at' | 'updated_at'> & { version?: number }), method: RiskMethodDefinition, assetRefs: string[]) {
  const pair = (l: number | null, i: number | null) => (l === null || i === null ? null : { likelihood: l, impact: i });
  return {
    ref: row.ref,
    title: row.title,
    threat: row.threat,
    vulnerability: row.vulnerability,
    description: row.description,
    ownerUserId: row.owner_user_id,
    assets: assetRefs.join(', '),
    inherent: scoreWords(method, pair(row.inherent_likelihood, row.inherent_impact)),
    current: scoreWords(method, pair(row.current_likelihood, row.current_impact)),
    residual: scoreWords(method, pair(row.residual_likelihood, row.residual_impact)),
    treatment: row.treatment === null ? '' : treatmentLabels[row.treatment as TreatmentOption],
    treatmentNotes: row.treatment_notes,
    status: riskStatusLabels[row.status as RiskStatus],
    nextReviewOn: row.next_review_on,
  };
}

export type RiskSnapshot = ReturnType<typeof riskSnapshot>;

/** Only the fields that differ (plus ref and title, which name the risk in the trail). */
export function changedFields(before: RiskSnapshot, after: RiskSnapshot): { before: Partial<RiskSnapshot>; after: Partial<RiskSnapshot> } {
  const was: Record<string, unknown> = { ref: before.ref, title: before.title };
  const now: Record<string, unknown> = { ref: after.ref, title: after.title };
  for (const key of Object.keys(after) as Array<keyof RiskSnapshot>) {
    if (before[key] !== after[key]) {
      was[key] = before[key];
      now[key] = after[key];
    }
  }
  return { before: was as Partial<RiskSnapshot>, after: now as Partial<RiskSnapshot> };
}
