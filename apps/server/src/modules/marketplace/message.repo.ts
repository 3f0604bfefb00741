import type { Tx } from '../../db/with-org.ts';

/** Messages on a lead (row-level security: its provider, its requester, the operator). */

export interface MessageRow {
  id: string;
  lead_id: string;
  sender_side: string;
  sender_label: string;
  body: string;
  created_at: Date;
}

export async function listLeadMessages(trx: Tx, leadId: string): Promise<MessageRow[]> {
  return trx
    .selectFrom('marketplace_messages')
    .select(['id', 'lead_id', 'sender_side', 'sender_label', 'body', 'created_at'])
    .where('lead_id', '=', leadId)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1000)
    .execute();
}

export async function insertMessage(
  trx: Tx,
  row: { id: string; lead_id: string; request_id: string; provider_org_id: string; sender_side: 'requester' | 'provider'; sender_user_id: string | null; sender_label: string; body: string; created_at: Date },
): Promise<MessageRow> {
  await trx.insertInto('marketplace_messages').values(row).execute();
  return { id: row.id, lead_id: row.lead_id, sender_side: row.sender_side, sender_label: row.sender_label, body: row.body, created_at: row.created_at };
}

/** True when the request is in the requester's scope (its organisation's, or the guest's one). */
export async function isRequestInScope(trx: Tx, requestId: string): Promise<boolean> {
  const row = await trx.selectFrom('marketplace_requests').select('id').where('id', '=', requestId).executeTakeFirst();
  return row !== undefined;
}
