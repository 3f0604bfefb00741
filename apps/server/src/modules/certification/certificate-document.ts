import { certificateStatusLabels, certificationOutcomeLabels, type Certificate } from '@custodian/shared/contracts/certification.ts';
import { formatAud } from '@custodian/shared/domain/quote-normaliser.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { formatAuDate, todayIn } from '../../lib/dates.ts';
import type { DocumentModel } from '../../reports/document.model.ts';
import type { PackFile } from '../../reports/pack-file.ts';
import { renderDocumentPdf } from '../../reports/render-document-pdf.ts';
import { certificatesOf } from './certification-views.ts';
import { findCurrentCertificateRow } from './certification.repo.ts';

const day = (value: string | null, none = '—') => (value ? formatAuDate(value) : none);

/** The current certificate and its cycle as a document: the record, the audits with their dates, the engagement. */
export function certificateDocument(cert: Certificate, context: { organisation: string; generatedOn: string }): DocumentModel {
  const engagement = cert.engagement;
  return {
    title: 'Certificate and certification cycle',
    subtitle: 'ISO/IEC 27001:2022 certification',
    control: [
      { label: 'Organisation', value: context.organisation },
      { label: 'Certificate number', value: cert.number || 'Not issued yet' },
      { label: 'Certification body', value: cert.bodyLabel || 'Not recorded' },
      { label: 'Standing', value: certificateStatusLabels[cert.status] },
      { label: 'Issued on', value: day(cert.issuedOn, 'Not issued yet') },
      { label: 'Expires on', value: day(cert.expiresOn, 'Not set') },
      { label: 'Prepared on', value: formatAuDate(context.generatedOn) },
    ],
    sections: [
      { heading: 'Scope of certification', blocks: [{ kind: 'paragraph', text: cert.scope || 'The scope wording has not been recorded yet.' }] },
      {
        heading: 'Audits of the cycle',
        blocks: [
          {
            kind: 'table',
            columns: [{ header: 'Audit', weight: 2 }, { header: 'Due by' }, { header: 'Planned for' }, { header: 'Held on' }, { header: 'Outcome', weight: 2 }],
            rows: cert.audits.map((a) => [a.label, day(a.dueBy), day(a.plannedOn), day(a.heldOn), a.heldOn ? certificationOutcomeLabels[a.outcome] : '—']),
          },
          { kind: 'paragraph', text: 'Surveillance audits are due within 12 and 24 months of the certification decision; the recertification audit three months before the certificate expires.' },
        ],
      },
      {
        heading: 'Engagement of the certification body',
        blocks: engagement
          ? [
              { kind: 'paragraph', text: `${engagement.providerName}, engaged through the Custodian marketplace on ${formatAuDate(engagement.engagedAt.slice(0, 10))}: ${engagement.summary}.` },
              { kind: 'table', columns: [{ header: 'Year of the cycle', weight: 2 }, { header: 'Quoted (AUD)' }], rows: engagement.years.map((y) => [y.label, formatAud(y.totalCents)]) },
            ]
          : [{ kind: 'paragraph', text: 'No marketplace engagement is linked to this certificate.' }],
      },
    ],
    footnote: 'Prepared by Custodian from the organisation’s certification record.',
  };
}

/** The auditor pack's certificate section: the current certificate as a PDF, or nothing when none is recorded. */
export async function certificatePackFiles(ctx: OrgCtx): Promise<PackFile[]> {
  const row = await findCurrentCertificateRow(ctx.tx, ctx.org.id);
  if (!row) return [];
  const [cert] = await certificatesOf(ctx, [row]);
  if (!cert) return [];
  const bytes = await renderDocumentPdf(certificateDocument(cert, { organisation: ctx.org.name, generatedOn: todayIn(ctx.org.timeZone, ctx.now) }), ctx.now);
  return [{ path: 'certification/certificate-and-cycle.pdf', bytes, description: 'The current certificate (number, certification body, scope, dates) and the audits of its three-year cycle' }];
}
