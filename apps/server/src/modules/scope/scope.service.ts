import type { ListReply } from '@custodian/shared/contracts/list.ts';
import {
  scopeSectionLabels,
  scopeSections,
  scopeSuggestions,
  type ApproveScopeBody,
  type CreateScopeItemBody,
  type ScopeItem,
  type ScopeItemListQuery,
  type ScopeSection,
  type ScopeStatement,
  type UpdateScopeItemBody,
  type UpdateScopeStatementBody,
} from '@custodian/shared/contracts/scope.ts';
import { AppError, notFound } from '@custodian/shared/errors.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { newId } from '../../lib/ids.ts';
import { renderDocumentDocx } from '../../reports/render-document-docx.ts';
import { renderDocumentPdf } from '../../reports/render-document-pdf.ts';
import { buildScopeStatementModel, type ScopeStatementDocument } from '../../reports/scope-statement.model.ts';
import { assertMayApproveScope, assertMayDeleteScopeItem } from './scope.policy.ts';
import {
  allScopeItemRows,
  approveScopeRow,
  bumpScopeRevision,
  countScopeItemsBySection,
  deleteScopeItemRow,
  findScopeItemRow,
  findScopeStatementRow,
  insertScopeItemRow,
  listScopeItemRows,
  lockScopeStatementRow,
  saveScopeSummary,
  updateScopeItemRow,
  type ScopeItemRow,
  type ScopeStatementRow,
} from './scope.repo.ts';

const itemEntity = (id: string) => ({ type: 'scope_item', id });
const statementEntity = (orgId: string) => ({ type: 'scope_statement', id: orgId });
const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

function toScopeItem(row: ScopeItemRow): ScopeItem {
  return {
    id: row.id,
    section: row.section as ScopeSection,
    name: row.name,
    description: row.description,
    requirements: row.requirements,
    justification: row.justification,
    suggestionKey: row.suggestion_key,
    createdByUserId: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    updatedByName: row.updated_by_name,
    version: row.version,
  };
}

/** What the audit trail keeps of an entry: its part in words, never a code. */
function snapshot(row: Pick<ScopeItemRow, 'section' | 'name' | 'description' | 'requirements' | 'justification'>) {
  return { part: scopeSectionLabels[row.section as ScopeSection].one, name: row.name, description: row.description, requirements: row.requirements, justification: row.justification };
}

const blankJustification = () =>
  new AppError('validation_failed', 'Give the reason this is excluded from the scope.', [{ path: 'justification', message: 'Give the reason this is excluded from the scope.' }]);

export async function listScopeItems(ctx: OrgCtx, query: ScopeItemListQuery): Promise<ListReply<ScopeItem>> {
  const page = await listScopeItemRows(ctx.tx, ctx.org.id, query);
  return { ...page, items: page.items.map(toScopeItem) };
}

export async function getScopeItem(ctx: OrgCtx, id: string): Promise<ScopeItem> {
  const row = await findScopeItemRow(ctx.tx, ctx.org.id, id);
  if (!row) throw notFound('The scope entry');
  return toScopeItem(row);
}

/** Adds an entry to one part of the scope (a suggestion at most once) and counts a new revision of the statement. */
export async function createScopeItem(ctx: OrgCtx, input: CreateScopeItemBody): Promise<ScopeItem> {
  const suggestion = input.suggestionKey === undefined ? undefined : scopeSuggestions.find((candidate) => candidate.key === input.suggestionKey);
  if (input.suggestionKey !== undefined && suggestion?.section !== input.section) {
    throw new AppError('validation_failed', 'That suggestion is not one Custodian offers for this part of the scope.', [{ path: 'suggestionKey', message: 'is not a suggestion for this part' }]);
  }
  const justification = input.justification ?? '';
  if (input.section === 'exclusion' && justification.trim() === '') throw blankJustification();
  const id = newId(ctx.now.getTime());
  const row = {
    org_id: ctx.org.id,
    id,
    section: input.section,
    name: input.name,
    description: input.description ?? '',
    requirements: input.requirements ?? '',
    justification,
    suggestion_key: input.suggestionKey ?? null,
    created_at: ctx.now,
    created_by: ctx.actor.userId,
    updated_at: ctx.now,
    updated_by: ctx.actor.userId,
  };
  if (!(await insertScopeItemRow(ctx.tx, row))) throw new AppError('conflict', `“${suggestion?.name ?? input.name}” is already in your scope.`);
  await bumpScopeRevision(ctx.tx, ctx.org.id, { at: ctx.now, by: ctx.actor.userId });
  await ctx.audit('scope.item_added', itemEntity(id), null, snapshot(row));
  return getScopeItem(ctx, id);
}

/** Changes the fields sent, if nobody saved the entry since `version` was read (otherwise 409 with it as it is now). */
export async function updateScopeItem(ctx: OrgCtx, id: string, input: UpdateScopeItemBody): Promise<ScopeItem> {
  const before = await findScopeItemRow(ctx.tx, ctx.org.id, id);
  if (!before) throw notFound('The scope entry');
  const conflict = (current: ScopeItemRow) =>
    new AppError('edit_conflict', `Someone else saved “${current.name}” after you opened it. Their version is shown: check it, then apply your change again.`, { current: toScopeItem(current) });
  if (before.version !== input.version) throw conflict(before);
  const patch = {
    ...(input.name === undefined ? {} : { name: input.name }),
    ...(input.description === undefined ? {} : { description: input.description }),
    ...(input.requirements === undefined ? {} : { requirements: input.requirements }),
    ...(input.justification === undefined ? {} : { justification: input.justification }),
  };
  if (before.section === 'exclusion' && (patch.justification ?? before.justification).trim() === '') throw blankJustification();
  const isSaved = await updateScopeItemRow(ctx.tx, { orgId: ctx.org.id, id, version: input.version }, { ...patch, updated_at: ctx.now, updated_by: ctx.actor.userId });
  if (!isSaved) throw conflict((await findScopeItemRow(ctx.tx, ctx.org.id, id)) ?? before);
  await bumpScopeRevision(ctx.tx, ctx.org.id, { at: ctx.now, by: ctx.actor.userId });
  await ctx.audit('scope.item_changed', itemEntity(id), snapshot(before), snapshot({ ...before, ...patch }));
  return getScopeItem(ctx, id);
}

