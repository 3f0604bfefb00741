import { z } from 'zod';
import { apiRoute, fileReply } from './api-route.ts';
import { isoDate, okReply, recordVersion, uuidParam } from './common.ts';

/**
 * The certification cycle (issue 11, item 7; ADR 0032): the organisation's certificate (number,
 * certification body, scope, issue and expiry), the audits of its three-year cycle, the marketplace
 * engagement it came from, and the Stage 1 / Stage 2 auditor pack.
 */
export const certificationAuditKinds = ['stage1', 'stage2', 'surveillance1', 'surveillance2', 'recertification'] as const;
export type CertificationAuditKind = (typeof certificationAuditKinds)[number];
export const certificationAuditLabels: Record<CertificationAuditKind, string> = {
  stage1: 'Stage 1 audit',
  stage2: 'Stage 2 audit',
  surveillance1: 'Surveillance audit, year 1',
  surveillance2: 'Surveillance audit, year 2',
  recertification: 'Recertification audit',
};

export const certificationOutcomes = ['pending', 'passed', 'passed_with_findings', 'not_passed'] as const;
export type CertificationOutcome = (typeof certificationOutcomes)[number];
export const certificationOutcomeLabels: Record<CertificationOutcome, string> = {
  pending: 'No outcome yet',
  passed: 'Passed',
  passed_with_findings: 'Passed, with findings to correct',
  not_passed: 'Not passed',
};

/** How the certificate stands on the organisation's today. */
export const certificateStatuses = ['working_towards', 'certified', 'expired', 'superseded'] as const;
export type CertificateStatus = (typeof certificateStatuses)[number];
export const certificateStatusLabels: Record<CertificateStatus, string> = {
  working_towards: 'Working towards certification',
  certified: 'Certified',
  expired: 'Expired',
  superseded: 'Replaced by a later certificate',
};

/** The defaults the cycle's dates take from the certificate (ADR 0032). */
export const certificationCycle = {
  /** A certificate runs this many years from its issue date (expiry: the day before the anniversary). */
  years: 3,
  /** Surveillance audits fall due within 12 and 24 months of the certification decision (the issue date). */
  surveillanceMonths: [12, 24] as const,
  /** The recertification audit is due this many months before the certificate expires. */
  recertificationMonthsBeforeExpiry: 3,
};

export const certificationAudit = z.object({
  kind: z.enum(certificationAuditKinds),
  label: z.string(),
  /** yyyy-mm-dd, set by a person; null when not planned. */
  plannedOn: z.string().nullable(),
  heldOn: z.string().nullable(),
  outcome: z.enum(certificationOutcomes),
  notes: z.string(),
  /** The latest day the audit should happen, from the certificate's dates (surveillance and recertification only). */
  dueBy: z.string().nullable(),
  /** The day that counts: the planned day, else `dueBy`. */
  dueOn: z.string().nullable(),
  version: z.number().int(),
});
export type CertificationAudit = z.infer<typeof certificationAudit>;

/** The marketplace engagement a certificate came from: the provider engaged and the cycle it quoted. */
export const certificationEngagement = z.object({
  id: z.uuid(),
  providerName: z.string(),
  lane: z.string(),
  valueCents: z.number(),
  summary: z.string(),
  engagedAt: z.string(),
  years: z.array(z.object({ label: z.string(), totalCents: z.number() })),
});
export type CertificationEngagement = z.infer<typeof certificationEngagement>;

