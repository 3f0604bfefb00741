import type { EvidenceDetail, EvidenceLinkBody, EvidenceTarget } from '@custodian/shared/contracts/evidence.ts';
import { evidenceTargetKindLabels } from '@custodian/shared/contracts/evidence.ts';
import { AppError, notFound } from '@custodian/shared/errors.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { evidenceDetailOf, resolveTarget } from './evidence-targets.ts';
import { deleteLinkRow, findEvidenceRow, insertLinkRow, type EvidenceRow } from './evidence.repo.ts';

async function requireEvidence(ctx: OrgCtx, id: string): Promise<EvidenceRow> {
  const row = await findEvidenceRow(ctx.tx, ctx.org.id, id, { lock: 'share' });
  if (!row) throw notFound('That evidence');
  return row;
}

/** "Annex A control A.5.1 Policies for information security" (or "the control C-01 …" of the organisation's own), as the audit trail says it. */
function targetWords(target: EvidenceTarget): string {
  const kind = target.kind === 'control' ? (target.id.startsWith('org:') ? 'the control' : 'Annex A control') : evidenceTargetKindLabels[target.kind];
  return `${kind} ${target.ref}${target.title ? ` ${target.title}` : ''}`.trim();
}

/** Records that an item is evidence of a control, a requirement or a risk; linking it again changes nothing. */
export async function linkEvidence(ctx: OrgCtx, id: string, input: Required<EvidenceLinkBody>): Promise<EvidenceDetail> {
  const row = await requireEvidence(ctx, id);
  const target = await resolveTarget(ctx, input.targetKind, input.targetId);
  const isNew = await insertLinkRow(ctx.tx, {
    org_id: ctx.org.id,
    evidence_id: id,
    target_kind: target.kind,
    target_id: target.id,
    risk_id: target.kind === 'risk' ? target.id : null,
    created_at: ctx.now,
    created_by: ctx.actor.userId,
  });
  if (isNew) await ctx.audit('evidence.linked', { type: 'evidence', id }, null, { title: row.title, target: targetWords(target) });
  else ctx.skipAudit('the link was there already');
  return evidenceDetailOf(ctx, row);
}

/** Removes a link between an item and what it was evidence of. */
export async function unlinkEvidence(ctx: OrgCtx, id: string, input: Required<EvidenceLinkBody>): Promise<EvidenceDetail> {
  const row = await requireEvidence(ctx, id);
  const wanted = input.targetKind === 'risk' ? input.targetId.toLowerCase() : input.targetId;
  const shown = (await evidenceDetailOf(ctx, row)).links.find((link) => link.kind === input.targetKind && link.id === wanted);
  const isGone = await deleteLinkRow(ctx.tx, { orgId: ctx.org.id, evidenceId: id, targetKind: input.targetKind, targetId: wanted });
  if (!isGone || !shown) throw new AppError('not_found', 'That link was not found: it may have been removed already.');
  await ctx.audit('evidence.unlinked', { type: 'evidence', id }, { title: row.title, target: targetWords(shown) });
  return evidenceDetailOf(ctx, row);
}