export async function deleteScopeItem(ctx: OrgCtx, id: string): Promise<void> {
  const before = await findScopeItemRow(ctx.tx, ctx.org.id, id);
  if (!before) throw notFound('The scope entry');
  assertMayDeleteScopeItem(ctx.actor, before);
  if (!(await deleteScopeItemRow(ctx.tx, ctx.org.id, id))) throw notFound('The scope entry');
  await bumpScopeRevision(ctx.tx, ctx.org.id, { at: ctx.now, by: ctx.actor.userId });
  await ctx.audit('scope.item_removed', itemEntity(id), snapshot(before));
}

function toStatement(row: ScopeStatementRow | undefined, counts: Array<{ section: string; count: number }>): ScopeStatement {
  const bySection = Object.fromEntries(scopeSections.map((section) => [section, counts.find((entry) => entry.section === section)?.count ?? 0])) as Record<ScopeSection, number>;
  if (!row) {
    return { summary: '', revision: 0, changedAt: null, changedByName: null, approvedRevision: null, approvedAt: null, approvedByName: null, approvalNote: '', isApproved: false, counts: bySection, version: 1 };
  }
  return {
    summary: row.summary,
    revision: row.revision,
    changedAt: iso(row.changed_at),
    changedByName: row.changed_by_name,
    approvedRevision: row.approved_revision,
    approvedAt: iso(row.approved_at),
    approvedByName: row.approved_by_name,
    approvalNote: row.approval_note,
    isApproved: row.approved_revision !== null && row.approved_revision === row.revision,
    counts: bySection,
    version: row.version,
  };
}

/** The scope statement's state: summary, revision, who changed and approved it, and how many entries each part holds. */
export async function getScopeStatement(ctx: OrgCtx): Promise<ScopeStatement> {
  return toStatement(await findScopeStatementRow(ctx.tx, ctx.org.id), await countScopeItemsBySection(ctx.tx, ctx.org.id));
}

/** Changes the summary if nobody changed it (or approved the statement) since `version` was read. */
export async function updateScopeStatement(ctx: OrgCtx, input: UpdateScopeStatementBody): Promise<ScopeStatement> {
  const before = await lockScopeStatementRow(ctx.tx, ctx.org.id);
  if (before.version !== input.version) {
    const current = toStatement(before, await countScopeItemsBySection(ctx.tx, ctx.org.id));
    throw new AppError('edit_conflict', 'Someone else changed the scope statement after you opened it. Their version is shown: check it, then apply your change again.', { current });
  }
  if (before.summary === input.summary) {
    ctx.skipAudit('the summary was saved unchanged');
    return getScopeStatement(ctx);
  }
  await saveScopeSummary(ctx.tx, ctx.org.id, { summary: input.summary, at: ctx.now, by: ctx.actor.userId });
  await ctx.audit('scope.summary_changed', statementEntity(ctx.org.id), { summary: before.summary }, { summary: input.summary });
  return getScopeStatement(ctx);
}

/**
 * Approves the revision the approver read. A change counted meanwhile (or a statement with nothing in
 * it yet) refuses the approval with the statement as it is now: nobody approves what they did not see.
 */
export async function approveScopeStatement(ctx: OrgCtx, input: ApproveScopeBody): Promise<ScopeStatement> {
  assertMayApproveScope(ctx.actor);
  const note = input.note ?? '';
  if (!(await approveScopeRow(ctx.tx, ctx.org.id, { revision: input.revision, at: ctx.now, by: ctx.actor.userId, note }))) {
    const current = await getScopeStatement(ctx);
    throw new AppError('edit_conflict', `The scope statement changed after you read it (it is now revision ${current.revision}). Read it again, then approve.`, { current });
  }
  await ctx.audit('scope.approved', statementEntity(ctx.org.id), null, { revision: input.revision, note });
  return getScopeStatement(ctx);
}

/** The scope statement as a document model, read in the request's one snapshot; rendering happens after. */
export async function buildScopeStatementDocument(ctx: OrgCtx): Promise<ScopeStatementDocument> {
  const statement = await getScopeStatement(ctx);
  const items = (await allScopeItemRows(ctx.tx, ctx.org.id)).map(toScopeItem);
  return buildScopeStatementModel({ organisation: ctx.org.name, timeZone: ctx.org.timeZone, generatedAt: ctx.now, statement, items });
}

/** The scope statement as a Word document or a PDF, with a file name that says whose and when. */
export async function renderScopeStatement(model: ScopeStatementDocument, format: 'docx' | 'pdf'): Promise<{ fileName: string; body: Buffer }> {
  const body = format === 'docx' ? await renderDocumentDocx(model.document) : await renderDocumentPdf(model.document, model.generatedAt);
  return { fileName: `${model.fileBase}.${format}`, body };
}
