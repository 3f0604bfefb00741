import type { Tx } from '../../db/with-org.ts';

/** Quotes and the leads they answer, as the provider organisation sees them (row-level security: its own). */

export interface LeadRow {
  id: string;
  request_id: string;
  provider_org_id: string;
  lane: string;
  status: string;
  revealed_identity: unknown;
  version: number;
}

export interface QuoteRow {
  id: string;
  lead_id: string;
  request_id: string;
  provider_org_id: string;
  kind: string;
  lines: unknown;
  assumptions: string;
  valid_until: string;
  status: string;
  total_cents: string;
  submitted_at: Date | null;
  decided_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const leadColumns = ['id', 'request_id', 'provider_org_id', 'lane', 'status', 'revealed_identity', 'version'] as const;

/** A lead addressed to this provider organisation, or undefined. */
export async function findProviderLead(trx: Tx, providerOrgId: string, leadId: string): Promise<LeadRow | undefined> {
  return trx.selectFrom('marketplace_leads').select(leadColumns).where('id', '=', leadId).where('provider_org_id', '=', providerOrgId).executeTakeFirst();
}

/** A lead of a request the requester can see (row-level security), or undefined. */
export async function findRequesterLead(trx: Tx, requestId: string, leadId: string): Promise<LeadRow | undefined> {
  return trx.selectFrom('marketplace_leads').select(leadColumns).where('id', '=', leadId).where('request_id', '=', requestId).executeTakeFirst();
}

/** A lead of any request in scope (the guest's one request), or undefined. */
export async function findLeadInScope(trx: Tx, leadId: string): Promise<LeadRow | undefined> {
  return trx.selectFrom('marketplace_leads').select(leadColumns).where('id', '=', leadId).executeTakeFirst();
}

export async function findQuoteOfLead(trx: Tx, leadId: string, options: { forUpdate?: boolean } = {}): Promise<QuoteRow | undefined> {
  const query = trx.selectFrom('marketplace_quotes').selectAll().where('lead_id', '=', leadId);
  return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

export async function insertQuote(trx: Tx, row: Omit<QuoteRow, 'version' | 'lines' | 'submitted_at' | 'decided_at'> & { lines: string }): Promise<QuoteRow | undefined> {
  return trx
    .insertInto('marketplace_quotes')
    .values(row)
    .onConflict((oc) => oc.column('lead_id').doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Changes a quote only if it is still at the version the editor read; undefined when it moved on. */
export async function updateQuoteAtVersion(
  trx: Tx,
  id: string,
  version: number,
  patch: Partial<{ lines: string; kind: string; assumptions: string; valid_until: string; status: string; total_cents: string | number; submitted_at: Date | null; decided_at: Date | null }> & { updated_at: Date },
): Promise<QuoteRow | undefined> {
  return trx
    .updateTable('marketplace_quotes')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** Moves a lead from one of `from` to `to`; false when it was in none of them. */
export async function moveLead(trx: Tx, leadId: string, from: readonly string[], to: string): Promise<boolean> {
  const rows = await trx
    .updateTable('marketplace_leads')
    .set((eb) => ({ status: to, version: eb('version', '+', 1) }))
    .where('id', '=', leadId)
    .where('status', 'in', [...from])
    .returning('id')
    .execute();
  return rows.length > 0;
}

/** The provider's display name (its own profile), or its organisation's name. */
export async function providerDisplayName(trx: Tx, providerOrgId: string): Promise<string | null> {
  const row = await trx.selectFrom('provider_profiles').select('display_name').where('org_id', '=', providerOrgId).executeTakeFirst();
  return row?.display_name ?? null;
}
