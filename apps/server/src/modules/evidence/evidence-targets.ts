import type { EvidenceDetail, EvidenceTarget, EvidenceTargetKind } from '@custodian/shared/contracts/evidence.ts';
import { AppError } from '@custodian/shared/errors.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { lockOwnControlForLink, ownControlNames } from '../gap/controls.service.ts';
import { daysFor, toEvidenceItem } from './evidence-views.ts';
import { findRiskForLink, listLinkRows, type EvidenceRow } from './evidence.repo.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A catalogue target in words: a control ("A.5.1") or a clause that carries requirements ("6.1.2"); null if the id is not one. */
function catalogueTarget(ctx: OrgCtx, kind: 'control' | 'requirement', id: string): EvidenceTarget | null {
  const entry = ctx.deps.catalogue.byId.get(id);
  if (kind === 'control' && entry?.kind === 'control') return { kind, id, ref: entry.item.ref, title: entry.item.title };
  if (kind === 'requirement' && entry?.kind === 'clause' && entry.item.hasRequirements) return { kind, id, ref: entry.item.ref, title: entry.item.title };
  return null;
}

const unknownTarget: Record<EvidenceTargetKind, string> = {
  control: 'That control is not in your controls register. Choose a control from the list.',
  requirement: 'That clause is not one with requirements. Choose a clause from the list.',
  risk: "That risk was not found in your organisation's risk register. Choose a risk from the list.",
};

/**
 * What a link would point at, checked: a control or a requirement clause of the catalogue, or a risk
 * of this organisation (a risk of another organisation is as unknown as one that never existed).
 */
export async function resolveTarget(ctx: OrgCtx, kind: EvidenceTargetKind, id: string): Promise<EvidenceTarget> {
  const refuse = () => new AppError('validation_failed', unknownTarget[kind], [{ path: 'targetId', message: `is not a ${kind} you can link` }]);
  if (kind === 'control' && id.startsWith('org:')) {
    // A control of the organisation's own: it must be in this organisation's register.
    const own = await lockOwnControlForLink(ctx, id.toLowerCase());
    if (!own) throw refuse();
    return { kind, id: id.toLowerCase(), ref: own.ref, title: own.title };
  }
  if (kind !== 'risk') {
    const target = catalogueTarget(ctx, kind, id);
    if (!target) throw refuse();
    return target;
  }
  if (!uuidPattern.test(id)) throw refuse();
  const risk = await findRiskForLink(ctx.tx, ctx.org.id, id.toLowerCase());
  if (!risk) throw refuse();
  return { kind, id: id.toLowerCase(), ref: risk.ref, title: risk.title };
}

/** What an item is evidence of, in words, controls first, then requirements, then risks. */
export async function evidenceTargets(ctx: OrgCtx, evidenceId: string): Promise<EvidenceTarget[]> {
  const rows = await listLinkRows(ctx.tx, ctx.org.id, evidenceId);
  const own = rows.some((row) => row.target_id.startsWith('org:')) ? await ownControlNames(ctx) : new Map<string, { ref: string; title: string }>();
  const order: Record<EvidenceTargetKind, number> = { control: 0, requirement: 1, risk: 2 };
  const targets = rows.map((row): EvidenceTarget => {
    if (row.target_kind === 'risk') return { kind: 'risk', id: row.target_id, ref: row.risk_ref ?? '', title: row.risk_title ?? 'A removed risk' };
    const ownControl = own.get(row.target_id);
    if (ownControl) return { kind: 'control', id: row.target_id, ...ownControl };
    // A catalogue id the loaded catalogue no longer has (a later catalogue version) still shows, by its id.
    return catalogueTarget(ctx, row.target_kind, row.target_id) ?? { kind: row.target_kind, id: row.target_id, ref: row.target_id.split(':').pop() ?? row.target_id, title: '' };
  });
  return targets.sort((a, b) => order[a.kind] - order[b.kind] || a.ref.localeCompare(b.ref, 'en', { numeric: true }));
}

/** An item with what it is evidence of. */
export async function evidenceDetailOf(ctx: OrgCtx, row: EvidenceRow): Promise<EvidenceDetail> {
  return { ...toEvidenceItem(row, daysFor(ctx)), links: await evidenceTargets(ctx, row.id) };
}
