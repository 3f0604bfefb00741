import { z } from 'zod';
import { apiRoute, fileReply } from './api-route.ts';
import { freeText, providerBadge, providerKinds, providerStandards, verificationStates } from './provider-fields.ts';
import { singleLineName, uuidParam } from './common.ts';
import { listOf, listQuery } from './list.ts';

/** One claim of a provider the operator can verify: the profile, or one accreditation. */
export const operatorClaim = z.object({
  subject: z.enum(['profile', 'accreditation']),
  subjectId: z.uuid().nullable(),
  /** "Profile" or "JAS-ANZ accreditation 123-456 (expires 30/06/2027)". */
  label: z.string(),
  state: z.enum(verificationStates),
  badge: providerBadge.nullable(),
  /** The latest verification of this claim (current or not), so it can be withdrawn. */
  latestVerificationId: z.uuid().nullable(),
  standards: z.array(z.enum(providerStandards)),
  expiresOn: z.string().nullable(),
  hasCertificate: z.boolean(),
});
export type OperatorClaim = z.infer<typeof operatorClaim>;

/** A provider as the operator's console lists it. */
export const operatorProvider = z.object({
  orgId: z.uuid(),
  slug: z.string(),
  displayName: z.string(),
  kind: z.enum(providerKinds),
  isPublished: z.boolean(),
  isDemo: z.boolean(),
  suspendedAt: z.string().nullable(),
  suspendedReason: z.string().nullable(),
  commissionPercent: z.number().nullable(),
  claims: z.array(operatorClaim),
  /** True when some claim is not verified (or no longer verified): the console's "to verify". */
  needsVerification: z.boolean(),
  version: z.number().int(),
});
export type OperatorProvider = z.infer<typeof operatorProvider>;

export const operatorProviderQuery = listQuery({
  filters: {
    standing: z.enum(['active', 'suspended']).optional(),
    kind: z.enum(providerKinds).optional(),
    q: z.string().trim().max(100).optional(),
  },
  sorts: ['name'],
  sort: 'name',
});
export type OperatorProviderQuery = z.infer<typeof operatorProviderQuery>;

export const providerOrgParams = z.strictObject({ orgId: uuidParam });
export const providerVerificationParams = z.strictObject({ orgId: uuidParam, verificationId: uuidParam });
export const providerAccreditationParams = z.strictObject({ orgId: uuidParam, accreditationId: uuidParam });

export const verifyClaimBody = z.strictObject({
  subject: z.enum(['profile', 'accreditation'], { message: 'must be profile or accreditation' }),
  /** The accreditation verified (required when the subject is an accreditation). */
  accreditationId: uuidParam.optional(),
  note: freeText(1000).default(''),
});
export type VerifyClaimBody = z.input<typeof verifyClaimBody>;

export const suspendBody = z.strictObject({ reason: singleLineName(5, 500).describe('why the provider is suspended (shown to its members)') });
export const reinstateBody = z.strictObject({ note: freeText(1000).default('') });

/** Marketplace figures over one window of days. */
export const healthWindow = z.object({
  days: z.number().int(),
  from: z.string(),
  requestsByStatus: z.record(z.string(), z.number().int()),
  leads: z.object({ offered: z.number().int(), accepted: z.number().int(), declined: z.number().int(), expired: z.number().int() }),
  /** Median hours from a lead's offer to the provider's first answer; null with no answer yet. */
  medianHoursToFirstResponse: z.number().nullable(),
  quotes: z.object({ submitted: z.number().int(), accepted: z.number().int() }),
  /** Accepted quotes out of quotes a requester could choose (0–1); null without any. */
  quoteAcceptanceRate: z.number().nullable(),
});
export const marketplaceHealth = z.object({
  asOf: z.string(),
  providers: z.object({ listed: z.number().int(), suspended: z.number().int(), unpublished: z.number().int() }),
  windows: z.array(healthWindow),
});
export type MarketplaceHealth = z.infer<typeof marketplaceHealth>;

const tag = 'operator';

/** The platform operator's console: verify providers' claims, suspend and reinstate, marketplace health. */
export const operatorApi = {
  providers: apiRoute({ method: 'GET', path: '/operator/providers', access: 'operator', tag, summary: 'Providers with their verification state', query: operatorProviderQuery, reply: listOf(operatorProvider) }),
  verify: apiRoute({ method: 'POST', path: '/operator/providers/:orgId/verifications', access: 'operator', tag, summary: 'Verify a provider’s profile or one accreditation (a dated badge)', params: providerOrgParams, body: verifyClaimBody, reply: operatorProvider, status: 201 }),
  revokeVerification: apiRoute({ method: 'POST', path: '/operator/providers/:orgId/verifications/:verificationId/revoke', access: 'operator', tag, summary: 'Withdraw a verification', params: providerVerificationParams, reply: operatorProvider }),
  suspend: apiRoute({ method: 'POST', path: '/operator/providers/:orgId/suspend', access: 'operator', tag, summary: 'Suspend a provider (it leaves the directory and matching)', params: providerOrgParams, body: suspendBody, reply: operatorProvider }),
  reinstate: apiRoute({ method: 'POST', path: '/operator/providers/:orgId/reinstate', access: 'operator', tag, summary: 'Reinstate a suspended provider', params: providerOrgParams, body: reinstateBody, reply: operatorProvider }),
  certificate: apiRoute({ method: 'GET', path: '/operator/providers/:orgId/accreditations/:accreditationId/certificate', access: 'operator', tag, summary: 'Download an accreditation certificate to check it', params: providerAccreditationParams, reply: fileReply('application/octet-stream') }),
  health: apiRoute({ method: 'GET', path: '/operator/health', access: 'operator', tag, summary: 'Marketplace health: requests, leads, response times, quote acceptance', reply: marketplaceHealth }),
};

