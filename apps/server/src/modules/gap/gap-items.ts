import type { LoadedCatalogue } from '@custodian/catalogue/load-catalogue.ts';
import type { GapItem, GapListQuery, GapStatus } from '@custodian/shared/contracts/gap.ts';
import { tupleComparer } from '../../lib/list-array.ts';
import { getCatalogue } from '../catalogue/catalogue.service.ts';
import type { GapEntryRow } from './gap.repo.ts';

/** The catalogue side of a gap item: fixed for a catalogue version. */
export type GapBase = Pick<GapItem, 'itemId' | 'kind' | 'ref' | 'title' | 'theme' | 'clause' | 'stage'>;

let cachedBases: { checksum: string; list: GapBase[]; byId: Map<string, GapBase> } | null = null;

function topClause(loaded: LoadedCatalogue, item: { kind: string; ref: string; clauseRefs: string[] }): string | null {
  if (item.kind === 'clause') return item.ref.split('.')[0] ?? null;
  if (item.kind === 'document') {
    const first = item.clauseRefs[0] ? loaded.byId.get(item.clauseRefs[0]) : undefined;
    return first?.kind === 'clause' ? (first.item.ref.split('.')[0] ?? null) : null;
  }
  return null;
}

/**
 * The items a gap analysis covers (requirement-bearing clauses, every control, the mandatory
 * documents), built once per catalogue checksum.
 */
export function gapBases(loaded: LoadedCatalogue): { list: GapBase[]; byId: Map<string, GapBase> } {
  if (cachedBases?.checksum === loaded.checksum) return cachedBases;
  const list = getCatalogue(loaded)
    .items.filter((item) => item.hasRequirements)
    .map((item) => ({ itemId: item.id, kind: item.kind, ref: item.ref, title: item.title, theme: item.theme, clause: topClause(loaded, item), stage: item.stage }));
  cachedBases = { checksum: loaded.checksum, list, byId: new Map(list.map((base) => [base.itemId, base])) };
  return cachedBases;
}

/** One gap item: the catalogue's part and the organisation's entry (none yet: not started, version 0). */
export function toGapItem(base: GapBase, entry: GapEntryRow | undefined, today: string): GapItem {
  const status = (entry?.status ?? 'not_started') as GapStatus;
  const targetDate = entry?.target_date ?? null;
  // Every property written out: `{ ...base, status, … }` made V8 build each of the ~150 items in its
  // slow dictionary mode (about 10 µs an item, most of a gap-list request's CPU).
  return {
    itemId: base.itemId,
    kind: base.kind,
    ref: base.ref,
    title: base.title,
    theme: base.theme,
    clause: base.clause,
    stage: base.stage,
    status,
    ownerUserId: entry?.owner_user_id ?? null,
    ownerName: entry?.owner_name ?? null,
    targetDate,
    notes: entry?.notes ?? '',
    justification: entry?.justification ?? '',
    updatedAt: entry ? new Date(entry.updated_at).toISOString() : null,
    isOverdue: targetDate !== null && targetDate < today && (status === 'not_started' || status === 'partial'),
    version: entry?.version ?? 0,
  };
}

/** Every gap item of the organisation, catalogue order. */
export function mergeGapItems(loaded: LoadedCatalogue, entries: GapEntryRow[], today: string): GapItem[] {
  const byItem = new Map(entries.map((e) => [e.item_id, e]));
  return gapBases(loaded).list.map((base) => toGapItem(base, byItem.get(base.itemId), today));
}

export function matchesGapFilters(item: GapItem, query: GapListQuery): boolean {
  const needle = query.q?.toLowerCase();
  return (
    (!query.kind || item.kind === query.kind) &&
    (!query.status || item.status === query.status) &&
    (!query.theme || item.theme === query.theme) &&
    (!query.clause || item.clause === query.clause) &&
    (!query.stage || item.stage === Number(query.stage)) &&
    (!query.ownerUserId || item.ownerUserId === query.ownerUserId) &&
    (query.isOverdue === undefined || item.isOverdue === query.isOverdue) &&
    (!needle || `${item.ref} ${item.title} ${item.notes}`.toLowerCase().includes(needle))
  );
}

const statusOrder: Record<GapStatus, number> = { not_started: 0, partial: 1, implemented: 2, not_applicable: 3 };

// One collator each, built once: localeCompare with a locale argument builds a new collator on every
// call. References sort naturally (4.2 < 4.10, A.5.9 < A.5.10); ties end on the unique item id.
const refCollator = new Intl.Collator('en', { numeric: true });
const titleCollator = new Intl.Collator('en');

/** Each sort of the gap list as a key tuple and the comparer of those tuples. */
export const gapSortKeys: Record<GapListQuery['sort'], { keyOf: (item: GapItem) => unknown[]; compareKeys: (a: unknown[], b: unknown[]) => number }> = {
  ref: { keyOf: (i) => [i.ref, i.itemId], compareKeys: tupleComparer([refCollator, null]) },
  title: { keyOf: (i) => [i.title, i.itemId], compareKeys: tupleComparer([titleCollator, null]) },
  status: { keyOf: (i) => [statusOrder[i.status], i.ref, i.itemId], compareKeys: tupleComparer([null, refCollator, null]) },
  targetDate: { keyOf: (i) => [i.targetDate ?? '9999-12-31', i.ref, i.itemId], compareKeys: tupleComparer([null, refCollator, null]) },
  updatedAt: { keyOf: (i) => [i.updatedAt ?? '', i.ref, i.itemId], compareKeys: tupleComparer([null, refCollator, null]) },
};
