import { controlReasons, uuidOfOrgControl, type AddControlReasonsBody, type ControlItem, type ControlListQuery, type CreateControlBody, type UpdateControlBody } from '@custodian/shared/contracts/controls.ts';
import type { ListReply } from '@custodian/shared/contracts/list.ts';
import { AppError, notFound } from '@custodian/shared/errors.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { newId } from '../../lib/ids.ts';
import { pageArray } from '../../lib/list-array.ts';
import { findEntry, insertEntry, listEntries, updateEntry, type GapEntryValues } from './gap.repo.ts';
import { findMemberName, lockOrganisation } from '../org/org.service.ts';
import { annexABases, controlSortKeys, matchesControlFilters, mergeControlItems, orgControlBase, toControlItem, type ControlBase } from './control-items.ts';
import { addReasonsRow, deleteOrgControlRow, lockOrgControlRow, findOrgControlRow, highestOrgControlNumber, insertOrgControlRow, listOrgControlRows, readControlLinks, readOneControlLinks, readRegisterKey, updateOrgControlRow } from './controls.repo.ts';
import { exclusionRefusal } from './controls.policy.ts';
import { RememberedPerOrg } from '../../lib/remembered-per-org.ts';
import type { LoadedCatalogue } from '@custodian/catalogue/load-catalogue.ts';

const entity = (controlId: string) => ({ type: 'control', id: controlId });

/** Each organisation's merged register, per catalogue, under the key it was read at (frozen: requests share it). */
const rememberedRegisters = new WeakMap<LoadedCatalogue, RememberedPerOrg<readonly ControlItem[]>>();

/**
 * Every control of the register, Annex A then the organisation's own, with the risks each treats.
 * Remembered per organisation under the register key (readRegisterKey) read first in this transaction,
 * and stored only once it commits, so an unchanged register costs one small read and a changed one is
 * never served from memory (ADR 0027).
 */
export async function listAllControls(ctx: OrgCtx): Promise<readonly ControlItem[]> {
  const catalogue = ctx.deps.catalogue;
  const memory = rememberedRegisters.get(catalogue) ?? new RememberedPerOrg<readonly ControlItem[]>(500);
  rememberedRegisters.set(catalogue, memory);
  const key = await readRegisterKey(ctx.tx, ctx.org.id);
  const known = memory.get(ctx.org.id, key);
  if (known) return known;
  const own = (await listOrgControlRows(ctx.tx, ctx.org.id)).map(orgControlBase);
  const [entries, links] = [await listEntries(ctx.tx, ctx.org.id), await readControlLinks(ctx.tx, ctx.org.id, ctx.afterCommit)];
  const items = deepFreeze(mergeControlItems([...annexABases(catalogue), ...own], entries, links));
  ctx.afterCommit(() => memory.set(ctx.org.id, key, items));
  return items;
}

function deepFreeze(items: ControlItem[]): readonly ControlItem[] {
  for (const item of items) {
    for (const risk of item.risks) Object.freeze(risk);
    Object.freeze(item.risks);
    Object.freeze(item.reasons);
    Object.freeze(item);
  }
  return Object.freeze(items);
}

/** One page of the register, filtered and sorted on the server. */
/** Pages already answered from one register as read (it is frozen, so each page of it is too); a few dozen per register. */
const answeredPages = new WeakMap<readonly ControlItem[], Map<string, ListReply<ControlItem>>>();

export async function listControls(ctx: OrgCtx, query: ControlListQuery): Promise<ListReply<ControlItem>> {
  const register = await listAllControls(ctx);
  const pages = answeredPages.get(register) ?? new Map<string, ListReply<ControlItem>>();
  answeredPages.set(register, pages);
  const pageKey = JSON.stringify(query);
  const known = pages.get(pageKey);
  if (known) return known;
  const matching = register.filter((item) => matchesControlFilters(item, query));
  const sort = controlSortKeys[query.sort];
  const page = Object.freeze(pageArray(matching, { ...sort, sortTag: `${query.sort}:${query.order}`, order: query.order, limit: query.limit, cursor: query.cursor }));
  Object.freeze(page.items);
  if (pages.size >= 50) pages.delete(pages.keys().next().value ?? '');
  pages.set(pageKey, page);
  return page;
}

