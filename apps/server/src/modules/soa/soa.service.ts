import type { ApproveSoaBody, SoaApprovalSummary, SoaDiff, SoaDraft, SoaRow, SoaVersion } from '@custodian/shared/contracts/soa.ts';
import { soaChecksOf, soaDiffOf, soaRowOf } from '@custodian/shared/domain/soa.ts';
import { AppError, notFound } from '@custodian/shared/errors.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { canonicalJson } from '../../lib/canonical-json.ts';
import { sha256Hex } from '../../lib/crypto.ts';
import { listAllControls } from '../gap/controls.service.ts';
import { findMemberName, lockOrganisation } from '../org/org.service.ts';
import { renderDocumentDocx } from '../../reports/render-document-docx.ts';
import { renderDocumentPdf } from '../../reports/render-document-pdf.ts';
import { renderSoaXlsx } from '../../reports/render-soa-xlsx.ts';
import { buildSoaExportModel, soaDocument, type SoaExportModel } from '../../reports/soa.model.ts';
import { findSoaVersionRow, insertSoaVersionRow, latestSoaVersionRow, listSoaVersionRows, type SoaVersionRow } from './soa.repo.ts';

const entity = (orgId: string) => ({ type: 'soa', id: orgId });

function summaryOf(row: SoaVersionRow): SoaApprovalSummary {
  return {
    version: row.version,
    approvedAt: new Date(row.approved_at).toISOString(),
    approvedByName: row.approver_name,
    note: row.note,
    checksum: row.checksum,
    applicableCount: row.rows.filter((r) => r.isApplicable).length,
    excludedCount: row.rows.filter((r) => !r.isApplicable).length,
  };
}

/** The statement as the register stands, its fingerprint and its contradictions. */
async function currentStatement(ctx: OrgCtx): Promise<{ rows: SoaRow[]; checksum: string; checks: SoaDraft['checks'] }> {
  const rows = (await listAllControls(ctx)).map(soaRowOf);
  const checks = soaChecksOf(rows);
  return { rows, checksum: sha256Hex(canonicalJson(rows)), checks };
}

export async function getSoaDraft(ctx: OrgCtx): Promise<SoaDraft> {
  const current = await currentStatement(ctx);
  const latest = await latestSoaVersionRow(ctx.tx, ctx.org.id);
  return { ...current, latest: latest ? summaryOf(latest) : null, isApproved: latest?.checksum === current.checksum };
}

/**
 * Approves the statement the approver read (by its checksum) as the next version, frozen. Refused when
 * it changed since it was read (409 with the statement as it is now), when a consistency check fails, or
 * when it is the latest approved version unchanged. The organisation's lock numbers versions one by one.
 */
export async function approveSoa(ctx: OrgCtx, input: ApproveSoaBody): Promise<SoaVersion> {
  await lockOrganisation(ctx);
  const draft = await getSoaDraft(ctx);
  if (draft.checksum !== input.checksum) {
    throw new AppError('edit_conflict', 'The Statement of Applicability changed after you read it. Read it again, then approve.', { current: draft });
  }
  if (draft.checks.length > 0) {
    throw new AppError('conflict', `The statement has ${draft.checks.length} problem${draft.checks.length === 1 ? '' : 's'} to resolve before it can be approved.`, { checks: draft.checks });
  }
  if (draft.isApproved && draft.latest) {
    throw new AppError('conflict', `Nothing has changed since version ${draft.latest.version} was approved.`);
  }
  const version = (draft.latest?.version ?? 0) + 1;
  const note = input.note ?? '';
  await insertSoaVersionRow(ctx.tx, { orgId: ctx.org.id, version, at: ctx.now, by: ctx.actor.userId, note, rows: draft.rows, checksum: draft.checksum });
  await ctx.audit('soa.approved', entity(ctx.org.id), null, { version, checksum: draft.checksum, note });
  const approverName = await findMemberName(ctx, ctx.actor.userId);
  const row: SoaVersionRow = { version, approved_at: ctx.now, approved_by: ctx.actor.userId, approver_name: approverName, note, checksum: draft.checksum, rows: draft.rows };
  return { ...summaryOf(row), rows: draft.rows };
}

export async function listSoaVersions(ctx: OrgCtx): Promise<{ items: SoaApprovalSummary[] }> {
  return { items: (await listSoaVersionRows(ctx.tx, ctx.org.id)).map(summaryOf) };
}

export async function getSoaVersion(ctx: OrgCtx, version: number): Promise<SoaVersion> {
  const row = await findSoaVersionRow(ctx.tx, ctx.org.id, version);
  if (!row) throw notFound(`Version ${version} of the Statement of Applicability`);
  return { ...summaryOf(row), rows: row.rows };
}

export async function diffSoaVersions(ctx: OrgCtx, query: { from: number; to: number }): Promise<SoaDiff> {
  const [from, to] = [await getSoaVersion(ctx, query.from), await getSoaVersion(ctx, query.to)];
  return soaDiffOf(from, to);
}

/** An approved version as a plain model, read in the request's one snapshot; rendering happens after. */
export async function buildSoaExport(ctx: OrgCtx, version: number): Promise<SoaExportModel> {
  return buildSoaExportModel({ organisation: ctx.org.name, timeZone: ctx.org.timeZone, generatedAt: ctx.now, version: await getSoaVersion(ctx, version) });
}

export async function renderSoaExport(model: SoaExportModel, format: 'xlsx' | 'docx' | 'pdf'): Promise<{ fileName: string; body: Buffer }> {
  const body =
    format === 'xlsx' ? await renderSoaXlsx(model) : format === 'docx' ? await renderDocumentDocx(soaDocument(model)) : await renderDocumentPdf(soaDocument(model), model.generatedAt);
  return { fileName: `${model.fileBase}.${format}`, body };
}
