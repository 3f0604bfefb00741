import { trainingReminderDays, addCalendarDays } from '@custodian/shared/domain/training-status.ts';
import type { AppDeps } from '../../core/deps.ts';
import type { BaseCtx } from '../../core/ctx.ts';
import type { Logger } from '../../core/logger.ts';
import { runTransaction, scopedOpen } from '../../core/transaction.ts';
import { formatAuDate } from '../../lib/dates.ts';
import { queueMail } from '../mail/mail.service.ts';
import { systemActorLabel } from '../org/org.service.ts';
import { claimTrainingReminder, findOrgForTraining, findOrgsWithTraining, listSentReminderKeys } from './training-people.repo.ts';
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
  const now = deps.clock();
  const base: BaseCtx = { deps, now, requestId: 'training-reminders', log };
  let total = 0;
  for (const orgId of await findOrgsWithTraining(deps.database.db, 1000)) {
    const outcome = await runTransaction(base, { isReadOnly: false, open: scopedOpen({ orgId, userId: null }) }, async (ctx) => {
      const org = await findOrgForTraining(ctx.tx, orgId);
      if (!org) {
        ctx.skipAudit('the organisation is gone');
        return 0;
      }
      const picture = await trainingPicture({ tx: ctx.tx, now, org: { id: orgId, timeZone: org.time_zone } });
      const sent = await listSentReminderKeys(ctx.tx, orgId);
      const soon = addCalendarDays(picture.today, trainingReminderDays);
      let count = 0;
      for (const s of picture.standings) {
        if (s.status === 'complete' || s.dueOn === null) continue;
        const stage = s.status === 'overdue' ? 'overdue' : s.dueOn <= soon ? 'due' : null;
        if (stage === null || sent.has(`${s.item.id}|${s.person.user_id}|${s.dueOn}|${stage}`)) continue;
        if (!(await claimTrainingReminder(ctx.tx, { org_id: orgId, item_id: s.item.id, user_id: s.person.user_id, due_on: s.dueOn, stage, sent_at: now }))) continue;
        const mail = mailText(s, stage, org.name, `${deps.config.publicUrl}/my-training`);
        await queueMail(ctx, orgId, { to: s.person.email, subject: mail.subject, text: mail.text });
        await ctx.recordAudit(
          { orgId, userId: null, label: systemActorLabel },
          { action: 'training.reminder_sent', entity: { type: 'training', id: s.item.id }, after: { title: s.item.title, personName: s.person.name, dueOn: s.dueOn, stage } },
        );
        count += 1;
      }
      if (count === 0) ctx.skipAudit('every due reminder was already sent');
      return count;
    }).then(
      (result) => result.result,
      (error: unknown) => {
        log.warn({ err: error, orgId }, 'training reminders failed for an organisation; the next run tries again');
        return 0;
      },
    );
    total += outcome;
  }
  return total;
}
