import { trainingReminderDays, addCalendarDays } from '@custodian/shared/domain/training-status.ts';
import type { AppDeps } from '../../core/deps.ts';
import type { Logger } from '../../core/logger.ts';
import { formatAuDate } from '../../lib/dates.ts';
import { mailReminder, runReminderJob } from '../mail/mail.service.ts';
import { claimTrainingReminder, findOrgsWithTraining, listSentReminderKeys } from './training-people.repo.ts';
import { trainingPicture, type PersonItem } from './training-standings.ts';

function mailText(s: PersonItem, stage: 'due' | 'overdue', orgName: string, link: string): { subject: string; text: string } {
  const date = formatAuDate(s.dueOn ?? '');
  return {
    subject: `${stage === 'overdue' ? 'Overdue' : 'Due soon'}: training “${s.item.title}” (${orgName})`,
    text: [
      `Hello ${s.person.name},`,
      '',
      stage === 'overdue'
        ? `Your training “${s.item.title}” for ${orgName} was due on ${date} and is not recorded as done yet.`
        : `Your training “${s.item.title}” for ${orgName} is due by ${date}.`,
      '',
      'Open My training, read or follow the training, then mark it complete with the day you did it.',
      '',
      link,
    ].join('\n'),
  };
}

/**
 * One run of the training reminder job: for each organisation with training assigned, e-mails each
 * person once when an item is due within 14 days and once when it is overdue (its own time zone), per
 * due date, through the outbox, in one transaction per organisation. Each reminder row is claimed
 * first (insert … on conflict do nothing), so two runs at once send it once; a completion brings a new
 * due date and with it a new pair. Returns the number sent.
 */
export async function sendTrainingReminders(deps: AppDeps, log: Logger): Promise<number> {
  return runReminderJob(deps, log, {
    name: 'training-reminders',
    sends: 'training reminders',
    orgIds: await findOrgsWithTraining(deps.database.db, 1000),
    remind: async (ctx, org) => {
      const picture = await trainingPicture({ tx: ctx.tx, now: ctx.now, org: { id: org.id, timeZone: org.timeZone } });
      const sent = await listSentReminderKeys(ctx.tx, org.id);
      const soon = addCalendarDays(picture.today, trainingReminderDays);
      let count = 0;
      for (const s of picture.standings) {
        if (s.status === 'complete' || s.dueOn === null) continue;
        const stage = s.status === 'overdue' ? 'overdue' : s.dueOn <= soon ? 'due' : null;
        if (stage === null || sent.has(`${s.item.id}|${s.person.user_id}|${s.dueOn}|${stage}`)) continue;
        if (!(await claimTrainingReminder(ctx.tx, { org_id: org.id, item_id: s.item.id, user_id: s.person.user_id, due_on: s.dueOn, stage, sent_at: ctx.now }))) continue;
        const mail = mailText(s, stage, org.name, `${deps.config.publicUrl}/my-training`);
        await mailReminder(
          ctx,
          org.id,
          { to: s.person.email, subject: mail.subject, text: mail.text },
          { action: 'training.reminder_sent', entity: { type: 'training', id: s.item.id }, after: { title: s.item.title, personName: s.person.name, dueOn: s.dueOn, stage } },
        );
        count += 1;
      }
      return count;
    },
  });
}
