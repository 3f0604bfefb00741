import type { AppDeps } from '../../core/deps.ts';
import type { Logger } from '../../core/logger.ts';
import { formatAuDate } from '../../lib/dates.ts';
import { mailReminder, runReminderJob } from '../mail/mail.service.ts';
import { addDays } from './audit-days.ts';
import { ncRef } from './audit-views.ts';
import { claimActionReminder, findOrgsWithOverdueActions, listOverdueActions } from './ca-reminders.repo.ts';

/**
 * One run of the overdue corrective-action job: each open action past its due day (in its
 * organisation's time zone) e-mails its owner once per due day, through the outbox, one transaction
 * per organisation. The reminder row is claimed first, so two runs at once send it once; a new due day
 * is a new reminder. Returns the number sent.
 */
export async function sendCorrectiveActionReminders(deps: AppDeps, log: Logger): Promise<number> {
  return runReminderJob(deps, log, {
    name: 'corrective-action-reminders',
    sends: 'corrective action reminders',
    orgIds: await findOrgsWithOverdueActions(deps.database.db, addDays(deps.clock().toISOString().slice(0, 10), 1), 500),
    remind: async (ctx, org) => {
      let count = 0;
      for (const action of await listOverdueActions(ctx.tx, org.id, org.today)) {
        if (!(await claimActionReminder(ctx.tx, { org_id: org.id, action_id: action.id, due_on: action.due_on, sent_to: action.owner_user_id ?? '', sent_at: ctx.now }))) continue;
        const ref = ncRef(action.number);
        await mailReminder(
          ctx,
          org.id,
          {
            to: action.owner_email,
            subject: `Overdue: corrective action for ${ref} (${org.name})`,
            text: [
              `Hello ${action.owner_name},`,
              '',
              `You own a corrective action for the nonconformity ${ref} “${action.title}” in ${org.name}'s information security records. It was due on ${formatAuDate(action.due_on)}:`,
              '',
              action.description,
              '',
              'Finish it and mark it complete, or agree a new due date and record it, so the nonconformity can be closed.',
              '',
              `${deps.config.publicUrl}/nonconformities/${action.nonconformity_id}`,
            ].join('\n'),
          },
          { action: 'nonconformities.reminder_sent', entity: { type: 'nonconformity', id: action.nonconformity_id }, after: { ref, ownerName: action.owner_name, dueOn: action.due_on } },
        );
        count += 1;
      }
      return count;
    },
  });
}
