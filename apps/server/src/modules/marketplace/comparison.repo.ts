import type { Tx } from '../../db/with-org.ts';
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
 * Providers' accreditations that carry the operator's verification (not revoked). An unverified claim
 * counts as none; an expired one is still returned, so the comparison can say it expired.
 */
export async function listVerifiedAccreditations(trx: Tx, orgIds: string[]): Promise<VerifiedAccreditationRow[]> {
  if (orgIds.length === 0) return [];
  return trx
    .selectFrom('provider_accreditations as a')
    .select(['a.org_id', 'a.accreditation_body', 'a.accreditation_number', 'a.standards', 'a.expires_on'])
    .where('a.org_id', 'in', orgIds)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('provider_verifications as v')
          .select('v.id')
          .whereRef('v.org_id', '=', 'a.org_id')
          .where('v.subject', '=', 'accreditation')
          .whereRef('v.subject_id', '=', 'a.id')
          .where('v.revoked_at', 'is', null),
      ),
    )
    .orderBy('a.expires_on', 'desc')
    .execute();
}
