import { z } from 'zod';
import { apiRoute, fileReply } from './api-route.ts';
import { isoDate, okReply, recordVersion, singleLineName, uuidParam } from './common.ts';
import { listOf, listQuery } from './list.ts';
import {
  audCents,
  australianStates,
  choiceList,
  freeText,
  healthcareSectors,
  percent,
  providerBadge,
  providerKinds,
  providerServices,
  providerStandards,
  verificationStates,
} from './provider-fields.ts';

/** The largest accreditation certificate Custodian keeps (the decoded file). */
export const maxCertificateBytes = 5 * 1024 * 1024;
/** The file types a certificate may be, told from its first bytes, never from its name. */
export const certificateTypes = ['application/pdf', 'image/png', 'image/jpeg'] as const;

export const providerSlug = z
  .string()
  .trim()
  .min(3, { message: 'must be at least 3 characters' })
  .max(60, { message: 'must be at most 60 characters' })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'may use lower-case letters, digits and single hyphens between them (like "harbour-assurance")' });

const services = choiceList(providerServices, 'must be consulting, certification audit or training');
const standards = choiceList(providerStandards, 'must be one of the listed standards');
const states = choiceList(australianStates, 'must be an Australian state or territory (NSW, VIC, QLD, WA, SA, TAS, ACT, NT)');
const sectors = choiceList(healthcareSectors, 'must be one of the listed healthcare sectors');

export const createProviderOrgBody = z.strictObject({
  name: singleLineName(2, 160).describe('the organisation’s name'),
  kind: z.enum(providerKinds, { message: 'must be consultant, certification_body or trainer' }),
  displayName: singleLineName(2, 120).describe('the name the directory shows'),
  slug: providerSlug,
});
export type CreateProviderOrgBody = z.input<typeof createProviderOrgBody>;

