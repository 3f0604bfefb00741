import { enrolTotp, signUpOwner, type TestClient } from './test-client.ts';
import type { TestServer } from './test-server.ts';
import { verifyClaimAsOwner } from './marketplace-claims.ts';

/**
 * Marketplace rows the requests branch needs before the providers and quotes branches land: a
 * published, verified provider and the platform operator, written as the schema owner (the providers
 * helper's own code makes these through its routes).
 */

export interface ProviderFixture {
  client: TestClient;
  orgId: string;
  userId: string;
  email: string;
  name: string;
}

let providerCounter = 0;

/** A provider organisation with a published, verified profile (and, for a CB, a verified accreditation). */
export async function makeProvider(
  server: TestServer,
  options: { kind: 'consultant' | 'certification_body' | 'trainer'; name?: string; states?: string[]; services?: string[]; healthcareEngagements?: number; commissionPercent?: number | null; isRemote?: boolean; capacityPerMonth?: number },
): Promise<ProviderFixture> {
  providerCounter += 1;
  const name = options.name ?? `Provider ${providerCounter} (${options.kind})`;
  const owner = await signUpOwner(server, { organisationName: name, name: `Owner of ${name}` });
  const services = options.services ?? (options.kind === 'certification_body' ? ['certification_audit'] : options.kind === 'trainer' ? ['training'] : ['consulting']);
  const now = new Date('2026-01-01T00:00:00Z');
  await server.ownerQuery('update orgs set kind = $2 where org_id = $1', [owner.orgId, options.kind]);
  await server.ownerQuery(
    `insert into provider_profiles (org_id, slug, display_name, services, standards, states, is_remote, sectors, healthcare_engagements, capacity_per_month, commission_percent, is_published, created_at, updated_at)
     values ($1, $2, $3, $4, '{iso27001}', $5, $6, '{general_practice}', $7, $10, $8, true, $9, $9)`,
    [owner.orgId, `provider-${process.pid}-${providerCounter}-${Date.now()}`, name, services, options.states ?? ['NSW'], options.isRemote ?? false, options.healthcareEngagements ?? 5, options.commissionPercent ?? null, now, options.capacityPerMonth ?? 10],
  );
  await verifyClaimAsOwner(server, owner.orgId, 'profile');
  if (options.kind === 'certification_body') {
    const rows = await server.ownerQuery<{ id: string }>(
      `insert into provider_accreditations (org_id, id, accreditation_body, is_iaf_member, accreditation_number, standards, expires_on, created_at, updated_at)
       values ($1, gen_random_uuid(), 'JAS-ANZ', true, 'A-1', '{iso27001}', '2030-01-01', $2, $2) returning id`,
      [owner.orgId, now],
    );
    await verifyClaimAsOwner(server, owner.orgId, { accreditationId: rows[0]?.id ?? '' });
  }
  return { client: owner.client, orgId: owner.orgId, userId: owner.userId, email: owner.email, name };
}

/** A signed-in platform operator with two-step verification (the CLI's grant, done as the owner here). */
export async function makeOperator(server: TestServer): Promise<{ client: TestClient; userId: string }> {
  const person = await signUpOwner(server, { organisationName: 'Operator’s own practice', name: 'Olive Operator' });
  await enrolTotp(person.client);
  await server.ownerQuery('update users set is_platform_operator = true where id = $1', [person.userId]);
  return { client: person.client, userId: person.userId };
}

/** A valid request body (for an organisation; a guest adds contact details). */
export function requestBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sector: 'general_practice',
    headcount: 25,
    fte: 18.5,
    sites: [{ state: 'NSW', city: 'Newcastle' }],
    scopeSummary: 'Patient booking and clinical records systems at one clinic',
    systems: 'Best Practice, Microsoft 365',
    certificationStatus: 'none',
    maturity: 'some_controls',
    timeline: 'within_6_months',
    urgency: 'flexible',
    budgetMinCents: 1_000_000,
    budgetMaxCents: 4_000_000,
    isRemoteAcceptable: true,
    services: ['consulting', 'certification'],
    ...overrides,
  };
}

/** A lead offered on a request, written as the owner (the matcher's own path is tested in request.test.ts). */
export async function insertLeadRow(server: TestServer, input: { requestId: string; providerOrgId: string; lane?: string; rank?: number; status?: string }): Promise<string> {
  const rows = await server.ownerQuery<{ id: string }>(
    `insert into marketplace_leads (id, request_id, provider_org_id, lane, rank, score, reasons, status, offered_at, respond_by, anonymised)
     select gen_random_uuid(), r.id, $2, $3, $4, 50, '{Serves your state}', $5, now(), now() + interval '72 hours',
            jsonb_build_object('sector', r.sector, 'headcount', r.headcount, 'fte', r.fte, 'sites', r.sites, 'scopeSummary', r.scope_summary, 'systems', r.systems,
              'certificationStatus', r.certification_status, 'currentBody', r.current_body, 'maturity', r.maturity, 'timeline', r.timeline, 'urgency', r.urgency,
              'budgetMinCents', r.budget_min_cents, 'budgetMaxCents', r.budget_max_cents, 'isRemoteAcceptable', r.is_remote_acceptable, 'services', to_jsonb(r.services),
              'targetDate', r.target_date, 'readiness', r.readiness)
     from marketplace_requests r where r.id = $1 returning id`,
    [input.requestId, input.providerOrgId, input.lane ?? 'consulting', input.rank ?? 1, input.status ?? 'offered'],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error('no such request');
  return id;
}

/** Marks a request approved and open, as the operator's approval would (as the owner). */
export async function openRequestRow(server: TestServer, requestId: string): Promise<void> {
  await server.ownerQuery(`update marketplace_requests set status = 'open', approved_at = now(), version = version + 1 where id = $1`, [requestId]);
}
