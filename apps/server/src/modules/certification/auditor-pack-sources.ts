import { evidenceKindLabels, evidenceValidityLabels, type EvidenceDetail } from '@custodian/shared/contracts/evidence.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { formatAuDate } from '../../lib/dates.ts';
import type { PackFile } from '../../reports/pack-file.ts';
import { auditsPackFiles } from '../audits/audits.service.ts';
import { reviewsPackFiles } from '../management-reviews/management-reviews.service.ts';
import { trainingPackFiles } from '../training/training.service.ts';
import { documentsPackFiles } from '../documents/documents.service.ts';
import { getEvidence, listEvidence } from '../evidence/evidence.service.ts';
import { buildRiskReport, renderRiskReport } from '../risk-insights/risk-reports.service.ts';
import { buildScopeStatementDocument, renderScopeStatement } from '../scope/scope.service.ts';
import { buildSoaExport, listSoaVersions, renderSoaExport } from '../soa/soa.service.ts';
import type { PackSource } from './auditor-pack.ts';
import { certificatePackFiles } from './certificate-document.ts';

/** The Statement of Applicability: the latest approved version, as PDF and workbook. */
async function soaPackFiles(ctx: OrgCtx): Promise<PackFile[]> {
  const versions = (await listSoaVersions(ctx)).items;
  const latest = versions.reduce<number | null>((max, v) => (max === null || v.version > max ? v.version : max), null);
  if (latest === null) return [];
  const model = await buildSoaExport(ctx, latest);
  const files: PackFile[] = [];
  for (const format of ['pdf', 'xlsx'] as const) {
    const file = await renderSoaExport(model, format);
    files.push({ path: `soa/${file.fileName}`, bytes: file.body, description: `Statement of Applicability, approved version ${latest} (${format === 'pdf' ? 'PDF' : 'Excel workbook'})` });
  }
  return files;
}

/** The risk register as the risk assessment report, and the risk treatment plan, as PDF. */
async function riskPackFiles(ctx: OrgCtx): Promise<PackFile[]> {
  const files: PackFile[] = [];
  for (const [kind, words] of [
    ['assessment', 'Risk assessment report: the risk register with inherent, current and residual risk'],
    ['treatment', 'Risk treatment plan: each risk’s treatment, tasks, owners and due dates'],
  ] as const) {
    const file = await renderRiskReport(await buildRiskReport(ctx, kind), 'pdf');
    files.push({ path: `risks/${file.fileName}`, bytes: file.body, description: words });
  }
  return files;
}

async function scopePackFiles(ctx: OrgCtx): Promise<PackFile[]> {
  const file = await renderScopeStatement(await buildScopeStatementDocument(ctx), 'pdf');
  return [{ path: `scope/${file.fileName}`, bytes: file.body, description: 'Scope statement: context, interested parties and the boundaries of the ISMS' }];
}

/** A CSV cell: quoted, and a leading = + - @ neutralised so a spreadsheet never runs it as a formula. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** The most evidence items the index lists (a clinic holds far fewer). */
const evidenceIndexCap = 10_000;

/** Every evidence item (paged through the evidence service) with what it is evidence of and where it is. */
async function evidenceIndexPackFiles(ctx: OrgCtx): Promise<PackFile[]> {
  const items: EvidenceDetail[] = [];
  let cursor: string | undefined;
  do {
    const page = await listEvidence(ctx, { sort: 'title', order: 'asc', limit: 200, ...(cursor ? { cursor } : {}) });
    for (const item of page.items) items.push(await getEvidence(ctx, item.id));
    cursor = page.page.next ?? undefined;
  } while (cursor && items.length < evidenceIndexCap);
  if (items.length === 0) return [];
  const header = ['Title', 'Kind', 'Owner', 'Valid until', 'Standing', 'Web address or file', 'File SHA-256', 'Evidence of', 'In Custodian'];
  const rows = items.map((item) => [
    item.title,
    evidenceKindLabels[item.kind],
    item.ownerName ?? '',
    item.validUntil ? formatAuDate(item.validUntil) : '',
    evidenceValidityLabels[item.validity],
    item.url ?? item.file?.name ?? (item.note === null ? '' : 'Note (text kept in Custodian)'),
    item.file?.sha256 ?? '',
    item.links.map((link) => `${link.ref} ${link.title}`.trim()).join('; '),
    `/evidence/${item.id}`,
  ]);
  const csv = `${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
  return [{ path: 'evidence/evidence-index.csv', bytes: Buffer.from(`\uFEFF${csv}`, 'utf8'), description: `Evidence index: ${items.length} item${items.length === 1 ? '' : 's'} with owner, validity, web address or file fingerprint, and what each is evidence of` }];
}

/**
 * The auditor pack's sections, in order. Another module's records join the pack with one line here:
 * `{ section: 'Documents', collect: documentsPackFiles, whenEmpty: '…' }` (a function from its service
 * returning `PackFile[]`, see reports/pack-file.ts).
 */
export const auditorPackSources: readonly PackSource[] = [
  { section: 'Certificate and certification cycle', collect: certificatePackFiles, whenEmpty: 'No certificate or certification cycle is recorded yet.' },
  { section: 'Scope statement', collect: scopePackFiles, whenEmpty: 'The scope statement has not been written yet.' },
  { section: 'Statement of Applicability', collect: soaPackFiles, whenEmpty: 'No version of the Statement of Applicability has been approved yet, so none is included.' },
  { section: 'Risk register and treatment plan', collect: riskPackFiles, whenEmpty: 'The risk reports could not be produced.' },
  { section: 'Evidence index', collect: evidenceIndexPackFiles, whenEmpty: 'No evidence has been recorded yet.' },
  { section: 'Policies and documents', collect: documentsPackFiles, whenEmpty: 'No document has been approved yet.' },
  { section: 'Awareness training records', collect: trainingPackFiles, whenEmpty: 'No awareness training is recorded yet.' },
  { section: 'Internal audits and nonconformities', collect: auditsPackFiles, whenEmpty: 'No internal audit is recorded yet.' },
  { section: 'Management reviews', collect: reviewsPackFiles, whenEmpty: 'No management review has been held yet.' },
];