async function findBase(ctx: OrgCtx, controlId: string): Promise<ControlBase> {
  const ownId = uuidOfOrgControl(controlId);
  if (ownId) {
    const row = await findOrgControlRow(ctx.tx, ctx.org.id, ownId);
    if (row) return orgControlBase(row);
  } else {
    const base = annexABases(ctx.deps.catalogue).find((candidate) => candidate.controlId === controlId);
    if (base) return base;
  }
  throw notFound('The control');
}

export async function getControl(ctx: OrgCtx, controlId: string): Promise<ControlItem> {
  const base = await findBase(ctx, controlId);
  const links = await readOneControlLinks(ctx.tx, ctx.org.id, controlId);
  return toControlItem(base, await findEntry(ctx.tx, ctx.org.id, controlId), links.risks, links.evidenceCount);
}

function editConflict(current: ControlItem): AppError {
  return new AppError('edit_conflict', `Someone else saved ${current.ref} after you opened it. Their version is shown below: check it, then apply your change again.`, { current });
}

function refused(path: string, message: string): AppError {
  return new AppError('validation_failed', message, [{ path, message }]);
}

function snapshot(item: ControlItem) {
  const { ref, title, description, status, reasons, justification, implementation, noEvidenceReason, ownerUserId, targetDate, notes } = item;
  return { ref, title, description, status, reasons, justification, implementation, noEvidenceReason, ownerUserId, targetDate, notes };
}

/**
 * Changes the fields sent, if nobody saved the control since the editor read `version` (otherwise 409
 * with the control as it is now). An excluded control needs a justification and may not treat a risk;
 * only the organisation's own controls can be renamed.
 */
export async function updateControl(ctx: OrgCtx, controlId: string, input: UpdateControlBody): Promise<ControlItem> {
  const base = await findBase(ctx, controlId);
  const current = await getControl(ctx, controlId);
  if (current.version !== input.version) throw editConflict(current);
  if (base.source === 'annex_a' && (input.title !== undefined || input.description !== undefined)) {
    throw refused(input.title !== undefined ? 'title' : 'description', 'An Annex A control keeps its title from the standard; describe how you implement it instead.');
  }
  const values: GapEntryValues = {
    status: input.status ?? current.status,
    owner_user_id: input.ownerUserId === undefined ? current.ownerUserId : input.ownerUserId,
    target_date: input.targetDate === undefined ? current.targetDate : input.targetDate,
    notes: input.notes ?? current.notes,
    justification: input.justification ?? current.justification,
    reasons: input.reasons ? [...new Set(input.reasons)] : current.reasons,
    implementation: input.implementation ?? current.implementation,
    no_evidence_reason: input.noEvidenceReason ?? current.noEvidenceReason,
  };
  if (values.status === 'not_applicable') {
    if (values.justification.trim() === '') throw refused('justification', 'A justification is required when a control is excluded (not applicable).');
    const refusal = exclusionRefusal(current);
    if (refusal) throw refused('status', refusal);
  }
  let ownerName = current.ownerName;
  if (values.owner_user_id !== current.ownerUserId) {
    ownerName = values.owner_user_id === null ? null : await findMemberName(ctx, values.owner_user_id);
    if (values.owner_user_id !== null && ownerName === null) throw refused('ownerUserId', 'The owner must be a member of this organisation.');
  }
  const key = { orgId: ctx.org.id, itemId: controlId };
  const meta = { at: ctx.now, by: ctx.actor.userId };
  const saved = input.version === 0 ? await insertEntry(ctx.tx, key, values, meta) : await updateEntry(ctx.tx, { ...key, version: input.version }, values, meta);
  if (!saved) throw editConflict(await getControl(ctx, controlId));
  const own = uuidOfOrgControl(controlId);
  const title = input.title ?? base.title;
  const description = input.description ?? base.description;
  if (own && (title !== base.title || description !== base.description)) await updateOrgControlRow(ctx.tx, { orgId: ctx.org.id, id: own }, { title, description }, meta);
  const after = toControlItem(
    { ...base, title, description },
    { item_id: controlId, ...values, owner_name: ownerName, updated_at: saved.updated_at, version: saved.version },
    current.risks.map((risk) => ({ control_id: controlId, ...risk, total: current.riskCount })),
    current.evidenceCount,
  );
  await ctx.audit('control.updated', entity(controlId), current.version === 0 ? null : snapshot(current), snapshot(after));
  return after;
}

