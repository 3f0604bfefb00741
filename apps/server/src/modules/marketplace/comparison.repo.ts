import type { Tx } from '../../db/with-org.ts';
import { accreditationStanding } from './provider-dto.ts';
import type { QuoteRow } from './quote-builder.repo.ts';

/** What the comparison reads, as the requester (row-level security: its own request; listed providers). */

export interface ComparisonRequestRow {
  id: string;
  org_id: string | null;
  status: string;
  headcount: number;
  fte: string;
  sites: unknown;
  isms_built_by_org_id: string | null;
  version: number;
}

export async function findRequestInScope(trx: Tx, requestId: string, options: { forUpdate?: boolean } = {}): Promise<ComparisonRequestRow | undefined> {
  const query = trx.selectFrom('marketplace_requests').select(['id', 'org_id', 'status', 'headcount', 'fte', 'sites', 'isms_built_by_org_id', 'version']).where('id', '=', requestId);
  return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

export interface RequestLeadRow {
  id: string;
  lane: string;
  provider_org_id: string;
  commission_percent: string | null;
  status: string;
}

export async function listRequestLeads(trx: Tx, requestId: string): Promise<RequestLeadRow[]> {
  return trx.selectFrom('marketplace_leads').select(['id', 'lane', 'provider_org_id', 'commission_percent', 'status']).where('request_id', '=', requestId).orderBy('rank').orderBy('id').execute();
}

/** The request's quotes that were submitted (and since decided), not drafts or withdrawn ones. */
export async function listComparableQuotes(trx: Tx, requestId: string): Promise<QuoteRow[]> {
  return trx
    .selectFrom('marketplace_quotes')
    .selectAll()
    .where('request_id', '=', requestId)
    .where('status', 'in', ['submitted', 'accepted', 'not_chosen'])
    .orderBy('total_cents')
    .orderBy('id')
    .execute();
}

export async function providerNames(trx: Tx, orgIds: string[]): Promise<Map<string, string>> {
  if (orgIds.length === 0) return new Map();
  const rows = await trx.selectFrom('provider_profiles').select(['org_id', 'display_name']).where('org_id', 'in', orgIds).execute();
  return new Map(rows.map((row) => [row.org_id, row.display_name]));
}

export interface VerifiedAccreditationRow {
  org_id: string;
  accreditation_body: string;
  accreditation_number: string;
  standards: string[];
  expires_on: string;
}

/**
 * Providers' accreditations whose claim the operator verified and that still hash as verified (the
 * rule the directory's badges follow): an unverified, withdrawn or since-edited claim counts as none;
 * an expired one is still returned (its verification lapsed with it), so the comparison can say it expired.
 */
export async function listVerifiedAccreditations(trx: Tx, orgIds: string[], today: string): Promise<VerifiedAccreditationRow[]> {
  if (orgIds.length === 0) return [];
  const accreditations = await trx
    .selectFrom('provider_accreditations')
    .select(['org_id', 'id', 'accreditation_body', 'is_iaf_member', 'accreditation_number', 'standards', 'scope_note', 'expires_on', 'certificate_sha256'])
    .where('org_id', 'in', orgIds)
    .orderBy('expires_on', 'desc')
    .execute();
  const verifications = await trx
    .selectFrom('provider_verifications')
    .select(['org_id', 'id', 'subject', 'subject_id', 'claim_sha256', 'verified_on', 'lapses_on', 'revoked_at', 'created_at'])
    .where('org_id', 'in', orgIds)
    .where('subject', '=', 'accreditation')
    .execute();
  return accreditations.filter((a) => {
    const state = accreditationStanding(a, verifications, today).state;
    return state === 'verified' || state === 'lapsed';
  });
}
