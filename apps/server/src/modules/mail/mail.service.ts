import type { ListReply } from '@custodian/shared/contracts/list.ts';
import type { OutboxMessage, outboxListQuery } from '@custodian/shared/contracts/org.ts';
import type { z } from 'zod';
import type { AppDeps } from '../../core/deps.ts';
import type { AuditEvent, BaseCtx, OrgCtx, TxCtx } from '../../core/ctx.ts';
import type { Logger } from '../../core/logger.ts';
import { runTransaction, scopedOpen } from '../../core/transaction.ts';
import { todayIn } from '../../lib/dates.ts';
import { systemActorLabel } from '../org/org.service.ts';
import { newId } from '../../lib/ids.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { deidentifyOutbox, findOrgForReminders, insertOutbox, listOutboxRows, markMail, withPendingMail, type PendingMail } from './mail.repo.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Carries a personal credential (a reset or confirmation link): the organisation's outbox page does not show its text. */
  isPrivate?: boolean;
}

/** What the outbox page shows instead of a private message's text. */
export const withheldBody = 'Not shown here: this message holds a personal link (to reset a password or confirm an e-mail address) that only its recipient may use.';

/**
 * Queues an e-mail in an organisation's outbox inside the caller's transaction; the mail worker is
 * woken once the transaction commits, so a rolled-back change never sends mail.
 */
export async function queueMail(ctx: TxCtx, orgId: string, message: MailMessage): Promise<void> {
  await insertOutbox(ctx.tx, {
    org_id: orgId,
    id: newId(ctx.now.getTime()),
    to_address: message.to,
    subject: message.subject,
    body_text: message.text,
    created_at: ctx.now,
    is_private: message.isPrivate === true,
  });
  ctx.afterCommit(ctx.deps.notifyMail);
}

/** The text of mail to a person the organisation has de-identified. */
export const deidentifiedBody = 'Removed: the recipient of this message left the organisation and was de-identified.';

/** Replaces a de-identified person's name and address in the organisation's outbox with their pseudonym. */
export async function deidentifyMail(ctx: TxCtx, orgId: string, person: { name: string; email: string }, pseudonym: string): Promise<number> {
  return deidentifyOutbox(ctx.tx, orgId, person, pseudonym, deidentifiedBody);
}

/** The owner's view of the mail Custodian sent or logged for the organisation. */
export async function listOutbox(ctx: OrgCtx, query: z.output<typeof outboxListQuery>): Promise<ListReply<OutboxMessage>> {
  const page = await listOutboxRows(ctx.tx, ctx.org.id, query);
  return {
    ...page,
    items: page.items.map((row) => ({
      id: row.id,
      to: row.to_address,
      subject: row.subject,
      body: row.is_private ? withheldBody : row.body_text,
      status: row.status as OutboxMessage['status'],
      createdAt: new Date(row.created_at).toISOString(),
      sentAt: row.sent_at ? new Date(row.sent_at).toISOString() : null,
    })),
  };
}

/**
 * The mail worker's batch: claims up to `limit` pending messages of every organisation (as the worker
 * role, SKIP LOCKED so several servers never send one twice) and records each outcome `deliver` reports.
 */
export async function deliverPendingMail(db: Kysely<DB>, limit: number, deliver: (mail: PendingMail) => Promise<{ status: 'sent' | 'logged' | 'failed' | 'pending'; error?: string; at: Date }>): Promise<number> {
  return withPendingMail(db, limit, async (trx, rows) => {
    for (const mail of rows) await markMail(trx, mail, await deliver(mail));
  });
}

export type { PendingMail };

/** The organisation a reminder run is sending for, read in its own scope, and the day it is there. */
export interface ReminderOrg {
  id: string;
  name: string;
  timeZone: string;
  /** Today in the organisation's time zone (yyyy-mm-dd): what "due" and "overdue" are measured against. */
  today: string;
}

export interface ReminderJob {
  /** The job's name, as the request id of its transactions: 'risk-review-reminders'. */
  name: string;
  /** What it sends, in the log line when one organisation's run fails: 'risk review reminders'. */
  sends: string;
  /** The organisations that may have a reminder due (a cheap, unscoped first pass). */
  orgIds: readonly string[];
  /**
   * Sends the organisation's due reminders, each claimed first (insert … on conflict do nothing, so two
   * runs at once send it once) and mailed with mailReminder; returns how many it sent.
   */
  remind: (ctx: TxCtx, org: ReminderOrg) => Promise<number>;
}

/**
 * One run of a reminder job: one scoped transaction per organisation, so one organisation's failure
 * (logged; the next run tries again) neither stops nor rolls back the others. A run that sent nothing
 * changes nothing and records nothing. Returns the number of reminders sent.
 */
export async function runReminderJob(deps: AppDeps, log: Logger, job: ReminderJob): Promise<number> {
  const now = deps.clock();
  const base: BaseCtx = { deps, now, requestId: job.name, log };
  let total = 0;
  for (const orgId of job.orgIds) {
    total += await runTransaction(base, { isReadOnly: false, open: scopedOpen({ orgId, userId: null }) }, async (ctx) => {
      const org = await findOrgForReminders(ctx.tx, orgId);
      if (!org) {
        ctx.skipAudit('the organisation is gone');
        return 0;
      }
      const count = await job.remind(ctx, { id: orgId, name: org.name, timeZone: org.time_zone, today: todayIn(org.time_zone, now) });
      if (count === 0) ctx.skipAudit('every due reminder was already sent');
      return count;
    }).then(
      (result) => result.result,
      (error: unknown) => {
        log.warn({ err: error, orgId }, `${job.sends} failed for an organisation; the next run tries again`);
        return 0;
      },
    );
  }
  return total;
}

/** A claimed reminder: its e-mail through the organisation's outbox, and the trail's line, by Custodian itself. */
export async function mailReminder(
  ctx: TxCtx,
  orgId: string,
  mail: { to: string; subject: string; text: string },
  event: Omit<AuditEvent, 'before'>,
): Promise<void> {
  await queueMail(ctx, orgId, mail);
  await ctx.recordAudit({ orgId, userId: null, label: systemActorLabel }, event);
}
