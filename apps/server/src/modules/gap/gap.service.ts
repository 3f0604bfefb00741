import type { LoadedCatalogue } from '@custodian/catalogue/load-catalogue.ts';
import type { GapItem, GapListQuery, GapStatus, ReadinessReply, UpdateGapBody } from '@custodian/shared/contracts/gap.ts';
import { computeReadiness } from '@custodian/shared/domain/readiness.ts';
import { AppError, notFound } from '@custodian/shared/errors.ts';
import { withOrg, type Tx } from '../../db/with-org.ts';
import type { Ctx } from '../../http/context.ts';
import { todayIn } from '../../lib/dates.ts';
import { auditWho, recordAudit } from '../audit-log/audit-log.service.ts';
import { getCatalogue } from '../catalogue/catalogue.service.ts';
import { getOrg, isMember, orgTimeZone } from '../org/org.service.ts';
import { buildGapAnalysisModel } from '../../reports/gap-analysis.model.ts';
import { renderGapAnalysisXlsx } from '../../reports/render-gap-xlsx.ts';
import { findEntry, listEntries, upsertEntry, type GapEntryRow } from './gap.repo.ts';

const statusOrder: Record<GapStatus, number> = { not_started: 0, partial: 1, implemented: 2, not_applicable: 3 };

// One collator each, built once: localeCompare with a locale argument builds a new collator on every
// call (about 3 ms to sort the ~140 gap items, against 0.1 ms), with the same order (ECMA-402).
const refCollator = new Intl.Collator('en', { numeric: true });
const titleCollator = new Intl.Collator('en');

/** Natural order of references: 4.2 < 4.10, A.5.9 < A.5.10, documents after clauses. */
function compareRefs(a: string, b: string): number {
  return refCollator.compare(a, b);
}

/** The catalogue items a gap analysis covers: requirement-bearing clauses, every control, mandatory documents. */
function assessableItems(loaded: LoadedCatalogue) {
  return getCatalogue(loaded).items.filter((item) => item.hasRequirements);
}

function topClause(loaded: LoadedCatalogue, item: ReturnType<typeof assessableItems>[number]): string | null {
  if (item.kind === 'clause') return item.ref.split('.')[0] ?? null;
  if (item.kind === 'document') {
    const first = item.clauseRefs[0] ? loaded.byId.get(item.clauseRefs[0]) : undefined;
    return first?.kind === 'clause' ? (first.item.ref.split('.')[0] ?? null) : null;
  }
  return null;
}

function merge(loaded: LoadedCatalogue, entries: GapEntryRow[], today: string): GapItem[] {
  const byItem = new Map(entries.map((e) => [e.item_id, e]));
  return assessableItems(loaded).map((item) => {
    const entry = byItem.get(item.id);
    const status = (entry?.status ?? 'not_started') as GapStatus;
    const targetDate = entry?.target_date ?? null;
    return {
      itemId: item.id,
      kind: item.kind,
      ref: item.ref,
      title: item.title,
      theme: item.theme,
      clause: topClause(loaded, item),
      stage: item.stage,
      status,
      ownerUserId: entry?.owner_user_id ?? null,
      ownerName: entry?.owner_name ?? null,
      targetDate,
      notes: entry?.notes ?? '',
      justification: entry?.justification ?? '',
      updatedAt: entry ? new Date(entry.updated_at).toISOString() : null,
      isOverdue: targetDate !== null && targetDate < today && (status === 'not_started' || status === 'partial'),
    };
  });
}

async function loadItems(ctx: Ctx, trx: Tx): Promise<GapItem[]> {
  const today = todayIn(await orgTimeZone(trx, ctx.actor.orgId), ctx.deps.clock());
  return merge(ctx.deps.catalogue, await listEntries(trx, ctx.actor.orgId), today);
}

/** Every gap-analysis line of the organisation, unpaginated (readiness, export). */
export async function listAllGapItems(ctx: Ctx): Promise<GapItem[]> {
  return withOrg(ctx.deps.database.db, ctx.actor, (trx) => loadItems(ctx, trx));
}

function sortItems(items: GapItem[], sort: GapListQuery['sort'], order: GapListQuery['order']): GapItem[] {
  const direction = order === 'asc' ? 1 : -1;
  const compare: Record<GapListQuery['sort'], (a: GapItem, b: GapItem) => number> = {
    ref: (a, b) => compareRefs(a.ref, b.ref),
    title: (a, b) => titleCollator.compare(a.title, b.title),
    status: (a, b) => statusOrder[a.status] - statusOrder[b.status],
    targetDate: (a, b) => (a.targetDate ?? '9999').localeCompare(b.targetDate ?? '9999'),
    updatedAt: (a, b) => (a.updatedAt ?? '').localeCompare(b.updatedAt ?? ''),
  };
  return [...items].sort((a, b) => compare[sort](a, b) * direction || compareRefs(a.ref, b.ref));
}

