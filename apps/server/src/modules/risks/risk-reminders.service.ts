import type { AppDeps } from '../../core/deps.ts';
import type { Logger } from '../../core/logger.ts';
import { formatAuDate, nextDay } from '../../lib/dates.ts';
import { mailReminder, runReminderJob } from '../mail/mail.service.ts';
import { claimReminder, findOrgsWithDueReviews, listDueReviews } from './risk-reminders.repo.ts';

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
  const horizon = addDays(deps.clock().toISOString().slice(0, 10), reviewReminderDays + 1);
  return runReminderJob(deps, log, {
    name: 'risk-review-reminders',
    sends: 'risk review reminders',
    orgIds: await findOrgsWithDueReviews(deps.database.db, horizon, 500),
    remind: async (ctx, org) => {
      let count = 0;
      for (const risk of await listDueReviews(ctx.tx, org.id, addDays(org.today, reviewReminderDays))) {
        if (!(await claimReminder(ctx.tx, { org_id: org.id, risk_id: risk.id, review_on: risk.next_review_on, sent_to: risk.owner_user_id, sent_at: ctx.now }))) continue;
        const isOverdue = risk.next_review_on < org.today;
        await mailReminder(
          ctx,
          org.id,
          {
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
          },
          { action: 'risk.review_reminder_sent', entity: { type: 'risk', id: risk.id }, after: { ref: risk.ref, title: risk.title, ownerName: risk.owner_name, reviewOn: formatAuDate(risk.next_review_on) } },
        );
        count += 1;
      }
      return count;
    },
  });
}
