import type { Tx } from '../../db/with-org.ts';
import type { QuoteRow } from './quote-builder.repo.ts';

/** The decision on a request (row-level security: the requester's own request). */

export async function findRequestQuote(trx: Tx, requestId: string, quoteId: string): Promise<(QuoteRow & { lane: string }) | undefined> {
  return trx
    .selectFrom('marketplace_quotes as q')
    .innerJoin('marketplace_leads as l', 'l.id', 'q.lead_id')
    .selectAll('q')
    .select('l.lane')
    .where('q.id', '=', quoteId)
    .where('q.request_id', '=', requestId)
    .executeTakeFirst();
}

export async function findLaneEngagement(trx: Tx, requestId: string, lane: string): Promise<{ id: string } | undefined> {
  return trx.selectFrom('marketplace_engagements').select('id').where('request_id', '=', requestId).where('lane', '=', lane).executeTakeFirst();
}

/** Marks the winner accepted if it is still submitted; false when someone else decided first. */
export async function acceptQuoteRow(trx: Tx, quoteId: string, version: number, now: Date): Promise<boolean> {
  const rows = await trx
    .updateTable('marketplace_quotes')
    .set({ status: 'accepted', decided_at: now, updated_at: now, version: version + 1 })
    .where('id', '=', quoteId)
    .where('version', '=', version)
    .where('status', '=', 'submitted')
    .returning('id')
    .execute();
  return rows.length > 0;
}

/** The lane's other submitted quotes become not chosen; returns their lead ids. */
export async function markOthersNotChosen(trx: Tx, requestId: string, lane: string, winnerId: string, now: Date): Promise<string[]> {
  const rows = await trx
    .updateTable('marketplace_quotes')
    .set((eb) => ({ status: 'not_chosen', decided_at: now, updated_at: now, version: eb('version', '+', 1) }))
    .where('request_id', '=', requestId)
    .where('id', '<>', winnerId)
    .where('status', '=', 'submitted')
    .where('lead_id', 'in', (eb) => eb.selectFrom('marketplace_leads').select('id').where('request_id', '=', requestId).where('lane', '=', lane))
    .returning('lead_id')
    .execute();
  return rows.map((row) => row.lead_id);
}

/** The winning lead is won; the lane's other leads still in play are lost. */
export async function settleLeads(trx: Tx, requestId: string, lane: string, winnerLeadId: string): Promise<void> {
  await trx.updateTable('marketplace_leads').set((eb) => ({ status: 'won', version: eb('version', '+', 1) })).where('id', '=', winnerLeadId).execute();
  await trx
    .updateTable('marketplace_leads')
    .set((eb) => ({ status: 'lost', version: eb('version', '+', 1) }))
    .where('request_id', '=', requestId)
    .where('lane', '=', lane)
    .where('id', '<>', winnerLeadId)
    .where('status', 'in', ['accepted', 'quoted'])
    .execute();
}

export interface EngagementRow {
  id: string;
  request_id: string;
  requester_org_id: string | null;
  provider_org_id: string;
  quote_id: string;
  lane: string;
  value_cents: string;
  summary: string;
  engaged_at: Date;
}

export async function insertEngagement(trx: Tx, row: EngagementRow): Promise<void> {
  await trx.insertInto('marketplace_engagements').values(row).execute();
}

/** Lanes that have leads, and lanes already decided, on a request. */
export async function laneProgress(trx: Tx, requestId: string): Promise<{ wanted: string[]; decided: string[] }> {
  const wanted = await trx.selectFrom('marketplace_leads').select('lane').distinct().where('request_id', '=', requestId).execute();
  const decided = await trx.selectFrom('marketplace_engagements').select('lane').where('request_id', '=', requestId).execute();
  return { wanted: wanted.map((row) => row.lane), decided: decided.map((row) => row.lane) };
}

export async function markRequestDecided(trx: Tx, requestId: string, now: Date): Promise<void> {
  await trx.updateTable('marketplace_requests').set((eb) => ({ status: 'decided', decided_at: now, updated_at: now, version: eb('version', '+', 1) })).where('id', '=', requestId).execute();
}

export async function listOrgEngagements(trx: Tx, orgId: string): Promise<Array<EngagementRow & { has_review: boolean }>> {
  const rows = await trx
    .selectFrom('marketplace_engagements as e')
    .selectAll('e')
    .select((eb) => eb.exists(eb.selectFrom('provider_reviews as r').select('r.id').whereRef('r.engagement_id', '=', 'e.id')).as('has_review'))
    .where('e.requester_org_id', '=', orgId)
    .orderBy('e.engaged_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(500)
    .execute();
  return rows.map((row) => ({ ...row, has_review: row.has_review === true || row.has_review === 1 }));
}

export async function findEngagement(trx: Tx, engagementId: string): Promise<EngagementRow | undefined> {
  return trx.selectFrom('marketplace_engagements').selectAll().where('id', '=', engagementId).executeTakeFirst();
}
