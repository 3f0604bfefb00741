import type { ListReply } from '@custodian/shared/contracts/list.ts';
import type { ApproveDocumentBody, CreateDocumentBody, Document, DocumentDetail, DocumentListQuery, DocumentVersion, UpdateDocumentBody } from '@custodian/shared/contracts/documents.ts';
import type { DatedObligation } from '@custodian/shared/domain/obligations.ts';
import { AppError, notFound } from '@custodian/shared/errors.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { todayIn } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import type { PackFile } from '../../reports/pack-file.ts';
import { buildPolicyDocumentModel } from '../../reports/policy-document.model.ts';
import { renderDocumentDocx } from '../../reports/render-document-docx.ts';
import { renderDocumentPdf } from '../../reports/render-document-pdf.ts';
import type { DocumentModel } from '../../reports/document.model.ts';
import { listAssignmentRows, outstandingAcknowledgementRows } from './acknowledgements.repo.ts';
import { mandatoryChecklist } from './document-checklist.ts';
import { htmlToSections, sanitiseDocumentHtml } from './document-html.ts';
import { documentTemplates, templateHtml } from './document-templates.ts';
import { addMonths, dayString, toAssignment, toDocument, toVersionSummary, versionLabel } from './document-views.ts';
import { assertMayDeleteDocument } from './documents.policy.ts';
import {
  allDocumentRows,
  deleteDocumentRow,
  findDocumentRow,
  findMemberRow,
  findVersionRow,
  insertDocumentRow,
  insertVersionRow,
  listDocumentRows,
  listVersionRows,
  markDocumentApproved,
  updateDocumentRow,
  type DocumentRow,
} from './documents.repo.ts';

const entity = (id: string) => ({ type: 'documents', id });
const snapshot = (row: { name: string; mandatory_id: string | null; owner_user_id: string | null; review_months: number }) => ({
  name: row.name,
  mandatoryId: row.mandatory_id,
  ownerUserId: row.owner_user_id,
  reviewMonths: row.review_months,
});

async function documentOf(ctx: OrgCtx, row: DocumentRow): Promise<Document> {
  const latest = row.approved_number === null ? undefined : await findVersionRow(ctx.tx, ctx.org.id, row.id, row.approved_number);
  return toDocument(row, latest);
}

async function mustFind(ctx: OrgCtx, id: string): Promise<DocumentRow> {
  const row = await findDocumentRow(ctx.tx, ctx.org.id, id);
  if (!row) throw notFound('The document');
  return row;
}

/** One page of the organisation's documents. */
export async function listDocuments(ctx: OrgCtx, query: DocumentListQuery): Promise<ListReply<Document>> {
  const page = await listDocumentRows(ctx.tx, ctx.org.id, query);
  return { ...page, items: await Promise.all(page.items.map((row) => documentOf(ctx, row))) };
}

/** The policy templates of the library. */
export function listDocumentTemplates(): { items: Array<{ key: (typeof documentTemplates)[number]['key']; name: string; summary: string; mandatoryId: string | null }> } {
  return { items: documentTemplates.map(({ key, name, summary, mandatoryId }) => ({ key, name, summary, mandatoryId })) };
}

/** A document with its draft, every approved version (newest first) and who is asked to acknowledge it. */
export async function getDocument(ctx: OrgCtx, id: string): Promise<DocumentDetail> {
  const row = await mustFind(ctx, id);
  const versions = await listVersionRows(ctx.tx, ctx.org.id, id);
  const assignments = await listAssignmentRows(ctx.tx, ctx.org.id, id);
  return { ...toDocument(row, versions[0]), draftHtml: row.draft_html, versions: versions.map(toVersionSummary), assignments: assignments.map(toAssignment) };
}

/** Adds a document: from a template (its text filled in with the organisation's name and the author as owner) or blank. */
export async function createDocument(ctx: OrgCtx, input: CreateDocumentBody): Promise<Document> {
  const template = input.templateKey ? documentTemplates.find((t) => t.key === input.templateKey) : undefined;
  const author = await findMemberRow(ctx.tx, ctx.org.id, ctx.actor.userId);
  const ownerName = author?.name ?? 'the ISMS manager';
  const html = template ? sanitiseDocumentHtml(templateHtml(template, { org: ctx.org.name, owner: ownerName, today: formatDay(todayIn(ctx.org.timeZone, ctx.now)) })) : '';
  const id = newId(ctx.now.getTime());
  const name = input.name ?? template?.name ?? 'Untitled document';
  await insertDocumentRow(ctx.tx, {
    org_id: ctx.org.id,
    id,
    name,
    template_key: template?.key ?? null,
    mandatory_id: template?.mandatoryId ?? null,
    owner_user_id: ctx.actor.userId,
    draft_html: html,
    created_at: ctx.now,
    created_by: ctx.actor.userId,
    updated_at: ctx.now,
    updated_by: ctx.actor.userId,
  });
  const row = await mustFind(ctx, id);
  await ctx.audit('documents.created', entity(id), null, { ...snapshot(row), template: template?.name ?? null });
  return toDocument(row, undefined);
}

