import { randomBytes, randomUUID } from 'node:crypto';
import { guestLinkHash } from '../src/modules/marketplace/requester-scope.ts';
import { enrolTotp, signUpOwner } from './test-client.ts';
import type { TestServer } from './test-server.ts';
import { verifyClaimAsOwner } from './marketplace-claims.ts';

/**
 * Marketplace rows the quotes tests need but other helpers' code creates (published providers, requests,
 * leads, verified accreditations), inserted as the tables' owner. One fresh set per test.
 */

export type ProviderKind = 'consultant' | 'certification_body';

/** A provider organisation with a published profile; its owner's client. */
export async function makeProvider(server: TestServer, kind: ProviderKind, displayName: string) {
  const owner = await signUpOwner(server, { organisationName: displayName, name: `Owner of ${displayName}` });
  await server.ownerQuery('update orgs set kind = $2 where org_id = $1', [owner.orgId, kind]);
  const slug = `${displayName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/(^-|-$)/g, '')}-${randomBytes(3).toString('hex')}`;
  await server.ownerQuery(
    `insert into provider_profiles (org_id, slug, display_name, services, is_published, created_at, updated_at)
     values ($1, $2, $3, $4, true, now(), now())`,
    [owner.orgId, slug, displayName, kind === 'certification_body' ? ['certification_audit'] : ['consulting']],
  );
  return owner;
}

/** A verified accreditation (the operator's badge included unless `isVerified` is false). */
export async function addAccreditation(server: TestServer, providerOrgId: string, options: { standards?: string[]; expiresOn?: string; isVerified?: boolean } = {}) {
  const id = randomUUID();
  await server.ownerQuery(
    `insert into provider_accreditations (org_id, id, accreditation_body, is_iaf_member, accreditation_number, standards, expires_on, created_at, updated_at)
     values ($1, $2, 'JAS-ANZ', true, 'Z1234', $3, $4, now(), now())`,
    [providerOrgId, id, options.standards ?? ['iso27001'], options.expiresOn ?? '2030-06-30'],
  );
  if (options.isVerified !== false) {
    await verifyClaimAsOwner(server, providerOrgId, { accreditationId: id });
  }
  return id;
}

/** An open request of an organisation (orgId) or of a guest (returns the guest's link token). */
export async function makeRequest(
  server: TestServer,
  options: { orgId?: string; contactEmail?: string; fte?: number; sites?: number; ismsBuiltBy?: string; status?: string } = {},
) {
  const id = randomUUID();
  const token = options.orgId ? null : randomBytes(24).toString('base64url');
  const sites = Array.from({ length: options.sites ?? 1 }, (_v, i) => ({ state: 'NSW', city: `Site ${i + 1}` }));
  await server.ownerQuery(
    `insert into marketplace_requests (id, org_id, status, contact_name, contact_email, organisation_name, guest_link_sha256, confirmed_at, sector, headcount, fte, sites,
       certification_status, maturity, timeline, urgency, services, isms_built_by_org_id, created_at, updated_at)
     values ($1, $2, $3, 'Robin Requester', $4, 'Harbourside Medical (hidden)', $5, now(), 'general_practice', $6, $7, $8::jsonb,
       'none', 'some_controls', 'within_6_months', 'flexible', '{consulting,certification}', $9, now(), now())`,
    [id, options.orgId ?? null, options.status ?? 'open', options.contactEmail ?? 'robin.requester@clinic.example', token ? guestLinkHash(token) : null, Math.ceil(options.fte ?? 40), options.fte ?? 40, JSON.stringify(sites), options.ismsBuiltBy ?? null],
  );
  return { id, token };
}

/** A lead of a request to a provider in a lane (accepted by default). */
export async function makeLead(server: TestServer, requestId: string, providerOrgId: string, lane: 'certification' | 'consulting', options: { status?: string; rank?: number; commission?: number | null; revealed?: Record<string, string> } = {}) {
  const id = randomUUID();
  await server.ownerQuery(
    `insert into marketplace_leads (id, request_id, provider_org_id, lane, rank, score, status, offered_at, respond_by, responded_at, anonymised, commission_percent, revealed_at, revealed_identity)
     values ($1, $2, $3, $4, $5, 1, $6, now(), now() + interval '3 days', now(), '{"sector":"general_practice"}'::jsonb, $7, $8, $9::jsonb)`,
    [id, requestId, providerOrgId, lane, options.rank ?? 1, options.status ?? 'accepted', options.commission ?? null, options.revealed ? new Date() : null, options.revealed ? JSON.stringify(options.revealed) : null],
  );
  return id;
}

/** A certification body's quote body (40 FTE ≈ 8.5 initial days by the estimate). */
export function cbQuote(overrides: Record<string, number> = {}, version = 0) {
  return {
    kind: 'certification' as const,
    version,
    lines: {
      stage1Days: 2.5,
      stage2Days: 6,
      surveillance1Days: 3,
      surveillance2Days: 3,
      recertificationDays: 5.5,
      dayRateCents: 180_000,
      applicationFeeCents: 50_000,
      certificateFeeCents: 40_000,
      annualFeeCents: 60_000,
      travelCentsPerAudit: 30_000,
      ...overrides,
    },
    assumptions: 'On site in Sydney; remote Stage 1.',
    validUntil: '2027-03-31',
  };
}

/** A consultant's quote body with the given work packages. */
export function consultingQuote(kinds: string[] = ['gap_analysis', 'risk_assessment_soa', 'documentation', 'training'], version = 0) {
  return {
    kind: 'consulting' as const,
    version,
    lines: { packages: kinds.map((kind, index) => ({ kind, days: 2, feeCents: 300_000 + index * 10_000, year: 0 })) },
    assumptions: 'Two workshops on site.',
    validUntil: '2027-03-31',
  };
}

/** A platform operator with two-step verification, signed in. */
export async function makeOperator(server: TestServer) {
  const person = await signUpOwner(server, { organisationName: 'Operator home (test)', name: 'Olive Operator' });
  await server.ownerQuery('update users set is_platform_operator = true where id = $1', [person.userId]);
  await enrolTotp(person.client);
  return person;
}
