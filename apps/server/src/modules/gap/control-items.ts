import type { LoadedCatalogue } from '@custodian/catalogue/load-catalogue.ts';
import { orgControlId, type ControlItem, type ControlListQuery, type ControlReason } from '@custodian/shared/contracts/controls.ts';
import type { GapStatus, GapTheme } from '@custodian/shared/contracts/gap.ts';
import { tupleComparer } from '../../lib/list-array.ts';
import { gapBases } from './gap-items.ts';
import type { GapEntryRow } from './gap.repo.ts';
import type { ControlLinks, OrgControlRow, RiskLinkRow } from './controls.repo.ts';

/** The fixed part of a register row: an Annex A control from the catalogue, or the organisation's own. */
export interface ControlBase {
  controlId: string;
  source: ControlItem['source'];
  ref: string;
  title: string;
  theme: GapTheme | null;
  description: string;
}

export function annexABases(loaded: LoadedCatalogue): ControlBase[] {
  return gapBases(loaded)
    .list.filter((base) => base.kind === 'control')
    .map((base) => ({ controlId: base.itemId, source: 'annex_a', ref: base.ref, title: base.title, theme: base.theme as GapTheme | null, description: '' }));
}

export function orgControlBase(row: OrgControlRow): ControlBase {
  return { controlId: orgControlId(row.id), source: 'organisation', ref: row.ref, title: row.title, theme: null, description: row.description };
}

export function toControlItem(base: ControlBase, entry: GapEntryRow | undefined, risks: RiskLinkRow[], evidenceCount: number): ControlItem {
  const status = (entry?.status ?? 'not_started') as GapStatus;
  return {
    controlId: base.controlId,
    source: base.source,
    ref: base.ref,
    title: base.title,
    theme: base.theme,
    description: base.description,
    status,
    isApplicable: status !== 'not_applicable',
    reasons: (entry?.reasons ?? []) as ControlReason[],
    justification: entry?.justification ?? '',
    implementation: entry?.implementation ?? '',
    noEvidenceReason: entry?.no_evidence_reason ?? '',
    notes: entry?.notes ?? '',
    ownerUserId: entry?.owner_user_id ?? null,
    ownerName: entry?.owner_name ?? null,
    targetDate: entry?.target_date ?? null,
    risks: risks.map((risk) => ({ id: risk.id, ref: risk.ref, title: risk.title })),
    riskCount: risks[0]?.total ?? 0,
    evidenceCount,
    updatedAt: entry ? new Date(entry.updated_at).toISOString() : null,
    version: entry?.version ?? 0,
  };
}

/** Every row of the register: Annex A in catalogue order, then the organisation's own by ref. */
export function mergeControlItems(bases: ControlBase[], entries: GapEntryRow[], links: ControlLinks): ControlItem[] {
  const byItem = new Map(entries.map((entry) => [entry.item_id, entry]));
  const risksOf = new Map<string, RiskLinkRow[]>();
  for (const link of links.risks) {
    const list = risksOf.get(link.control_id);
    if (list) list.push(link);
    else risksOf.set(link.control_id, [link]);
  }
  return bases.map((base) => toControlItem(base, byItem.get(base.controlId), risksOf.get(base.controlId) ?? [], links.evidence.get(base.controlId) ?? 0));
}

export function matchesControlFilters(item: ControlItem, query: ControlListQuery): boolean {
  const needle = query.q?.toLowerCase();
  return (
    (!query.source || item.source === query.source) &&
    (!query.status || item.status === query.status) &&
    (!query.theme || item.theme === query.theme) &&
    (query.isApplicable === undefined || item.isApplicable === query.isApplicable) &&
    (!query.ownerUserId || item.ownerUserId === query.ownerUserId) &&
    (!needle || `${item.ref} ${item.title} ${item.implementation} ${item.notes}`.toLowerCase().includes(needle))
  );
}

const statusOrder: Record<GapStatus, number> = { not_started: 0, partial: 1, implemented: 2, not_applicable: 3 };
const refCollator = new Intl.Collator('en', { numeric: true });
const titleCollator = new Intl.Collator('en');

/** Each sort of the register as a key tuple and its comparer; ties end on the unique control id. */
export const controlSortKeys: Record<ControlListQuery['sort'], { keyOf: (item: ControlItem) => unknown[]; compareKeys: (a: unknown[], b: unknown[]) => number }> = {
  ref: { keyOf: (i) => [i.ref, i.controlId], compareKeys: tupleComparer([refCollator, null]) },
  title: { keyOf: (i) => [i.title, i.controlId], compareKeys: tupleComparer([titleCollator, null]) },
  status: { keyOf: (i) => [statusOrder[i.status], i.ref, i.controlId], compareKeys: tupleComparer([null, refCollator, null]) },
};
