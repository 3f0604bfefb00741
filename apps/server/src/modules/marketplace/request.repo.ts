import { sql, type Selectable } from 'kysely';
import type { ListReply } from '@custodian/shared/contracts/list.ts';
import type { PendingListQuery, RequestListQuery } from '@custodian/shared/contracts/marketplace-requests.ts';
import { cappedCount, keyColumns, keysetPage, type KeysetSort } from '../../db/keyset.ts';
import type { MarketplaceRequestsTable } from '../../db/schema.ts';
import type { Tx } from '../../db/with-org.ts';

/**
 * Requests for quotes. Row-level security decides which are visible: the organisation's, the one a
 * guest's link names, or all of them in operator mode (migration 0015).
 */

export type RequestRow = Selectable<MarketplaceRequestsTable>;
export type NewRequestRow = Omit<RequestRow, 'version' | 'approved_at' | 'approved_by' | 'rejected_reason' | 'decided_at'>;

export async function insertRequest(trx: Tx, row: NewRequestRow): Promise<void> {
  await trx
    .insertInto('marketplace_requests')
    .values({ ...row, sites: JSON.stringify(row.sites), readiness: row.readiness === null ? null : JSON.stringify(row.readiness), estimate: row.estimate === null ? null : JSON.stringify(row.estimate) })
    .execute();
}

export async function findRequest(trx: Tx, id: string): Promise<RequestRow | undefined> {
  return trx.selectFrom('marketplace_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The request, locked until the transaction ends: offering leads and passing them on take turns. */
export async function lockRequest(trx: Tx, id: string): Promise<RequestRow | undefined> {
  return trx.selectFrom('marketplace_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

const byCreated: KeysetSort<RequestRow> = { keys: keyColumns('created_at', 'id'), keyOf: (row) => [new Date(row.created_at).toISOString(), row.id] };

/** One page of an organisation's requests, newest first by default. */
export async function listOrgRequests(trx: Tx, orgId: string, query: RequestListQuery): Promise<ListReply<RequestRow>> {
  let base = trx.selectFrom('marketplace_requests').selectAll().where('org_id', '=', orgId);
  if (query.status) base = base.where('status', '=', query.status);
  const total = await cappedCount(trx, base);
  return keysetPage(base, { sort: byCreated, sortTag: `${query.sort}:${query.order}`, order: query.order, limit: query.limit, cursor: query.cursor, total });
}

/** One page of requests waiting for the operator, oldest first by default. */
export async function listPendingRequests(trx: Tx, query: PendingListQuery): Promise<ListReply<RequestRow>> {
  const base = trx.selectFrom('marketplace_requests').selectAll().where('status', '=', 'pending_approval');
  const total = await cappedCount(trx, base);
  return keysetPage(base, { sort: byCreated, sortTag: `${query.sort}:${query.order}`, order: query.order, limit: query.limit, cursor: query.cursor, total });
}

/** Moves a request from one status to another; undefined when it was not in `from` (or not at `version`). */
export async function updateRequestStatus(
  trx: Tx,
  id: string,
  change: { from: string; to: string; version?: number; now: Date; fields?: { approved_at?: Date; approved_by?: string; rejected_reason?: string; confirmed_at?: Date } },
): Promise<RequestRow | undefined> {
  let query = trx
    .updateTable('marketplace_requests')
    .set({ status: change.to, updated_at: change.now, version: sql<number>`version + 1`, ...change.fields })
    .where('id', '=', id)
    .where('status', '=', change.from);
  if (change.version !== undefined) query = query.where('version', '=', change.version);
  return query.returningAll().executeTakeFirst();
}

/** Whether a provider is listed in the directory (published, unsuspended): anyone may ask. */
export async function isListedProvider(trx: Tx, orgId: string): Promise<boolean> {
  const row = await trx.selectFrom('provider_profiles').select('org_id').where('org_id', '=', orgId).where('is_published', '=', true).where('suspended_at', 'is', null).executeTakeFirst();
  return row !== undefined;
}

/**
 * The consulting engagement the organisation made most recently through the marketplace, with the
 * consultancy's listed name and the day the work finished (or, while it runs, the day it was engaged in
 * UTC; the form lets the person correct it). Null when it has none or the consultancy is no longer listed.
 */
export async function findLatestConsultingEngagement(trx: Tx, orgId: string): Promise<{ providerId: string; providerName: string; finishedOn: string } | null> {
  const row = await trx
    .selectFrom('marketplace_engagements as e')
    .innerJoin('provider_profiles as p', 'p.org_id', 'e.provider_org_id')
    .select(['e.provider_org_id', 'p.display_name', sql<string>`coalesce(e.completed_on, (e.engaged_at at time zone 'UTC')::date)::text`.as('finished_on')])
    .where('e.requester_org_id', '=', orgId)
    .where('e.lane', '=', 'consulting')
    .where('p.is_published', '=', true)
    .where('p.suspended_at', 'is', null)
    .orderBy('e.engaged_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { providerId: row.provider_org_id, providerName: row.display_name, finishedOn: row.finished_on } : null;
}

/** The organisation's member count and name, for the pre-filled form. */
export async function orgFacts(trx: Tx, orgId: string): Promise<{ members: number; name: string }> {
  const row = await trx
    .selectFrom('orgs')
    .select((eb) => ['name', eb.selectFrom('memberships').select(eb.fn.countAll<string>().as('n')).where('memberships.org_id', '=', orgId).as('members')])
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return { members: Number(row?.members ?? 1), name: row?.name ?? '' };
}

/**
 * A guest's private link, by its SHA-256: puts the request it names in scope (app.request_id, through
 * custodian_resolve_guest_request) and returns its id, or null when no request has that link.
 */
export async function resolveGuestRequest(trx: Tx, linkSha256: string): Promise<string | null> {
  const result = await sql<{ id: string | null }>`select custodian_resolve_guest_request(${linkSha256}) as id`.execute(trx);
  return result.rows[0]?.id ?? null;
}

/** Puts one guest request in scope by its id (app.request_id), as its private link does later. */
export async function setRequestScope(trx: Tx, requestId: string): Promise<void> {
  await sql`select set_config('app.request_id', ${requestId}, true)`.execute(trx);
}

/**
 * Withdraws guest requests never confirmed since `cutoff`, removing who sent them (name, address,
 * organisation) and their free text; the row stays so the link still says what happened. Returns their ids.
 */
export async function withdrawStaleGuestRequests(trx: Tx, cutoff: Date, now: Date): Promise<string[]> {
  const rows = await trx
    .updateTable('marketplace_requests')
    .set({ status: 'withdrawn', contact_name: '', contact_email: '', organisation_name: '', scope_summary: '', systems: '', updated_at: now, version: sql<number>`version + 1` })
    .where('status', '=', 'unconfirmed')
    .where('org_id', 'is', null)
    .where('created_at', '<', cutoff)
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}
