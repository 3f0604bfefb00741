import { sql } from 'kysely';
import type { Tx } from '../../db/with-org.ts';

/** One provider as the matcher needs it, straight from the database (mapped to MatchProvider by the service). */
export interface CandidateRow {
  org_id: string;
  kind: string;
  services: string[];
  states: string[];
  is_remote: boolean;
  sectors: string[];
  healthcare_engagements: number;
  capacity_per_month: number;
  commission_percent: string | null;
  is_verified: boolean;
  accreditation_expires_on: string | null;
  affiliated_ids: string[];
  open_leads: number;
  median_response_hours: number | null;
  review_average: number | null;
  review_count: number;
}

/**
 * Every published, unsuspended provider with what ranking needs: whether the operator's badge on its
 * profile holds today, its latest verified accreditation's expiry, the consultancies it is or was
 * (within two years) affiliated with, its open leads, its median hours to answer a lead and its
 * published reviews. Run in operator mode or as the marketplace agent (every lead and badge visible).
 */
export async function listMatchCandidates(trx: Tx, today: string): Promise<CandidateRow[]> {
  const result = await sql<CandidateRow>`
    select p.org_id, p.kind, p.services, p.states, p.is_remote, p.sectors, p.healthcare_engagements, p.capacity_per_month,
      p.commission_percent::text as commission_percent,
      exists (select 1 from provider_verifications v where v.org_id = p.org_id and v.subject = 'profile' and v.revoked_at is null
              and (v.lapses_on is null or v.lapses_on >= ${today}::date)) as is_verified,
      (select max(a.expires_on)::text from provider_accreditations a where a.org_id = p.org_id
         and exists (select 1 from provider_verifications v where v.org_id = a.org_id and v.subject = 'accreditation' and v.subject_id = a.id
                     and v.revoked_at is null and (v.lapses_on is null or v.lapses_on >= ${today}::date))) as accreditation_expires_on,
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
