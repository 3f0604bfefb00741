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
  const result = await sql<CandidateRow>`
    select p.org_id, p.kind, p.services, p.states, p.is_remote, p.sectors, p.healthcare_engagements, p.capacity_per_month,
      p.commission_percent::text as commission_percent,
      p.display_name, p.standards, p.healthcare_summary, p.team_size, p.team_summary,
      coalesce((select jsonb_agg(jsonb_build_object('id', v.id, 'subject', v.subject, 'subject_id', v.subject_id, 'claim_sha256', v.claim_sha256,
                  'verified_on', v.verified_on, 'lapses_on', v.lapses_on, 'revoked_at', v.revoked_at, 'created_at', v.created_at))
                from provider_verifications v where v.org_id = p.org_id), '[]') as verifications,
      coalesce((select jsonb_agg(jsonb_build_object('id', a.id, 'accreditation_body', a.accreditation_body, 'is_iaf_member', a.is_iaf_member,
                  'accreditation_number', a.accreditation_number, 'standards', a.standards, 'scope_note', a.scope_note,
                  'expires_on', a.expires_on, 'certificate_sha256', a.certificate_sha256))
                from provider_accreditations a where a.org_id = p.org_id), '[]') as accreditations,
      coalesce((select array_agg(f.affiliated_org_id::text) from provider_affiliations f where f.org_id = p.org_id and f.affiliated_org_id is not null
                and (f.ended_on is null or f.ended_on >= ${today}::date - interval '2 years')), '{}') as affiliated_ids,
      (select count(*)::int from marketplace_leads l where l.provider_org_id = p.org_id and l.status in ('offered', 'accepted')) as open_leads,
      (select (percentile_cont(0.5) within group (order by extract(epoch from l.responded_at - l.offered_at) / 3600))::float8
         from marketplace_leads l where l.provider_org_id = p.org_id and l.responded_at is not null) as median_response_hours,
      (select avg(r.rating)::float8 from provider_reviews r where r.org_id = p.org_id and r.status = 'published') as review_average,
      (select count(*)::int from provider_reviews r where r.org_id = p.org_id and r.status = 'published') as review_count
    from provider_profiles p
    where p.is_published and p.suspended_at is null
    order by p.org_id`.execute(trx);
  return result.rows;
}

/** Every provider a request has already been offered to (in any lane, whatever became of the lead). */
export async function listOfferedProviders(trx: Tx, requestId: string): Promise<Array<{ provider_org_id: string; lane: string; status: string; rank: number }>> {
  return trx.selectFrom('marketplace_leads').select(['provider_org_id', 'lane', 'status', 'rank']).where('request_id', '=', requestId).execute();
}
