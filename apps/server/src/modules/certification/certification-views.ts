import {
  certificationAuditKinds,
  certificationAuditLabels,
  type Certificate,
  type CertificationAudit,
  type CertificationAuditKind,
  type CertificationEngagement,
  type CertificationOutcome,
} from '@custodian/shared/contracts/certification.ts';
import { certificateStatusOf, dueByOf } from '@custodian/shared/domain/certification-cycle.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { todayIn } from '../../lib/dates.ts';
import { findOrgEngagement } from '../marketplace/engagement.service.ts';
import { listAuditRows, type CertificateRow, type CertificationAuditRow } from './certification.repo.ts';

/** The cycle's audits of one certificate in order, each with the default date its certificate gives it. */
export function auditsOf(row: CertificateRow, audits: readonly CertificationAuditRow[]): CertificationAudit[] {
  const byKind = new Map(audits.filter((a) => a.certificate_id === row.id).map((a) => [a.kind as CertificationAuditKind, a]));
  const stage2 = byKind.get('stage2');
  const dates = { issuedOn: row.issued_on, expiresOn: row.expires_on, stage2On: stage2?.held_on ?? stage2?.planned_on ?? null };
  return certificationAuditKinds.flatMap((kind) => {
    const audit = byKind.get(kind);
    if (!audit) return [];
    const dueBy = dueByOf(kind, dates);
    return [
      {
        kind,
        label: certificationAuditLabels[kind],
        plannedOn: audit.planned_on,
        heldOn: audit.held_on,
        outcome: audit.outcome as CertificationOutcome,
        notes: audit.notes,
        dueBy,
        dueOn: audit.planned_on ?? dueBy,
        version: audit.version,
      },
    ];
  });
}

async function engagementOf(ctx: OrgCtx, id: string | null): Promise<CertificationEngagement | null> {
  if (!id) return null;
  const found = await findOrgEngagement(ctx, id);
  if (!found) return null;
  return { id: found.id, providerName: found.providerName, lane: found.lane, valueCents: found.valueCents, summary: found.summary, engagedAt: found.engagedAt, years: found.years };
}

/** Certificates as the API shows them, with their audits and linked engagements (read in a few statements). */
export async function certificatesOf(ctx: OrgCtx, rows: readonly CertificateRow[]): Promise<Certificate[]> {
  const audits = await listAuditRows(ctx.tx, ctx.org.id, rows.map((row) => row.id));
  const today = todayIn(ctx.org.timeZone, ctx.now);
  const result: Certificate[] = [];
  for (const row of rows) {
    const engagement = await engagementOf(ctx, row.engagement_id);
    result.push({
      id: row.id,
      number: row.number,
      bodyName: row.body_name,
      bodyLabel: row.body_name || engagement?.providerName || '',
      engagementId: row.engagement_id,
      engagement,
      scope: row.scope,
      issuedOn: row.issued_on,
      expiresOn: row.expires_on,
      isCurrent: row.is_current,
      status: certificateStatusOf({ isCurrent: row.is_current, issuedOn: row.issued_on, expiresOn: row.expires_on }, today),
      audits: auditsOf(row, audits),
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
      version: row.version,
    });
  }
  return result;
}

/** What the audit trail keeps of a certificate. */
export function certificateSnapshot(row: CertificateRow, engagementLabel: string | null): Record<string, unknown> {
  return {
    number: row.number,
    bodyName: row.body_name,
    engagement: engagementLabel,
    scope: row.scope,
    issuedOn: row.issued_on,
    expiresOn: row.expires_on,
  };
}