const formatDay = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The edit conflict, carrying the document as it is now with its draft (so an editor can compare the text). */
async function conflictOf(ctx: OrgCtx, id: string): Promise<AppError> {
  const current = await getDocument(ctx, id);
  return new AppError('edit_conflict', `Someone else saved “${current.name}” after you opened it. Their version is shown: check it, then apply your change again.`, { current });
}

/** Changes the draft or details sent (the draft is sanitised), if nobody saved the document since `version` was read. */
export async function updateDocument(ctx: OrgCtx, id: string, input: UpdateDocumentBody): Promise<Document> {
  const before = await mustFind(ctx, id);
  if (before.version !== input.version) throw await conflictOf(ctx, id);
  if (input.ownerUserId && !(await findMemberRow(ctx.tx, ctx.org.id, input.ownerUserId))) {
    throw new AppError('validation_failed', 'The owner must be a member of the organisation.', [{ path: 'ownerUserId', message: 'must be a member of the organisation' }]);
  }
  if (input.mandatoryId && !ctx.deps.catalogue.byId.has(input.mandatoryId)) {
    throw new AppError('validation_failed', 'Choose one of the mandatory documents listed.', [{ path: 'mandatoryId', message: 'must be one of the mandatory documents' }]);
  }
  const patch = {
    ...(input.name === undefined ? {} : { name: input.name }),
    ...(input.draftHtml === undefined ? {} : { draft_html: sanitiseDocumentHtml(input.draftHtml) }),
    ...(input.ownerUserId === undefined ? {} : { owner_user_id: input.ownerUserId }),
    ...(input.reviewMonths === undefined ? {} : { review_months: input.reviewMonths }),
    ...(input.mandatoryId === undefined ? {} : { mandatory_id: input.mandatoryId }),
  };
  if (!(await updateDocumentRow(ctx.tx, { orgId: ctx.org.id, id, version: input.version }, { ...patch, updated_at: ctx.now, updated_by: ctx.actor.userId }))) {
    throw await conflictOf(ctx, id);
  }
  const after = await mustFind(ctx, id);
  await ctx.audit('documents.updated', entity(id), snapshot(before), { ...snapshot(after), isTextChanged: before.draft_html !== after.draft_html });
  return documentOf(ctx, after);
}

/** Deletes a document with its versions, assignments and acknowledgements. */
export async function deleteDocument(ctx: OrgCtx, id: string): Promise<void> {
  const before = await mustFind(ctx, id);
  assertMayDeleteDocument(ctx.actor, before);
  if (!(await deleteDocumentRow(ctx.tx, ctx.org.id, id))) throw notFound('The document');
  await ctx.audit('documents.deleted', entity(id), snapshot(before));
}

/**
 * Approves the draft as the next version: a major version (staff must acknowledge it again) or a minor
 * one (acknowledgements of the major version stand). The approved text is frozen in its own row; the
 * approver is recorded; the next review falls `reviewMonths` after today. Refused when the document
 * changed since the approver read it (two approvals at once make one version).
 */
export async function approveDocument(ctx: OrgCtx, id: string, input: ApproveDocumentBody): Promise<DocumentDetail> {
  const row = await mustFind(ctx, id);
  if (row.version !== input.version) throw await conflictOf(ctx, id);
  if (sanitiseDocumentHtml(row.draft_html).replace(/<[^>]*>/g, '').trim() === '') {
    throw new AppError('validation_failed', 'The document has no text yet. Write it, then approve it.', [{ path: 'version', message: 'the draft is empty' }]);
  }
  const latest = row.approved_number === null ? undefined : await findVersionRow(ctx.tx, ctx.org.id, id, row.approved_number);
  const major = !latest ? 1 : input.isMajor ? latest.major + 1 : latest.major;
  const minor = !latest || input.isMajor ? 0 : latest.minor + 1;
  const number = (latest?.number ?? 0) + 1;
  const nextReviewOn = addMonths(todayIn(ctx.org.timeZone, ctx.now), row.review_months);
  if (!(await markDocumentApproved(ctx.tx, { orgId: ctx.org.id, id, version: input.version }, { number, major, nextReviewOn, at: ctx.now, by: ctx.actor.userId }))) {
    throw await conflictOf(ctx, id);
  }
  const approver = await findMemberRow(ctx.tx, ctx.org.id, ctx.actor.userId);
  await insertVersionRow(ctx.tx, {
    org_id: ctx.org.id,
    document_id: id,
    number,
    major,
    minor,
    name: row.name,
    html: row.draft_html,
    change_note: input.changeNote,
    approved_at: ctx.now,
    approved_by: ctx.actor.userId,
    approved_by_name: approver?.name ?? 'A member',
  });
  await ctx.audit('documents.approved', entity(id), latest ? { label: versionLabel(latest.major, latest.minor) } : null, {
    name: row.name,
    label: versionLabel(major, minor),
    isMajor: minor === 0,
    changeNote: input.changeNote,
    nextReviewOn,
  });
  return getDocument(ctx, id);
}