/** Adds a control of the organisation's own, numbered C-01, C-02… under the organisation's lock. */
export async function createControl(ctx: OrgCtx, input: CreateControlBody): Promise<ControlItem> {
  await lockOrganisation(ctx);
  const n = (await highestOrgControlNumber(ctx.tx, ctx.org.id)) + 1;
  const id = newId();
  const ref = `C-${String(n).padStart(2, '0')}`;
  const description = input.description ?? '';
  await insertOrgControlRow(ctx.tx, { orgId: ctx.org.id, id, ref, title: input.title, description, at: ctx.now, by: ctx.actor.userId });
  const item = toControlItem(orgControlBase({ id, ref, title: input.title, description, version: 1 }), undefined, [], 0);
  await ctx.audit('control.created', entity(item.controlId), null, { ref, title: input.title, description });
  return item;
}

/** Deletes a control of the organisation's own (approved statements keep it as they were approved). */
export async function deleteControl(ctx: OrgCtx, controlId: string): Promise<void> {
  const own = uuidOfOrgControl(controlId);
  if (!own) {
    if (annexABases(ctx.deps.catalogue).some((base) => base.controlId === controlId)) {
      throw new AppError('conflict', 'Annex A controls cannot be deleted. Mark the control not applicable, with a justification, to exclude it.');
    }
    throw notFound('The control');
  }
  if (!(await lockOrgControlRow(ctx.tx, ctx.org.id, own, 'update'))) throw notFound('The control');
  const current = await getControl(ctx, controlId);
  if (current.evidenceCount > 0) {
    throw new AppError('conflict', `${current.ref} has ${current.evidenceCount === 1 ? 'an item' : `${current.evidenceCount} items`} of evidence linked. Unlink the evidence before deleting the control.`);
  }
  if (current.riskCount > 0) {
    throw new AppError('conflict', `${current.ref} treats ${current.riskCount === 1 ? 'a risk' : `${current.riskCount} risks`} (${current.risks.map((risk) => risk.ref).join(', ')}${current.riskCount > current.risks.length ? ', …' : ''}). Take it off those risks' treatment tasks before deleting it.`);
  }
  if (!(await deleteOrgControlRow(ctx.tx, ctx.org.id, own))) throw notFound('The control');
  await ctx.audit('control.deleted', entity(controlId), { ref: current.ref, title: current.title }, null);
}

/**
 * Adds reasons for inclusion to many controls at once (an excluded control is left as it is: it is not
 * included). Every id must name a control of the register; the reasons already there stay.
 */
export async function addControlReasons(ctx: OrgCtx, input: AddControlReasonsBody): Promise<{ changed: number }> {
  const all = new Map((await listAllControls(ctx)).map((item) => [item.controlId, item]));
  const unknown = input.controlIds.filter((id) => !all.has(id));
  if (unknown.length > 0) throw refused('controlIds', `These controls are not in the register: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? '…' : ''}`);
  let changed = 0;
  for (const controlId of new Set(input.controlIds)) {
    const before = all.get(controlId);
    if (!before || !before.isApplicable || input.reasons.every((reason) => before.reasons.includes(reason))) continue;
    await addReasonsRow(ctx.tx, { orgId: ctx.org.id, itemId: controlId }, input.reasons, controlReasons, { at: ctx.now, by: ctx.actor.userId });
    const reasons = controlReasons.filter((reason) => before.reasons.includes(reason) || input.reasons.includes(reason));
    await ctx.audit('control.updated', entity(controlId), { ref: before.ref, title: before.title, reasons: before.reasons }, { ref: before.ref, title: before.title, reasons });
    changed += 1;
  }
  return { changed };
}

/** The refs and titles of the organisation's own controls, by control id ("org:<id>"): how other modules name them. */
export async function ownControlNames(ctx: OrgCtx): Promise<Map<string, { ref: string; title: string }>> {
  return new Map((await listOrgControlRows(ctx.tx, ctx.org.id)).map((row) => [orgControlBase(row).controlId, { ref: row.ref, title: row.title }]));
}

/** A control of the organisation's own, share-locked while evidence is linked to it (a deletion waits); null when it is not in the register. */
export async function lockOwnControlForLink(ctx: OrgCtx, controlId: string): Promise<{ ref: string; title: string } | null> {
  const id = uuidOfOrgControl(controlId);
  const row = id ? await lockOrgControlRow(ctx.tx, ctx.org.id, id, 'share') : undefined;
  return row ? { ref: row.ref, title: row.title } : null;
}