/** A provider's profile as its own members see it. */
export const providerProfile = z.object({
  orgId: z.uuid(),
  kind: z.enum(providerKinds),
  slug: z.string(),
  displayName: z.string(),
  summary: z.string(),
  services: z.array(z.enum(providerServices)),
  standards: z.array(z.enum(providerStandards)),
  states: z.array(z.enum(australianStates)),
  isRemote: z.boolean(),
  sectors: z.array(z.enum(healthcareSectors)),
  healthcareEngagements: z.number().int(),
  healthcareSummary: z.string(),
  teamSize: z.number().int(),
  teamSummary: z.string(),
  dayRateMinCents: z.number().int().nullable(),
  dayRateMaxCents: z.number().int().nullable(),
  capacityPerMonth: z.number().int(),
  commissionPercent: z.number().nullable(),
  commissionNote: z.string(),
  isPublished: z.boolean(),
  isDemo: z.boolean(),
  suspendedAt: z.string().nullable(),
  suspendedReason: z.string().nullable(),
  /** The operator's badge on the profile, when it is current. */
  badge: providerBadge.nullable(),
  verificationState: z.enum(verificationStates),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type ProviderProfile = z.infer<typeof providerProfile>;

export const updateProviderProfileBody = z.strictObject({
  version: recordVersion,
  displayName: singleLineName(2, 120).optional(),
  slug: providerSlug.optional(),
  summary: freeText(2000).optional(),
  services: services.optional(),
  standards: standards.optional(),
  states: states.optional(),
  isRemote: z.boolean().optional(),
  sectors: sectors.optional(),
  healthcareEngagements: z.number().int().min(0).max(100_000).optional(),
  healthcareSummary: freeText(2000).optional(),
  teamSize: z.number().int().min(1, { message: 'must be at least 1 person' }).max(100_000).optional(),
  teamSummary: freeText(2000).optional(),
  dayRateMinCents: audCents.nullable().optional(),
  dayRateMaxCents: audCents.nullable().optional(),
  capacityPerMonth: z.number().int().min(0).max(1000).optional(),
  commissionPercent: percent.nullable().optional(),
  commissionNote: freeText(1000).optional(),
  isPublished: z.boolean().optional(),
});
export type UpdateProviderProfileBody = z.input<typeof updateProviderProfileBody>;

/** A certificate file sent inside JSON: its name and its bytes as base64. */
export const certificateUpload = z.strictObject({
  fileName: singleLineName(1, 200),
  // 5 MB of file is at most 6,990,508 characters of base64.
  contentBase64: z
    .string()
    .min(4, { message: 'is empty' })
    .max(Math.ceil(maxCertificateBytes / 3) * 4, { message: 'is larger than 5 MB' })
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, { message: 'must be the file’s bytes in base64' }),
});

/** A certification body's accreditation claim; the certificate itself is only ever a download. */
export const accreditation = z.object({
  id: z.uuid(),
  accreditationBody: z.string(),
  isIafMember: z.boolean(),
  accreditationNumber: z.string(),
  standards: z.array(z.enum(providerStandards)),
  scopeNote: z.string(),
  expiresOn: z.string(),
  certificate: z.object({ fileName: z.string(), contentType: z.string(), sha256: z.string() }).nullable(),
  badge: providerBadge.nullable(),
  verificationState: z.enum(verificationStates),
  version: z.number().int(),
});
export type Accreditation = z.infer<typeof accreditation>;

const accreditationFields = {
  accreditationBody: singleLineName(2, 160).describe('the accreditation body, e.g. JAS-ANZ'),
  isIafMember: z.boolean({ message: 'must say whether the body is a member of the IAF' }),
  accreditationNumber: singleLineName(1, 80),
  standards: standards.refine((list) => list.length > 0, { message: 'choose at least one standard in scope' }),
  scopeNote: freeText(2000),
  expiresOn: isoDate,
};

export const createAccreditationBody = z.strictObject({
  ...accreditationFields,
  scopeNote: accreditationFields.scopeNote.default(''),
  certificate: certificateUpload.optional(),
});
export type CreateAccreditationBody = z.input<typeof createAccreditationBody>;

export const updateAccreditationBody = z.strictObject({
  version: recordVersion,
  accreditationBody: accreditationFields.accreditationBody.optional(),
  isIafMember: accreditationFields.isIafMember.optional(),
  accreditationNumber: accreditationFields.accreditationNumber.optional(),
  standards: accreditationFields.standards.optional(),
  scopeNote: accreditationFields.scopeNote.optional(),
  expiresOn: isoDate.optional(),
  certificate: certificateUpload.optional(),
});
export type UpdateAccreditationBody = z.input<typeof updateAccreditationBody>;

/** A tie a certification body has with a consultancy, disclosed publicly. */
export const affiliation = z.object({
  id: z.uuid(),
  affiliatedOrgId: z.uuid().nullable(),
  /** The consultancy's public profile, when it is on the platform. */
  affiliatedSlug: z.string().nullable(),
  affiliatedName: z.string(),
  relationship: z.string(),
  commissionPercent: z.number().nullable(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  version: z.number().int(),
});
export type Affiliation = z.infer<typeof affiliation>;

export const createAffiliationBody = z.strictObject({
  /** A consultancy in the directory, by its public address; or only a name when it is not on the platform. */
  affiliatedSlug: providerSlug.optional(),
  affiliatedName: singleLineName(2, 160).optional(),
  relationship: singleLineName(2, 200),
  commissionPercent: percent.nullable().default(null),
  startedOn: isoDate,
  endedOn: isoDate.nullable().default(null),
});
export type CreateAffiliationBody = z.input<typeof createAffiliationBody>;

export const updateAffiliationBody = z.strictObject({
  version: recordVersion,
  affiliatedName: singleLineName(2, 160).optional(),
  relationship: singleLineName(2, 200).optional(),
  commissionPercent: percent.nullable().optional(),
  startedOn: isoDate.optional(),
  endedOn: isoDate.nullable().optional(),
});

export const idParams = z.strictObject({ id: uuidParam });

/** A provider as the directory lists it. */
export const directoryEntry = z.object({
  /** The provider organisation's id (a request names the consultancy that built its ISMS by it). */
  providerId: z.string(),
  slug: z.string(),
  displayName: z.string(),
  kind: z.enum(providerKinds),
  summary: z.string(),
  services: z.array(z.enum(providerServices)),
  states: z.array(z.enum(australianStates)),
  isRemote: z.boolean(),
  healthcareEngagements: z.number().int(),
  dayRateMinCents: z.number().int().nullable(),
  dayRateMaxCents: z.number().int().nullable(),
  isDemo: z.boolean(),
  /** How many of its claims carry a current badge. */
  badgeCount: z.number().int(),
});
export type DirectoryEntry = z.infer<typeof directoryEntry>;

export const directoryQuery = listQuery({
  filters: {
    kind: z.enum(providerKinds).optional(),
    state: z.enum(australianStates).optional(),
    service: z.enum(providerServices).optional(),
    remote: z.enum(['true', 'false']).optional(),
    q: z.string().trim().max(100).optional(),
  },
  sorts: ['name'],
  sort: 'name',
});
export type DirectoryQuery = z.infer<typeof directoryQuery>;

export const publishedReview = z.object({ id: z.uuid(), rating: z.number().int(), body: z.string(), reviewerLabel: z.string(), createdAt: z.string() });

/** A provider's public page: profile, accreditations (never the certificate), badges, ties, reviews. */
export const directoryProfile = directoryEntry.extend({
  standards: z.array(z.enum(providerStandards)),
  sectors: z.array(z.enum(healthcareSectors)),
  healthcareSummary: z.string(),
  teamSize: z.number().int(),
  teamSummary: z.string(),
  capacityPerMonth: z.number().int(),
  commissionPercent: z.number().nullable(),
  commissionNote: z.string(),
  badges: z.array(providerBadge),
  accreditations: z.array(accreditation.omit({ certificate: true, version: true, verificationState: true }).extend({ hasCertificate: z.boolean() })),
  affiliations: z.array(affiliation.omit({ version: true })),
  reviews: z.array(publishedReview),
});
export type DirectoryProfile = z.infer<typeof directoryProfile>;

export const slugParams = z.strictObject({ slug: z.string().min(1).max(60) });

const tag = 'providers';
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/**
 * A provider organisation's own profile, accreditations and affiliations (its kind must be a provider:
 * any other organisation gets 404), and the public directory.
 */
export const providersApi = {
  createOrg: apiRoute({ method: 'POST', path: '/provider/organisations', access: 'session', tag, summary: 'Create a provider organisation (you become its owner)', body: createProviderOrgBody, reply: providerProfile, status: 201 }),
  profile: apiRoute({ method: 'GET', path: '/provider/profile', access: 'provider.read', tag, summary: 'The provider’s own profile', reply: providerProfile }),
  updateProfile: apiRoute({ method: 'PATCH', path: '/provider/profile', access: 'provider.manage', tag, summary: 'Change the provider’s profile', body: updateProviderProfileBody, reply: providerProfile }),
  accreditations: apiRoute({ method: 'GET', path: '/provider/accreditations', access: 'provider.read', tag, summary: 'The certification body’s accreditations', reply: items(accreditation) }),
  createAccreditation: apiRoute({ method: 'POST', path: '/provider/accreditations', access: 'provider.manage', tag, summary: 'Add an accreditation (with its certificate)', body: createAccreditationBody, reply: accreditation, status: 201 }),
  updateAccreditation: apiRoute({ method: 'PATCH', path: '/provider/accreditations/:id', access: 'provider.manage', tag, summary: 'Change an accreditation', params: idParams, body: updateAccreditationBody, reply: accreditation }),
  deleteAccreditation: apiRoute({ method: 'DELETE', path: '/provider/accreditations/:id', access: 'provider.manage', tag, summary: 'Remove an accreditation', params: idParams, reply: okReply }),
  certificate: apiRoute({ method: 'GET', path: '/provider/accreditations/:id/certificate', access: 'provider.read', tag, summary: 'Download an accreditation certificate', params: idParams, reply: fileReply('application/octet-stream') }),
  affiliations: apiRoute({ method: 'GET', path: '/provider/affiliations', access: 'provider.read', tag, summary: 'The certification body’s affiliation register', reply: items(affiliation) }),
  createAffiliation: apiRoute({ method: 'POST', path: '/provider/affiliations', access: 'provider.manage', tag, summary: 'Record a tie with a consultancy', body: createAffiliationBody, reply: affiliation, status: 201 }),
  updateAffiliation: apiRoute({ method: 'PATCH', path: '/provider/affiliations/:id', access: 'provider.manage', tag, summary: 'Change a recorded tie', params: idParams, body: updateAffiliationBody, reply: affiliation }),
  deleteAffiliation: apiRoute({ method: 'DELETE', path: '/provider/affiliations/:id', access: 'provider.manage', tag, summary: 'Remove a recorded tie', params: idParams, reply: okReply }),
  directory: apiRoute({ method: 'GET', path: '/directory/providers', access: 'public', tag, summary: 'Find a consultant or certification body', query: directoryQuery, reply: listOf(directoryEntry) }),
  directoryProfile: apiRoute({ method: 'GET', path: '/directory/providers/:slug', access: 'public', tag, summary: 'A provider’s public profile', params: slugParams, reply: directoryProfile }),
};