/** One approved version's text. */
export async function getDocumentVersion(ctx: OrgCtx, id: string, number: number): Promise<DocumentVersion> {
  await mustFind(ctx, id);
  const row = await findVersionRow(ctx.tx, ctx.org.id, id, number);
  if (!row) throw notFound('That version of the document');
  return { ...toVersionSummary(row), name: row.name, html: row.html };
}

/** An approved version as a document model (document-control block, text, history), read in the request's snapshot. */
export async function buildDocumentVersionModel(ctx: OrgCtx, id: string, number: number): Promise<{ document: DocumentModel; fileBase: string; generatedAt: Date }> {
  const row = await mustFind(ctx, id);
  const versions = await listVersionRows(ctx.tx, ctx.org.id, id);
  const version = versions.find((v) => v.number === number);
  if (!version) throw notFound('That version of the document');
  const model = buildPolicyDocumentModel({
    organisation: ctx.org.name,
    timeZone: ctx.org.timeZone,
    generatedAt: ctx.now,
    name: version.name,
    label: versionLabel(version.major, version.minor),
    ownerName: row.owner_name,
    approvedAt: new Date(version.approved_at),
    approvedByName: version.approved_by_name,
    changeNote: version.change_note,
    nextReviewOn: number === row.approved_number && row.next_review_on ? dayString(row.next_review_on) : null,
    sections: htmlToSections(version.html, version.name),
    history: versions.filter((v) => v.number <= number).map((v) => ({ label: versionLabel(v.major, v.minor), approvedAt: new Date(v.approved_at), approvedByName: v.approved_by_name, changeNote: v.change_note })),
  });
  return { ...model, generatedAt: ctx.now };
}

/** The model rendered as a Word document or a PDF. */
export async function renderDocumentVersion(model: { document: DocumentModel; fileBase: string; generatedAt: Date }, format: 'docx' | 'pdf'): Promise<{ fileName: string; body: Buffer }> {
  const body = format === 'docx' ? await renderDocumentDocx(model.document) : await renderDocumentPdf(model.document, model.generatedAt);
  return { fileName: `${model.fileBase}.${format}`, body };
}

/** The mandatory documented information of the catalogue, each met or not, and how. */
export { mandatoryChecklist as getMandatoryDocuments };

/** Progress for the guided path: mandatory documents met, in one sentence. */
export async function mandatoryDocumentsProgress(ctx: OrgCtx): Promise<{ done: number; total: number; detail: string }> {
  const { done, total } = await mandatoryChecklist(ctx);
  return { done, total, detail: `${done} of ${total} mandatory documents approved` };
}

/**
 * Dated obligations: each approved document's next review (its owner's), and each person's
 * acknowledgement still outstanding (due 14 days after the version was approved).
 */
export async function documentsObligations(ctx: OrgCtx): Promise<DatedObligation[]> {
  const reviews: DatedObligation[] = (await allDocumentRows(ctx.tx, ctx.org.id))
    .filter((row) => row.next_review_on !== null)
    .map((row) => ({
      key: `policy-review:${row.id}:${dayString(row.next_review_on as string)}`,
      kind: 'policy-review',
      title: `Review the ${row.name}`,
      dueOn: dayString(row.next_review_on as string),
      ownerUserId: row.owner_user_id,
      href: `/documents/${row.id}`,
      isDone: false,
    }));
  const acknowledgements: DatedObligation[] = (await outstandingAcknowledgementRows(ctx.tx, ctx.org.id)).map((row) => ({
    key: `policy-acknowledgement:${row.document_id}:${row.major}:${row.user_id}`,
    kind: 'policy-acknowledgement',
    title: `${row.user_name}: read and acknowledge the ${row.name}`,
    dueOn: addDays(todayIn(ctx.org.timeZone, new Date(row.approved_at)), acknowledgementDays),
    ownerUserId: row.user_id,
    href: '/my-policies',
    isDone: false,
  }));
  return [...reviews, ...acknowledgements];
}

/** Days staff have to acknowledge a newly approved (major) version. */
export const acknowledgementDays = 14;

const addDays = (isoDay: string, days: number) => new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The auditor pack's documents: a PDF of the current approved version of every approved document. */
export async function documentsPackFiles(ctx: OrgCtx): Promise<PackFile[]> {
  const files: PackFile[] = [];
  for (const row of await allDocumentRows(ctx.tx, ctx.org.id)) {
    if (row.approved_number === null) continue;
    const model = await buildDocumentVersionModel(ctx, row.id, row.approved_number);
    const file = await renderDocumentVersion(model, 'pdf');
    files.push({ path: `documents/${file.fileName}`, bytes: new Uint8Array(file.body), description: `${row.name}, approved version ${model.document.control[1]?.value ?? ''} (PDF)` });
  }
  return files;
}
