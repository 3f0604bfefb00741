import type { AssignDocumentBody, DocumentAssignment, MyPolicy, PeopleCoverageQuery, PersonCoverage } from '@custodian/shared/contracts/documents.ts';
import type { ListReply } from '@custodian/shared/contracts/list.ts';
import { AppError, notFound } from '@custodian/shared/errors.ts';
import { roleLabels, type Role } from '@custodian/shared/permissions.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { newId } from '../../lib/ids.ts';
import { deleteAssignmentRow, insertAcknowledgementRow, insertAssignmentRow, isAssignedTo, listAssignmentRows, listMyPolicyRows, peopleCoverageRows, policyCoverageRows, type MyPolicyRow } from './acknowledgements.repo.ts';
import { toAssignment, versionLabel } from './document-views.ts';
import { findDocumentRow, findMemberRow, findVersionRow } from './documents.repo.ts';

const entity = (id: string) => ({ type: 'documents', id });

function toMyPolicy(row: MyPolicyRow): MyPolicy {
  return {
    documentId: row.document_id,
    name: row.name,
    label: versionLabel(row.major, row.minor),
    number: row.number,
    html: row.html,
    approvedAt: new Date(row.approved_at).toISOString(),
    acknowledgedAt: row.acknowledged_at === null ? null : new Date(row.acknowledged_at).toISOString(),
  };
}

/** Asks a role (everyone holding it, now and later) or one member to read and acknowledge the document. */
export async function assignDocument(ctx: OrgCtx, documentId: string, input: AssignDocumentBody): Promise<DocumentAssignment> {
  const document = await findDocumentRow(ctx.tx, ctx.org.id, documentId);
  if (!document) throw notFound('The document');
  let who = input.role ? `everyone with the role ${roleLabels[input.role]}` : '';
  if (input.userId) {
    const member = await findMemberRow(ctx.tx, ctx.org.id, input.userId);
    if (!member) throw new AppError('validation_failed', 'Choose a member of the organisation.', [{ path: 'userId', message: 'must be a member of the organisation' }]);
    who = member.name;
  }
  const id = newId(ctx.now.getTime());
  const isNew = await insertAssignmentRow(ctx.tx, { org_id: ctx.org.id, id, document_id: documentId, role: input.role ?? null, user_id: input.userId ?? null, created_at: ctx.now, created_by: ctx.actor.userId });
  const rows = await listAssignmentRows(ctx.tx, ctx.org.id, documentId);
  const row = rows.find((r) => (input.role ? r.role === input.role : r.user_id === input.userId));
  if (!row) throw notFound('The assignment');
  if (isNew) await ctx.audit('documents.assigned', entity(documentId), null, { name: document.name, who });
  else ctx.skipAudit('the role or person was already assigned');
  return toAssignment(row);
}

/** Stops asking a role or person to acknowledge the document (acknowledgements already given are kept). */
export async function unassignDocument(ctx: OrgCtx, documentId: string, assignmentId: string): Promise<void> {
  const document = await findDocumentRow(ctx.tx, ctx.org.id, documentId);
  if (!document) throw notFound('The document');
  const before = (await listAssignmentRows(ctx.tx, ctx.org.id, documentId)).find((row) => row.id === assignmentId);
  if (!before || !(await deleteAssignmentRow(ctx.tx, ctx.org.id, documentId, assignmentId))) throw notFound('The assignment');
  const who = before.role ? `everyone with the role ${roleLabels[before.role as Role]}` : (before.user_name ?? 'a former member');
  await ctx.audit('documents.unassigned', entity(documentId), { name: document.name, who });
}

/** The approved policies the signed-in person is asked to acknowledge, outstanding first. */
export async function listMyPolicies(ctx: OrgCtx): Promise<{ items: MyPolicy[] }> {
  const rows = await listMyPolicyRows(ctx.tx, ctx.org.id, { userId: ctx.actor.userId, role: ctx.actor.role });
  return { items: rows.map(toMyPolicy) };
}

/**
 * Records that the signed-in person read the version `number` of a policy assigned to them. The
 * acknowledgement counts for the whole major version (a later minor version keeps it). Once per person
 * and major version: a second acknowledgement (two tabs, a double click) changes nothing. Refused when
 * a newer major version was approved after they opened the page.
 */
export async function acknowledgeDocument(ctx: OrgCtx, documentId: string, input: { number: number }): Promise<MyPolicy> {
  const who = { userId: ctx.actor.userId, role: ctx.actor.role };
  const document = await findDocumentRow(ctx.tx, ctx.org.id, documentId);
  if (!document || document.approved_number === null || !(await isAssignedTo(ctx.tx, ctx.org.id, documentId, who))) throw notFound('The policy');
  const current = () => listMyPolicyRows(ctx.tx, ctx.org.id, who).then((rows) => rows.find((row) => row.document_id === documentId));
  const read = await current();
  if (!read) throw notFound('The policy');
  if (input.number !== read.number && read.major !== (await majorOf(ctx, documentId, input.number))) {
    throw new AppError('edit_conflict', `A new version (${versionLabel(read.major, read.minor)}) of “${read.name}” was approved after you opened it. Read it, then acknowledge it.`, { current: toMyPolicy(read) });
  }
  const isNew = await insertAcknowledgementRow(ctx.tx, { org_id: ctx.org.id, document_id: documentId, user_id: ctx.actor.userId, major: read.major, number: read.number, acknowledged_at: ctx.now });
  if (isNew) await ctx.audit('documents.acknowledged', entity(documentId), null, { name: read.name, label: versionLabel(read.major, read.minor) });
  else ctx.skipAudit('already acknowledged');
  const after = await current();
  return toMyPolicy(after ?? read);
}

async function majorOf(ctx: OrgCtx, documentId: string, number: number): Promise<number | null> {
  return (await findVersionRow(ctx.tx, ctx.org.id, documentId, number))?.major ?? null;
}

/** Coverage per document: members asked to acknowledge it, and how many acknowledged its current major version. */
export async function policyCoverage(ctx: OrgCtx) {
  const rows = await policyCoverageRows(ctx.tx, ctx.org.id);
  return {
    items: rows
      .filter((row) => row.approved_number !== null)
      .map((row) => ({ documentId: row.id, name: row.name, approvedLabel: row.major === null || row.minor === null ? null : versionLabel(row.major, row.minor), required: Number(row.required), acknowledged: Number(row.acknowledged) })),
  };
}

/** Coverage per person, one page at a time. */
export async function peopleCoverage(ctx: OrgCtx, query: PeopleCoverageQuery): Promise<ListReply<PersonCoverage>> {
  const page = await peopleCoverageRows(ctx.tx, ctx.org.id, query);
  return { ...page, items: page.items.map((row) => ({ userId: row.user_id, name: row.name, email: row.email, role: row.role as Role, required: Number(row.required), acknowledged: Number(row.acknowledged) })) };
}
