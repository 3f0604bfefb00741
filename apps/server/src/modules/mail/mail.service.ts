import type { Tx } from '../../db/with-org.ts';
import { withOrg } from '../../db/with-org.ts';
import { newId } from '../../lib/ids.ts';
import type { Ctx } from '../../http/context.ts';
import { insertOutbox, listOutboxRows } from './mail.repo.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/**
 * Queues an e-mail in the organisation's outbox inside the caller's transaction; the mail worker sends
 * it after commit, so a rolled-back change never sends mail.
 */
export async function queueMail(trx: Tx, orgId: string, message: MailMessage, at: Date): Promise<void> {
  await insertOutbox(trx, {
    org_id: orgId,
    id: newId(at.getTime()),
    to_address: message.to,
    subject: message.subject,
    body_text: message.text,
    created_at: at,
  });
}

/** The owner's view of the mail Custodian sent or logged for the organisation. */
export async function listOutbox(ctx: Ctx, page: number, pageSize: number) {
  return withOrg(ctx.deps.database.db, ctx.actor, async (trx) => {
    const { rows, total } = await listOutboxRows(trx, ctx.actor.orgId, page, pageSize);
    return {
      items: rows.map((row) => ({
        id: row.id,
        to: row.to_address,
        subject: row.subject,
        body: row.body_text,
        status: row.status as 'pending' | 'sent' | 'logged' | 'failed',
        createdAt: new Date(row.created_at).toISOString(),
        sentAt: row.sent_at ? new Date(row.sent_at).toISOString() : null,
      })),
      page,
      pageSize,
      total,
    };
  });
}
