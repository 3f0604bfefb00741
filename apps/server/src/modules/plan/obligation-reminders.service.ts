import type { DatedObligation } from '@custodian/shared/domain/obligations.ts';
import { addDaysTo } from '@custodian/shared/domain/stage2-projection.ts';
import type { AppDeps } from '../../core/deps.ts';
import type { Logger } from '../../core/logger.ts';
import { withMaintenance } from '../../db/with-org.ts';
import { formatAuDate } from '../../lib/dates.ts';
import { mailReminder, runReminderJob } from '../mail/mail.service.ts';
import { readerCtx } from './plan-ctx.ts';
import { claimReminder, findOrgInfo, listMemberContacts, listOpenOrgs, listSentReminders, type ReminderStage } from './plan-feed.repo.ts';
import { kindsRemindedElsewhere } from './plan-sources.ts';
import { collectObligations } from './plan.service.ts';

/** How many days ahead the "due soon" reminder goes. */
export const obligationReminderDays = 7;

function mailText(o: DatedObligation, stage: ReminderStage, ownerName: string, orgName: string, link: string): { subject: string; text: string } {
  const date = formatAuDate(o.dueOn);
  const isOverdue = stage === 'overdue';
  return {
    subject: `${isOverdue ? 'Overdue' : 'Due soon'}: ${o.title} (${orgName})`,
    text: [
      `Hello ${ownerName},`,
      '',
      `“${o.title}” in ${orgName}'s information security management system is yours, and ${isOverdue ? 'was due on' : 'is due on'} ${date}.`,
      '',
      isOverdue
        ? 'It is now overdue. An auditor will ask about dates that were missed: finish it, or agree a new date and record it.'
        : 'Please finish it by then, or agree a new date and record it.',
      '',
      link,
    ].join('\n'),
  };
}

/**
 * One run of the reminder job for every dated obligation (the same sources as the calendar feed):
 * the owner is e-mailed once when it comes within 7 days of its due date and once when it is overdue,
 * through the outbox, one transaction per organisation. Each reminder is claimed first in
 * `obligation_reminders` (insert … on conflict do nothing), so reruns and parallel runs send it once;
 * a new due date is a new pair. Kinds another job already reminds of (risk reviews, evidence expiry)
 * are skipped; done obligations and ones without an owner who is a member are too. Returns how many
 * reminders were sent.
 */
export async function sendObligationReminders(deps: AppDeps, log: Logger): Promise<number> {
  return runReminderJob(deps, log, {
    name: 'obligation-reminders',
    sends: 'obligation reminders',
    orgIds: await withMaintenance(deps.database.db, (tx) => listOpenOrgs(tx)),
    remind: async (ctx, { id: orgId, today }) => {
      const org = await findOrgInfo(ctx.tx, orgId); // the fuller record the plan's sources read (closed organisations have none)
      if (!org) return 0;
      const horizon = addDaysTo(today, obligationReminderDays);
      const due = (await collectObligations(readerCtx(ctx, org, null))).filter((o) => !o.isDone && o.ownerUserId !== null && o.dueOn <= horizon && !kindsRemindedElsewhere.has(o.kind));
      if (due.length === 0) return 0;
      const [contacts, sent] = await Promise.all([listMemberContacts(ctx.tx, orgId), listSentReminders(ctx.tx, orgId)]);
      let count = 0;
      for (const o of due) {
        const owner = o.ownerUserId ? contacts.get(o.ownerUserId) : undefined;
        if (!owner || !o.ownerUserId) continue;
        const stage: ReminderStage = o.dueOn < today ? 'overdue' : 'due_soon';
        if (sent.has(`${o.key}|${o.dueOn}|${stage}`)) continue;
        if (!(await claimReminder(ctx.tx, { org_id: orgId, obligation_key: o.key, due_on: o.dueOn, stage, sent_to: o.ownerUserId, sent_at: ctx.now }))) continue;
        const mail = mailText(o, stage, owner.name, org.name, `${deps.config.publicUrl}${o.href}`);
        await mailReminder(
          ctx,
          orgId,
          { to: owner.email, subject: mail.subject, text: mail.text },
          { action: 'obligation.reminder_sent', entity: { type: 'obligation', id: o.key }, after: { title: o.title, ownerName: owner.name, dueOn: o.dueOn, stage } },
        );
        count += 1;
      }
      return count;
    },
  });
}
