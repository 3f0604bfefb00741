import { sql } from 'kysely';
import type { ListReply } from '@custodian/shared/contracts/list.ts';
import type { OperatorProviderQuery } from '@custodian/shared/contracts/operator.ts';
import { cappedCount, containsPattern, keyColumns, keysetPage, type KeysetSort } from '../../db/keyset.ts';
import type { Tx } from '../../db/with-org.ts';
import type { ProfileRow } from './provider.repo.ts';

/** The operator's reads and writes over every provider (operator mode: the 0015 operator policies). */

const byName: KeysetSort<ProfileRow> = { keys: keyColumns('display_name', 'org_id'), keyOf: (row) => [row.display_name, row.org_id] };

export async function listProviderRows(trx: Tx, query: OperatorProviderQuery): Promise<ListReply<ProfileRow>> {
  let base = trx.selectFrom('provider_profiles').selectAll();
  if (query.standing === 'suspended') base = base.where('suspended_at', 'is not', null);
  if (query.standing === 'active') base = base.where('suspended_at', 'is', null);
  if (query.kind) base = base.where('kind', '=', query.kind);
  if (query.q) base = base.where('display_name', 'ilike', containsPattern(query.q));
  const total = await cappedCount(trx, base);
  return keysetPage(base, { sort: byName, sortTag: `${query.sort}:${query.order}`, order: query.order, limit: query.limit, cursor: query.cursor, total });
}

export async function insertVerification(
  trx: Tx,
  row: { org_id: string; id: string; subject: 'profile' | 'accreditation'; subject_id: string | null; claim_sha256: string; verified_on: string; lapses_on: string | null; verified_by: string | null; note: string; created_at: Date },
): Promise<void> {
  await trx.insertInto('provider_verifications').values(row).execute();
}

/** Withdraws a verification that is not withdrawn yet (of two at once, one succeeds). */
export async function revokeVerificationRow(trx: Tx, orgId: string, id: string, now: Date) {
  return trx
    .updateTable('provider_verifications')
    .set({ revoked_at: now })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning(['id', 'subject', 'subject_id', 'verified_on'])
    .executeTakeFirst();
}

export async function findVerificationRow(trx: Tx, orgId: string, id: string) {
  return trx.selectFrom('provider_verifications').select(['id', 'revoked_at']).where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/** Suspends (reason given) or reinstates (null) a provider, only from the opposite standing. */
export async function setStandingRow(trx: Tx, orgId: string, standing: { at: Date; reason: string } | null, now: Date): Promise<ProfileRow | undefined> {
  return trx
    .updateTable('provider_profiles')
    .set({ suspended_at: standing?.at ?? null, suspended_reason: standing?.reason ?? null, updated_at: now, version: sql<number>`version + 1` })
    .where('org_id', '=', orgId)
    .where('suspended_at', standing ? 'is' : 'is not', null)
    .returningAll()
    .executeTakeFirst();
}

export interface HealthCounts {
  requestsByStatus: Record<string, number>;
  leads: { offered: number; accepted: number; declined: number; expired: number };
  medianHours: number | null;
  quotes: { submitted: number; accepted: number };
}

/** Marketplace figures for requests made, leads offered and quotes submitted since `from`. */
export async function healthCounts(trx: Tx, from: Date): Promise<HealthCounts> {
  const requests = await trx
    .selectFrom('marketplace_requests')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('created_at', '>=', from)
    .groupBy('status')
    .execute();
  const leads = await trx
    .selectFrom('marketplace_leads')
    .select([
      sql<string>`count(*)`.as('offered'),
      sql<string>`count(*) filter (where status in ('accepted', 'quoted', 'won', 'lost'))`.as('accepted'),
      sql<string>`count(*) filter (where status = 'declined')`.as('declined'),
      sql<string>`count(*) filter (where status = 'expired')`.as('expired'),
      sql<string | null>`percentile_cont(0.5) within group (order by extract(epoch from (responded_at - offered_at)) / 3600) filter (where responded_at is not null)`.as('median_hours'),
    ])
    .where('offered_at', '>=', from)
    .executeTakeFirstOrThrow();
  const quotes = await trx
    .selectFrom('marketplace_quotes')
    .select([sql<string>`count(*) filter (where status in ('submitted', 'accepted', 'not_chosen'))`.as('submitted'), sql<string>`count(*) filter (where status = 'accepted')`.as('accepted')])
    .where('submitted_at', '>=', from)
    .executeTakeFirstOrThrow();
  return {
    requestsByStatus: Object.fromEntries(requests.map((r) => [r.status, Number(r.n)])),
    leads: { offered: Number(leads.offered), accepted: Number(leads.accepted), declined: Number(leads.declined), expired: Number(leads.expired) },
    medianHours: leads.median_hours === null ? null : Number(leads.median_hours),
    quotes: { submitted: Number(quotes.submitted), accepted: Number(quotes.accepted) },
  };
}

/** How many providers are listed, suspended, and not published. */
export async function providerStandingCounts(trx: Tx): Promise<{ listed: number; suspended: number; unpublished: number }> {
  const row = await trx
    .selectFrom('provider_profiles')
    .select([
      sql<string>`count(*) filter (where is_published and suspended_at is null)`.as('listed'),
      sql<string>`count(*) filter (where suspended_at is not null)`.as('suspended'),
      sql<string>`count(*) filter (where not is_published and suspended_at is null)`.as('unpublished'),
    ])
    .executeTakeFirstOrThrow();
  return { listed: Number(row.listed), suspended: Number(row.suspended), unpublished: Number(row.unpublished) };
}
