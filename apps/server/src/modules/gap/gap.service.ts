import type { GapItem, GapListQuery, ReadinessReply, UpdateGapBody } from '@custodian/shared/contracts/gap.ts';
import type { ListReply } from '@custodian/shared/contracts/list.ts';
import { notApplicableRefusal, statusesFor } from '@custodian/shared/domain/gap-status.ts';
import { computeReadiness } from '@custodian/shared/domain/readiness.ts';
import { AppError, notFound } from '@custodian/shared/errors.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { todayIn } from '../../lib/dates.ts';
import { pageArray } from '../../lib/list-array.ts';
import { buildGapAnalysisModel, type GapAnalysisModel } from '../../reports/gap-analysis.model.ts';
import { renderGapAnalysisXlsx } from '../../reports/render-gap-xlsx.ts';
import { exclusionRefusal } from './controls.policy.ts';
import { readOneControlLinks } from './controls.repo.ts';
import { findMemberName } from '../org/org.service.ts';
import { gapBases, gapSortKeys, matchesGapFilters, mergeGapItems, toGapItem } from './gap-items.ts';
import { findEntry, insertEntry, listEntries, updateEntry, type GapEntryValues } from './gap.repo.ts';

function today(ctx: OrgCtx): string {
  return todayIn(ctx.org.timeZone, ctx.now);
}

/** Every gap-analysis line of the organisation, unpaginated (readiness, export). */
export async function listAllGapItems(ctx: OrgCtx): Promise<GapItem[]> {
  return mergeGapItems(ctx.deps.catalogue, await listEntries(ctx.tx, ctx.org.id), today(ctx));
}

/** One page of the gap analysis, filtered and sorted on the server (the catalogue is data, so in memory). */
export async function listGapItems(ctx: OrgCtx, query: GapListQuery): Promise<ListReply<GapItem>> {
  const matching = (await listAllGapItems(ctx)).filter((item) => matchesGapFilters(item, query));
  const sort = gapSortKeys[query.sort];
  return pageArray(matching, { ...sort, sortTag: `${query.sort}:${query.order}`, order: query.order, limit: query.limit, cursor: query.cursor });
}

export async function getGapItem(ctx: OrgCtx, itemId: string): Promise<GapItem> {
  const base = gapBases(ctx.deps.catalogue).byId.get(itemId);
  if (!base) throw notFound('The gap-analysis item');
  return toGapItem(base, await findEntry(ctx.tx, ctx.org.id, itemId), today(ctx));
}

function snapshot(values: GapEntryValues) {
  return { status: values.status, ownerUserId: values.owner_user_id, targetDate: values.target_date, notes: values.notes, justification: values.justification };
}

function editConflict(current: GapItem): AppError {
  return new AppError('edit_conflict', `Someone else saved ${current.ref} after you opened it. Their version is shown below: check it, then apply your change again.`, { current });
}

/**
 * Changes the fields sent (status, owner, target date, notes, justification) of one item, if nobody
 * saved it since the editor read `version`; otherwise 409 with the item as it is now, so nothing typed
 * is lost and nothing saved is overwritten. Clause requirements and mandatory documents cannot be
 * excluded; an excluded control needs a justification.
 */
