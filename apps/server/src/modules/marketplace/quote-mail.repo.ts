import { sql } from 'kysely';
import type { Tx } from '../../db/with-org.ts';

/**
 * Queues mail to the other side of a lead through custodian_queue_marketplace_mail (migration 0017):
 * the database resolves the recipients (the requester's contact address or its members with the given
 * roles; the provider's members with the given roles) and writes the recipient organisation's outbox,
 * so the caller never reads the other side's addresses. Returns how many messages were queued.
 */
export async function queueLeadMail(trx: Tx, input: { leadId: string; toSide: 'requester' | 'provider'; roles: readonly string[]; subject: string; text: string; now: Date }): Promise<number> {
  const result = await sql<{ n: number }>`select custodian_queue_marketplace_mail(${input.leadId}::uuid, ${input.toSide}, ${sql.val([...input.roles])}::text[], ${input.subject}, ${input.text}, ${input.now}) as n`.execute(trx);
  return Number(result.rows[0]?.n ?? 0);
}
