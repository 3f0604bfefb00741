import type { ProviderLead } from '@custodian/shared/contracts/leads.ts';
import type { AnonymisedRequest, MarketplaceRequest, RequesterLead, RequestFields } from '@custodian/shared/contracts/marketplace-requests.ts';
import { toIso } from '../../lib/dates.ts';
import type { LeadRow } from './lead.repo.ts';
import type { NewRequestRow, RequestRow } from './request.repo.ts';

/** The request's stored columns from the form's fields (identity and status are the caller's). */
export function requestColumns(fields: RequestFields): Omit<NewRequestRow, 'id' | 'org_id' | 'status' | 'contact_name' | 'contact_email' | 'organisation_name' | 'guest_link_sha256' | 'confirmed_at' | 'readiness' | 'estimate' | 'created_at' | 'updated_at'> {
  return {
    sector: fields.sector,
    headcount: fields.headcount,
    fte: String(fields.fte),
    sites: fields.sites,
    scope_summary: fields.scopeSummary,
    systems: fields.systems,
    certification_status: fields.certificationStatus,
    current_body: fields.currentBody,
    maturity: fields.maturity,
    timeline: fields.timeline,
    urgency: fields.urgency,
    budget_min_cents: fields.budgetMinCents === null ? null : String(fields.budgetMinCents),
    budget_max_cents: fields.budgetMaxCents === null ? null : String(fields.budgetMaxCents),
    is_remote_acceptable: fields.isRemoteAcceptable,
    services: fields.services,
    target_date: fields.targetDate,
    isms_built_by_org_id: fields.ismsBuiltByProviderId,
    isms_built_finished_on: fields.ismsBuiltFinishedOn,
  };
}

const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const dateText = (value: unknown): string | null => (value === null || value === undefined ? null : value instanceof Date ? value.toISOString().slice(0, 10) : String(value));

/**
 * The copy of a request a provider sees: what the practice needs, where (state and suburb), and never
 * who asks (contact name, e-mail, organisation name) nor the consultancy that built its system.
 */
export function anonymise(row: RequestRow): AnonymisedRequest {
  const sites = (row.sites as Array<{ state: string; city: string }>).map((site) => ({ state: site.state, city: site.city }));
  return {
    sector: row.sector as AnonymisedRequest['sector'],
    headcount: row.headcount,
    fte: Number(row.fte),
    sites: sites as AnonymisedRequest['sites'],
    scopeSummary: row.scope_summary,
    systems: row.systems,
    certificationStatus: row.certification_status as AnonymisedRequest['certificationStatus'],
    currentBody: row.current_body,
    maturity: row.maturity as AnonymisedRequest['maturity'],
    timeline: row.timeline as AnonymisedRequest['timeline'],
    urgency: row.urgency as AnonymisedRequest['urgency'],
    budgetMinCents: numberOrNull(row.budget_min_cents),
    budgetMaxCents: numberOrNull(row.budget_max_cents),
    isRemoteAcceptable: row.is_remote_acceptable,
    services: row.services as AnonymisedRequest['services'],
    targetDate: dateText(row.target_date),
    readiness: (row.readiness ?? null) as AnonymisedRequest['readiness'],
  };
}

export function toRequest(row: RequestRow): MarketplaceRequest {
  return {
    ...anonymise(row),
    id: row.id,
    status: row.status as MarketplaceRequest['status'],
    contactName: row.contact_name,
    contactEmail: row.contact_email,
    organisationName: row.organisation_name,
    rejectedReason: row.rejected_reason,
    createdAt: new Date(row.created_at).toISOString(),
    version: row.version,
  };
}

export function toRequesterLead(row: LeadRow & { provider_name?: string | null; provider_slug?: string | null }): RequesterLead {
  return {
    id: row.id,
    lane: row.lane as RequesterLead['lane'],
    rank: row.rank,
    providerName: row.provider_name ?? 'A provider no longer listed',
    providerSlug: row.provider_slug ?? null,
    reasons: row.reasons,
    commissionPercent: numberOrNull(row.commission_percent),
    status: row.status as RequesterLead['status'],
    offeredAt: new Date(row.offered_at).toISOString(),
    respondBy: new Date(row.respond_by).toISOString(),
    declineReason: row.decline_reason,
    isRevealed: row.revealed_at !== null,
  };
}

export function toProviderLead(row: LeadRow): ProviderLead {
  return {
    id: row.id,
    lane: row.lane as ProviderLead['lane'],
    status: row.status as ProviderLead['status'],
    offeredAt: new Date(row.offered_at).toISOString(),
    respondBy: new Date(row.respond_by).toISOString(),
    respondedAt: toIso(row.responded_at),
    declineReason: row.decline_reason,
    request: row.anonymised as AnonymisedRequest,
    identity: (row.revealed_identity ?? null) as ProviderLead['identity'],
    version: row.version,
  };
}