export async function updateGapItem(ctx: OrgCtx, itemId: string, input: UpdateGapBody): Promise<GapItem> {
  const base = gapBases(ctx.deps.catalogue).byId.get(itemId);
  if (!base) throw notFound('The gap-analysis item');
  const before = await findEntry(ctx.tx, ctx.org.id, itemId);
  const current = toGapItem(base, before, today(ctx));
  if (current.version !== input.version) throw editConflict(current);
  const status = input.status ?? current.status;
  const values: GapEntryValues = {
    status,
    owner_user_id: input.ownerUserId === undefined ? current.ownerUserId : input.ownerUserId,
    target_date: input.targetDate === undefined ? current.targetDate : input.targetDate,
    notes: input.notes ?? current.notes,
    justification: input.justification ?? current.justification,
    reasons: before?.reasons ?? [],
    implementation: before?.implementation ?? '',
    no_evidence_reason: before?.no_evidence_reason ?? '',
  };
  if (!statusesFor(base.kind).includes(status)) {
    throw new AppError('validation_failed', notApplicableRefusal, [
      { path: 'status', message: 'cannot be not applicable for this item' },
    ]);
  }
  if (values.status === 'not_applicable' && values.justification.trim() === '') {
    throw new AppError('validation_failed', 'A justification is required when an item is marked not applicable.', [
      { path: 'justification', message: 'A justification is required when an item is marked not applicable.' },
    ]);
  }
  if (values.status === 'not_applicable' && base.kind === 'control') {
    const { risks } = await readOneControlLinks(ctx.tx, ctx.org.id, itemId);
    const refusal = exclusionRefusal({ ref: base.ref, risks, riskCount: risks[0]?.total ?? 0 });
    if (refusal) throw new AppError('validation_failed', refusal, [{ path: 'status', message: refusal }]);
  }
  let ownerName = current.ownerName;
  if (values.owner_user_id !== current.ownerUserId) {
    ownerName = values.owner_user_id === null ? null : await findMemberName(ctx, values.owner_user_id);
    if (values.owner_user_id !== null && ownerName === null) {
      throw new AppError('validation_failed', 'The owner must be a member of this organisation.', [{ path: 'ownerUserId', message: 'is not a member' }]);
    }
  }
  const key = { orgId: ctx.org.id, itemId };
  const meta = { at: ctx.now, by: ctx.actor.userId };
  const saved = input.version === 0 ? await insertEntry(ctx.tx, key, values, meta) : await updateEntry(ctx.tx, { ...key, version: input.version }, values, meta);
  if (!saved) throw editConflict(toGapItem(base, await findEntry(ctx.tx, ctx.org.id, itemId), today(ctx)));
  await ctx.audit('gap.updated', { type: 'gap_item', id: itemId }, before ? snapshot({ ...before }) : null, snapshot(values));
  return toGapItem(base, { item_id: itemId, ...values, owner_name: ownerName, updated_at: saved.updated_at, version: saved.version }, today(ctx));
}

/** Readiness per clause, per Annex A theme and overall, the Stage 1/2 blockers and overdue items. */
export async function getReadiness(ctx: OrgCtx, items?: GapItem[]): Promise<ReadinessReply> {
  const all = items ?? (await listAllGapItems(ctx));
  const catalogue = ctx.deps.catalogue.catalogue;
  const topClauses = catalogue.clauses.filter((c) => c.parent === null).map((c) => ({ ref: c.ref, title: c.title }));
  const readiness = computeReadiness(
    all.map((i) => ({ id: i.itemId, kind: i.kind, ref: i.ref, title: i.title, clause: i.clause, theme: i.theme, stage: i.stage, status: i.status })),
    topClauses,
    catalogue.themes,
  );
  return { ...readiness, overdue: all.filter((i) => i.isOverdue), asOf: ctx.now.toISOString() };
}

/** The gap analysis as a plain model, read in the request's one snapshot; rendering happens after. */
export async function buildGapExport(ctx: OrgCtx): Promise<GapAnalysisModel> {
  const items = await listAllGapItems(ctx);
  const readiness = await getReadiness(ctx, items);
  return buildGapAnalysisModel({ organisation: ctx.org.name, generatedAt: ctx.now, timeZone: ctx.org.timeZone, items, readiness });
}

/** The XLSX workbook of a gap-analysis model, with a file name that says whose and when. */
export async function renderGapExport(model: GapAnalysisModel): Promise<{ fileName: string; body: Buffer }> {
  const slug = model.organisation.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'organisation';
  return { fileName: `gap-analysis-${slug}-${model.generatedOnIso}.xlsx`, body: await renderGapAnalysisXlsx(model) };
}
