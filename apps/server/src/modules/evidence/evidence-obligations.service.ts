import type { DatedObligation } from '@custodian/shared/domain/obligations.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { listEvidenceValidUntil } from './evidence-obligations.repo.ts';

/** The kind of this module's dates; the evidence reminder job already e-mails it (30 days before and at expiry). */
export const evidenceObligationKind = 'evidence-expiry';

/**
 * Evidence's dated obligations: each item's valid-until date, by which its owner adds a current
 * version (a renewed date is a new obligation: the key carries the date). Never "done": an item past
 * its date stays due until it is renewed.
 */
export async function evidenceObligations(ctx: OrgCtx): Promise<DatedObligation[]> {
  const rows = await listEvidenceValidUntil(ctx.tx, ctx.org.id);
  return rows.map((row) => ({
    key: `${evidenceObligationKind}:${row.id}:${row.valid_until}`,
    kind: evidenceObligationKind,
    title: `Renew the evidence “${row.title}”`,
    dueOn: row.valid_until,
    ownerUserId: row.owner_user_id,
    href: `/evidence/${row.id}`,
    isDone: false,
  }));
}
