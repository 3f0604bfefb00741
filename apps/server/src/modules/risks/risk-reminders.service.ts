import type { AppDeps } from '../../core/deps.ts';
import type { BaseCtx } from '../../core/ctx.ts';
import type { Logger } from '../../core/logger.ts';
import { runTransaction, scopedOpen } from '../../core/transaction.ts';
import { formatAuDate, nextDay, todayIn } from '../../lib/dates.ts';
import { queueMail } from '../mail/mail.service.ts';
import { systemActorLabel } from '../org/org.service.ts';
import { claimReminder, findOrgForReminders, findOrgsWithDueReviews, listDueReviews } from './risk-reminders.repo.ts';

/** A reminder goes out when a review is due within this many days, or overdue. */
export const reviewReminderDays = 7;

function addDays(isoDate: string, days: number): string {
  let date = isoDate;
  for (let i = 0; i < days; i += 1) date = nextDay(date);
  return date;
}

/**
 * One run of the review-reminder job: for each organisation with a risk whose review is due within
 * seven days (its own time zone) or overdue, e-mails the risk's owner once per review date, through
 * the outbox, in one transaction per organisation. The reminder row is claimed first (insert … on
 * conflict do nothing), so two runs at once send it once; a new review date gets a new reminder.
 * Returns the number of reminders sent.
 */
export async function sendRiskReviewReminders(deps: AppDeps, log: Logger): Promise<number> {
  const now = deps.clock();
  const horizon = addDays(now.toISOString().slice(0, 10), reviewReminderDays + 1);
  const orgIds = await findOrgsWithDueReviews(deps.database.db, horizon, 500);
  const base: BaseCtx = { deps, now, requestId: 'risk-review-reminders', log };
  let sent = 0;
  for (const orgId of orgIds) {
    const outcome = await runTransaction(base, { isReadOnly: false, open: scopedOpen({ orgId, userId: null }) }, async (ctx) => {
      const org = await findOrgForReminders(ctx.tx, orgId);
      if (!org) {
        ctx.skipAudit('the organisation is gone');
        return 0;
      }
      const today = todayIn(org.time_zone, now);
      const due = await listDueReviews(ctx.tx, orgId, addDays(today, reviewReminderDays));
      let count = 0;
      for (const risk of due) {
        if (!(await claimReminder(ctx.tx, { org_id: orgId, risk_id: risk.id, review_on: risk.next_review_on, sent_to: risk.owner_user_id, sent_at: now }))) continue;
        const isOverdue = risk.next_review_on < today;
        await queueMail(ctx, orgId, {
          to: risk.owner_email,
          subject: `${isOverdue ? 'Overdue' : 'Due soon'}: review of risk ${risk.ref} (${org.name})`,
          text: [
            `Hello ${risk.owner_name},`,
            '',
            `You own the risk ${risk.ref} "${risk.title}" in ${org.name}'s risk register. Its review ${isOverdue ? 'was due' : 'is due'} on ${formatAuDate(risk.next_review_on)}.`,
            '',
            'Check that its scores, treatment and tasks still hold, then set the next review date. Open the risk in Custodian to review it.',
            '',
            `${deps.config.publicUrl}/risks/${risk.id}`,
          ].join('\n'),
        });
        await ctx.recordAudit(
          { orgId, userId: null, label: systemActorLabel },
          { action: 'risk.review_reminder_sent', entity: { type: 'risk', id: risk.id }, after: { ref: risk.ref, title: risk.title, ownerName: risk.owner_name, reviewOn: formatAuDate(risk.next_review_on) } },
        );
        count += 1;
      }
      if (count === 0) ctx.skipAudit('every due reminder was already sent');
      return count;
    }).then(
      (result) => result.result,
      (error: unknown) => {
        log.warn({ err: error, orgId }, 'risk review reminders failed for an organisation; the next run tries again');
        return 0;
      },
    );
    sent += outcome;
  }
  return sent;
}
