import { sql, type Selectable } from 'kysely';
import type { LeadListQuery } from '@custodian/shared/contracts/leads.ts';
import type { ListReply } from '@custodian/shared/contracts/list.ts';
import { cappedCount, keyColumns, keysetPage, type KeysetSort } from '../../db/keyset.ts';
import type { MarketplaceLeadsTable } from '../../db/schema.ts';
import type { Tx } from '../../db/with-org.ts';

/**
 * Leads: a request offered to one provider in one lane. Row-level security shows a provider its own,
 * a requester those of its requests, the operator and the marketplace jobs all (migration 0015).
 */

export type LeadRow = Selectable<MarketplaceLeadsTable>;

/** The statuses in which a lead still holds one of its lane's three places. */
export const liveLeadStatuses = ['offered', 'accepted', 'quoted', 'won', 'lost'] as const;

export interface NewLeadRow {
  id: string;
  request_id: string;
  provider_org_id: string;
  lane: string;
  rank: number;
  score: number;
  reasons: string[];
  commission_percent: number | null;
  offered_at: Date;
  respond_by: Date;
  anonymised: unknown;
}

export async function insertLead(trx: Tx, row: NewLeadRow): Promise<void> {
  await trx
    .insertInto('marketplace_leads')
    .values({ ...row, score: String(row.score), commission_percent: row.commission_percent === null ? null : String(row.commission_percent), status: 'offered', anonymised: JSON.stringify(row.anonymised) })
    .execute();
}

/** Every lead of a request (any status), by lane and rank. */
export async function listRequestLeads(trx: Tx, requestId: string): Promise<Array<LeadRow & { provider_name: string | null; provider_slug: string | null }>> {
  return trx
    .selectFrom('marketplace_leads as l')
    .leftJoin('provider_profiles as p', 'p.org_id', 'l.provider_org_id')
    .selectAll('l')
    .select(['p.display_name as provider_name', 'p.slug as provider_slug'])
    .where('l.request_id', '=', requestId)
    .orderBy('l.lane')
    .orderBy('l.rank')
    .execute();
}

/** A lead of a request, for the requester (row-level security: only their own requests' leads). */
export async function findRequestLead(trx: Tx, requestId: string, leadId: string): Promise<LeadRow | undefined> {
  return trx.selectFrom('marketplace_leads').selectAll().where('request_id', '=', requestId).where('id', '=', leadId).executeTakeFirst();
}

/** Copies the requester's identity into one lead (once; a second reveal changes nothing). */
export async function revealOnLead(trx: Tx, leadId: string, identity: unknown, now: Date): Promise<LeadRow | undefined> {
  return trx
    .updateTable('marketplace_leads')
    .set({ revealed_at: now, revealed_identity: JSON.stringify(identity), version: sql<number>`version + 1` })
    .where('id', '=', leadId)
    .where('revealed_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

const byOffered: KeysetSort<LeadRow> = { keys: keyColumns('offered_at', 'id'), keyOf: (row) => [new Date(row.offered_at).toISOString(), row.id] };

/** One page of a provider's leads, newest first by default. */
export async function listProviderLeads(trx: Tx, providerOrgId: string, query: LeadListQuery): Promise<ListReply<LeadRow>> {
  let base = trx.selectFrom('marketplace_leads').selectAll().where('provider_org_id', '=', providerOrgId);
  if (query.status) base = base.where('status', '=', query.status);
  const total = await cappedCount(trx, base);
  return keysetPage(base, { sort: byOffered, sortTag: `${query.sort}:${query.order}`, order: query.order, limit: query.limit, cursor: query.cursor, total });
}

export async function findProviderLead(trx: Tx, providerOrgId: string, leadId: string): Promise<LeadRow | undefined> {
  return trx.selectFrom('marketplace_leads').selectAll().where('provider_org_id', '=', providerOrgId).where('id', '=', leadId).executeTakeFirst();
}

/**
 * A provider's answer: only an offered lead, at the version the provider read, before its time is up.
 * Undefined when any of those no longer holds (the caller reads the lead again to say which).
 */
export async function answerLead(
  trx: Tx,
  change: { providerOrgId: string; leadId: string; version: number; now: Date; status: 'accepted' | 'declined'; reason: string | null },
): Promise<LeadRow | undefined> {
  return trx
    .updateTable('marketplace_leads')
    .set({ status: change.status, responded_at: change.now, decline_reason: change.reason, version: sql<number>`version + 1` })
    .where('provider_org_id', '=', change.providerOrgId)
    .where('id', '=', change.leadId)
    .where('version', '=', change.version)
    .where('status', '=', 'offered')
    .where('respond_by', '>', change.now)
    .returningAll()
    .executeTakeFirst();
}

/** Leads offered and not answered by their time (the pass-on job, as the marketplace agent). */
export async function listOverdueLeads(trx: Tx, now: Date, limit: number): Promise<Array<{ id: string; request_id: string }>> {
  return trx.selectFrom('marketplace_leads').select(['id', 'request_id']).where('status', '=', 'offered').where('respond_by', '<=', now).orderBy('respond_by').limit(limit).execute();
}

/** Marks an overdue lead expired; undefined when someone answered it or another sweep got there first. */
export async function expireLead(trx: Tx, leadId: string, now: Date): Promise<LeadRow | undefined> {
  return trx
    .updateTable('marketplace_leads')
    .set({ status: 'expired', version: sql<number>`version + 1` })
    .where('id', '=', leadId)
    .where('status', '=', 'offered')
    .where('respond_by', '<=', now)
    .returningAll()
    .executeTakeFirst();
}

/** The owners and ISMS managers of a provider organisation (with that organisation in scope). */
export async function listLeadRecipients(trx: Tx, orgId: string): Promise<Array<{ name: string; email: string }>> {
  return trx
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.name', 'u.email'])
    .where('m.org_id', '=', orgId)
    .where('m.role', 'in', ['owner', 'isms_manager'])
    .where('u.deleted_at', 'is', null)
    .orderBy('u.email')
    .execute();
}

/**
 * Turns the marketplace agent on or off for the rest of the transaction: the matcher acting for the
 * marketplace (pass-on, refilling a lane after a decline) sees every request, lead and badge as the
 * operator policies allow (migration 0015).
 */
export async function setMarketplaceAgent(trx: Tx, isOn: boolean): Promise<void> {
  await sql`select set_config('app.marketplace_agent', ${isOn ? 'on' : ''}, true)`.execute(trx);
}