/** One page of the gap analysis, filtered and sorted on the server. */
export async function listGapItems(ctx: Ctx, query: GapListQuery) {
  const all = await listAllGapItems(ctx);
  const needle = query.q?.toLowerCase();
  const filtered = all.filter(
    (item) =>
      (!query.kind || item.kind === query.kind) &&
      (!query.status || item.status === query.status) &&
      (!query.theme || item.theme === query.theme) &&
      (!query.clause || item.clause === query.clause) &&
      (!query.ownerUserId || item.ownerUserId === query.ownerUserId) &&
      (query.isOverdue === undefined || item.isOverdue === query.isOverdue) &&
      (!needle || `${item.ref} ${item.title} ${item.notes}`.toLowerCase().includes(needle)),
  );
  const sorted = sortItems(filtered, query.sort, query.order);
  const start = (query.page - 1) * query.pageSize;
  return { items: sorted.slice(start, start + query.pageSize), page: query.page, pageSize: query.pageSize, total: filtered.length };
}

export async function getGapItem(ctx: Ctx, itemId: string): Promise<GapItem> {
  const item = (await listAllGapItems(ctx)).find((i) => i.itemId === itemId);
  if (!item) throw notFound('The gap-analysis item');
  return item;
}

/**
 * Records the status, owner, target date and notes of one item. Clause requirements and mandatory
 * documents cannot be excluded; a control marked not applicable needs a justification.
 */
export async function updateGapItem(ctx: Ctx, itemId: string, input: UpdateGapBody): Promise<GapItem> {
  const catalogueItem = assessableItems(ctx.deps.catalogue).find((i) => i.id === itemId);
  if (!catalogueItem) throw notFound('The gap-analysis item');
  if (input.status === 'not_applicable' && catalogueItem.kind !== 'control') {
    throw new AppError('validation_failed', 'Clauses 4 to 10 and the mandatory documents apply to every ISMS; only Annex A controls can be marked not applicable.', [{ path: 'status', message: 'cannot be not applicable for this item' }]);
  }
  return withOrg(ctx.deps.database.db, ctx.actor, async (trx) => {
    const before = await findEntry(trx, ctx.actor.orgId, itemId);
    if (input.ownerUserId && !(await isMember(ctx, trx, input.ownerUserId))) {
      throw new AppError('validation_failed', 'The owner must be a member of this organisation.', [{ path: 'ownerUserId', message: 'is not a member' }]);
    }
    const row = {
      org_id: ctx.actor.orgId,
      item_id: itemId,
      status: input.status,
      owner_user_id: input.ownerUserId === undefined ? (before?.owner_user_id ?? null) : input.ownerUserId,
      target_date: input.targetDate === undefined ? (before?.target_date ?? null) : input.targetDate,
      notes: input.notes ?? before?.notes ?? '',
      justification: input.justification ?? before?.justification ?? '',
      updated_at: ctx.deps.clock(),
      updated_by: ctx.actor.userId,
    };
    await upsertEntry(trx, row);
    const snapshot = (r: { status: string; owner_user_id: string | null; target_date: string | null; notes: string; justification: string }) => ({
      status: r.status,
      ownerUserId: r.owner_user_id,
      targetDate: r.target_date,
      notes: r.notes,
      justification: r.justification,
    });
    await recordAudit(trx, auditWho(ctx), { action: 'gap.updated', entityType: 'gap_item', entityId: itemId, before: before ? snapshot(before) : null, after: snapshot(row) });
    const item = (await loadItems(ctx, trx)).find((i) => i.itemId === itemId);
    if (!item) throw notFound('The gap-analysis item');
    return item;
  });
}

/** Readiness per clause, per Annex A theme and overall, the Stage 1/2 blockers and overdue items. */
export async function getReadiness(ctx: Ctx): Promise<ReadinessReply> {
  const items = await listAllGapItems(ctx);
  const catalogue = ctx.deps.catalogue.catalogue;
  const topClauses = catalogue.clauses.filter((c) => c.parent === null).map((c) => ({ ref: c.ref, title: c.title }));
  const readiness = computeReadiness(
    items.map((i) => ({ id: i.itemId, kind: i.kind, ref: i.ref, title: i.title, clause: i.clause, theme: i.theme, stage: i.stage, status: i.status })),
    topClauses,
    catalogue.themes,
  );
  return { ...readiness, overdue: items.filter((i) => i.isOverdue), asOf: ctx.deps.clock().toISOString() };
}

/** The gap analysis as an XLSX workbook, with a file name that says whose and when. */
export async function exportGapAnalysis(ctx: Ctx): Promise<{ fileName: string; body: Buffer }> {
  const [items, readiness, org] = [await listAllGapItems(ctx), await getReadiness(ctx), await getOrg(ctx)];
  const model = buildGapAnalysisModel({ organisation: org.name, generatedAt: ctx.deps.clock(), timeZone: org.timeZone, items, readiness });
  const slug = org.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'organisation';
  return { fileName: `gap-analysis-${slug}-${todayIn(org.timeZone, ctx.deps.clock())}.xlsx`, body: await renderGapAnalysisXlsx(model) };
}
