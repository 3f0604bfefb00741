import { sql } from 'kysely';
import type { Tx } from '../../db/with-org.ts';
import type { VerificationRow } from './provider-claims.ts';
import type { AccreditationClaimColumns, ProfileClaimColumns } from './provider-dto.ts';

/** One provider as the matcher needs it, straight from the database (mapped to MatchProvider by the service). */
export interface CandidateRow extends ProfileClaimColumns {
  org_id: string;
  states: string[];
  is_remote: boolean;
  capacity_per_month: number;
  commission_percent: string | null;
  /** The operator's verifications of the provider's claims (the service decides which still hold, as the badges do). */
  verifications: VerificationRow[];
  accreditations: AccreditationClaimColumns[];
  affiliated_ids: string[];
  open_leads: number;
  median_response_hours: number | null;
  review_average: number | null;
  review_count: number;
}

/**
 * Every published, unsuspended provider with what ranking needs: its claims and the operator's
 * verifications of them (whether a badge holds is decided as the directory decides it), the consultancies it is or was
 * (within two years) affiliated with, its open leads, its median hours to answer a lead and its
 * published reviews. Run in operator mode or as the marketplace agent (every lead and badge visible).
 */
export async function listMatchCandidates(trx: Tx, today: string): Promise<CandidateRow[]> {
  // Each related table is read once and grouped by provider, then joined (a correlated sub-select per
  // provider and table cost ten times as much at 10,000 providers: npm run bench:matching-candidates).
  const result = await sql<CandidateRow>`
    with listed as (
      select p.org_id, p.kind, p.services, p.states, p.is_remote, p.sectors, p.healthcare_engagements, p.capacity_per_month,
        p.commission_percent::text as commission_percent, p.display_name, p.standards, p.healthcare_summary, p.team_size, p.team_summary
      from provider_profiles p where p.is_published and p.suspended_at is null
    ), verifications as (
      select v.org_id, jsonb_agg(jsonb_build_object('id', v.id, 'subject', v.subject, 'subject_id', v.subject_id, 'claim_sha256', v.claim_sha256,
               'verified_on', v.verified_on, 'lapses_on', v.lapses_on, 'revoked_at', v.revoked_at, 'created_at', v.created_at)) as items
      from provider_verifications v join listed on listed.org_id = v.org_id group by v.org_id
    ), accreditations as (
      select a.org_id, jsonb_agg(jsonb_build_object('id', a.id, 'accreditation_body', a.accreditation_body, 'is_iaf_member', a.is_iaf_member,
               'accreditation_number', a.accreditation_number, 'standards', a.standards, 'scope_note', a.scope_note,
               'expires_on', a.expires_on, 'certificate_sha256', a.certificate_sha256)) as items
      from provider_accreditations a join listed on listed.org_id = a.org_id group by a.org_id
    ), affiliations as (
      select f.org_id, array_agg(f.affiliated_org_id::text) as ids
      from provider_affiliations f join listed on listed.org_id = f.org_id
      where f.affiliated_org_id is not null and (f.ended_on is null or f.ended_on >= ${today}::date - interval '2 years')
      group by f.org_id
    ), leads as (
      select l.provider_org_id as org_id,
        (count(*) filter (where l.status in ('offered', 'accepted')))::int as open_leads,
        (percentile_cont(0.5) within group (order by extract(epoch from l.responded_at - l.offered_at) / 3600)
           filter (where l.responded_at is not null))::float8 as median_response_hours
      from marketplace_leads l join listed on listed.org_id = l.provider_org_id group by l.provider_org_id
    ), reviews as (
      select r.org_id, avg(r.rating)::float8 as review_average, count(*)::int as review_count
      from provider_reviews r join listed on listed.org_id = r.org_id where r.status = 'published' group by r.org_id
    )
    select listed.*, coalesce(verifications.items, '[]') as verifications, coalesce(accreditations.items, '[]') as accreditations,
      coalesce(affiliations.ids, '{}') as affiliated_ids, coalesce(leads.open_leads, 0) as open_leads, leads.median_response_hours,
      reviews.review_average, coalesce(reviews.review_count, 0) as review_count
    from listed
      left join verifications on verifications.org_id = listed.org_id
      left join accreditations on accreditations.org_id = listed.org_id
      left join affiliations on affiliations.org_id = listed.org_id
      left join leads on leads.org_id = listed.org_id
      left join reviews on reviews.org_id = listed.org_id
    order by listed.org_id`.execute(trx);
  return result.rows;
}

/** Every provider a request has already been offered to (in any lane, whatever became of the lead). */
export async function listOfferedProviders(trx: Tx, requestId: string): Promise<Array<{ provider_org_id: string; lane: string; status: string; rank: number }>> {
  return trx.selectFrom('marketplace_leads').select(['provider_org_id', 'lane', 'status', 'rank']).where('request_id', '=', requestId).execute();
}