export const certificate = z.object({
  id: z.uuid(),
  number: z.string(),
  bodyName: z.string(),
  /** What to call the certification body: the engaged provider's name when linked and no name was typed. */
  bodyLabel: z.string(),
  engagementId: z.uuid().nullable(),
  engagement: certificationEngagement.nullable(),
  scope: z.string(),
  issuedOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
  isCurrent: z.boolean(),
  status: z.enum(certificateStatuses),
  audits: z.array(certificationAudit),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Certificate = z.infer<typeof certificate>;
export const certificateList = z.object({ items: z.array(certificate) });

const number = z.string().trim().max(100, { message: 'must be at most 100 characters' });
const bodyName = z.string().trim().max(200, { message: 'must be at most 200 characters' });
const scope = z.string().trim().max(5000, { message: 'must be at most 5,000 characters' });

export const createCertificateBody = z.strictObject({
  number: number.default(''),
  bodyName: bodyName.default(''),
  engagementId: uuidParam.nullable().default(null),
  scope: scope.default(''),
  issuedOn: isoDate.nullable().default(null),
  /** Empty or left out: three years from the issue date (the day before the anniversary). */
  expiresOn: isoDate.nullable().optional(),
});
export type CreateCertificateBody = z.input<typeof createCertificateBody>;

/** Only the fields that changed, with the version the editor read. */
export const updateCertificateBody = z.strictObject({
  version: recordVersion,
  number: number.optional(),
  bodyName: bodyName.optional(),
  engagementId: uuidParam.nullable().optional(),
  scope: scope.optional(),
  issuedOn: isoDate.nullable().optional(),
  expiresOn: isoDate.nullable().optional(),
});
export type UpdateCertificateBody = z.input<typeof updateCertificateBody>;

export const makeCurrentBody = z.strictObject({ version: recordVersion });

export const updateCertificationAuditBody = z.strictObject({
  version: recordVersion,
  plannedOn: isoDate.nullable().optional(),
  heldOn: isoDate.nullable().optional(),
  outcome: z.enum(certificationOutcomes, { message: 'must be one of the listed outcomes' }).optional(),
  notes: z.string().max(5000, { message: 'must be at most 5,000 characters' }).optional(),
});
export type UpdateCertificationAuditBody = z.input<typeof updateCertificationAuditBody>;

/** The response header carrying the SHA-256 of the pack's manifest.json. */
export const manifestHashHeader = 'x-manifest-sha256';

const idParams = z.strictObject({ id: uuidParam });
const auditParams = z.strictObject({ id: uuidParam, kind: z.enum(certificationAuditKinds, { message: 'must be one of the cycle’s audits' }) });
const tag = 'certification';

export const certificationApi = {
  list: apiRoute({ method: 'GET', path: '/certification/certificates', access: 'certification.read', tag, summary: 'The organisation’s certificates, the current one first', reply: certificateList }),
  get: apiRoute({ method: 'GET', path: '/certification/certificates/:id', access: 'certification.read', tag, summary: 'One certificate with its cycle', params: idParams, reply: certificate }),
  create: apiRoute({
    method: 'POST',
    path: '/certification/certificates',
    access: 'certification.write',
    tag,
    summary: 'Record a certificate (it becomes the current one) with its cycle of audits',
    body: createCertificateBody,
    reply: certificate,
    status: 201,
  }),
  update: apiRoute({
    method: 'PATCH',
    path: '/certification/certificates/:id',
    access: 'certification.write',
    tag,
    summary: 'Change a certificate (send the version you read)',
    params: idParams,
    body: updateCertificateBody,
    reply: certificate,
  }),
  makeCurrent: apiRoute({
    method: 'POST',
    path: '/certification/certificates/:id/make-current',
    access: 'certification.write',
    tag,
    summary: 'Make this the current certificate',
    params: idParams,
    body: makeCurrentBody,
    reply: certificate,
  }),
  remove: apiRoute({ method: 'DELETE', path: '/certification/certificates/:id', access: 'certification.write', tag, summary: 'Delete a certificate and its cycle', params: idParams, reply: okReply }),
  updateAudit: apiRoute({
    method: 'PATCH',
    path: '/certification/certificates/:id/audits/:kind',
    access: 'certification.write',
    tag,
    summary: 'Plan or record one audit of the cycle (send the version you read)',
    params: auditParams,
    body: updateCertificationAuditBody,
    reply: certificate,
  }),
  auditorPack: apiRoute({
    method: 'GET',
    path: '/certification/auditor-pack',
    access: 'certification.read',
    tag,
    summary: 'The Stage 1 / Stage 2 auditor pack: one ZIP with a manifest of SHA-256 hashes',
    reply: fileReply('application/zip'),
  }),
};
