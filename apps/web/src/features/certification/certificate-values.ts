import type { Certificate, CreateCertificateBody, UpdateCertificateBody } from '@custodian/shared/contracts/certification.ts';
import type { ConflictFields } from '../../lib/edit-conflict.ts';
import { formatDate } from '../../lib/format.ts';

/** What the certificate form edits, as the form holds it ('' for no date and no engagement). */
export interface CertificateValues {
  number: string;
  bodyName: string;
  engagementId: string;
  scope: string;
  issuedOn: string;
  expiresOn: string;
}

export const certificateLabels: Record<keyof CertificateValues, string> = {
  number: 'Certificate number',
  bodyName: 'Certification body',
  engagementId: 'Engagement from the marketplace',
  scope: 'Scope of certification',
  issuedOn: 'Issued on',
  expiresOn: 'Expires on',
};

export function certificateValues(certificate?: Certificate): CertificateValues {
  return {
    number: certificate?.number ?? '',
    bodyName: certificate?.bodyName ?? '',
    engagementId: certificate?.engagementId ?? '',
    scope: certificate?.scope ?? '',
    issuedOn: certificate?.issuedOn ?? '',
    expiresOn: certificate?.expiresOn ?? '',
  };
}

/** The fields a body sends: empty dates and engagement as null. */
function fieldsOf(values: Partial<CertificateValues>): Omit<UpdateCertificateBody, 'version'> {
  const fields: Omit<UpdateCertificateBody, 'version'> = {};
  if (values.number !== undefined) fields.number = values.number;
  if (values.bodyName !== undefined) fields.bodyName = values.bodyName;
  if (values.engagementId !== undefined) fields.engagementId = values.engagementId || null;
  if (values.scope !== undefined) fields.scope = values.scope;
  if (values.issuedOn !== undefined) fields.issuedOn = values.issuedOn || null;
  if (values.expiresOn !== undefined) fields.expiresOn = values.expiresOn || null;
  return fields;
}

export function certificateCreateBody(values: CertificateValues): CreateCertificateBody {
  return fieldsOf(values);
}

/** The PATCH body: the version the person edited and only the fields they changed. */
export function certificateUpdateBody(version: number, changes: Partial<CertificateValues>): UpdateCertificateBody {
  return { version, ...fieldsOf(changes) };
}

/** How the conflict notice names and shows each field: labels, dd/mm/yyyy, the engaged provider's name. */
export function certificateConflictFields(engagements: ReadonlyMap<string, string>): ConflictFields<CertificateValues> {
  const date = (value: string) => (value ? formatDate(value) : 'Not set');
  return {
    number: { label: certificateLabels.number, format: (value) => value || 'Not issued yet' },
    bodyName: { label: certificateLabels.bodyName, format: (value) => value || 'Not recorded' },
    engagementId: { label: certificateLabels.engagementId, format: (value) => (value ? (engagements.get(value) ?? 'Another engagement') : 'None linked') },
    scope: { label: certificateLabels.scope, format: (value) => value || 'None written' },
    issuedOn: { label: certificateLabels.issuedOn, format: date },
    expiresOn: { label: certificateLabels.expiresOn, format: date },
  };
}
