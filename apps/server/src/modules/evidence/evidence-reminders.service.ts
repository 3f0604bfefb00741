import { evidenceExpiringDays } from '@custodian/shared/contracts/evidence.ts';
import type { AppDeps } from '../../core/deps.ts';
import type { Logger } from '../../core/logger.ts';
import { formatAuDate } from '../../lib/dates.ts';
import { mailReminder, runReminderJob } from '../mail/mail.service.ts';
import { addDays } from './evidence-views.ts';
import { claimEvidenceReminder, findOrgsWithDueEvidence, listDueEvidence, type DueEvidence, type ReminderThreshold } from './evidence-reminders.repo.ts';

function mailText(item: DueEvidence, threshold: ReminderThreshold, orgName: string, link: string): { subject: string; text: string } {
  const date = formatAuDate(item.valid_until);
  const isExpired = threshold === 'expired';
  return {
    subject: `${isExpired ? 'Expired' : 'Expires soon'}: evidence “${item.title}” (${orgName})`,
    text: [
      `Hello ${item.owner_name},`,
      '',
      `You own the evidence “${item.title}” in ${orgName}'s information security records. It ${isExpired ? 'stopped being valid after' : 'is valid until'} ${date}.`,
      '',
      isExpired
        ? 'An auditor will not accept expired evidence. Add a current version (a new file, link or note) and set its new valid-until date.'
        : 'Before then, add a current version (a new file, link or note) and set its new valid-until date, so the evidence stays current.',
      '',
      link,
    ].join('\n'),
  };
}

/**
 * One run of the evidence reminder job: for each organisation with an owned item whose valid-until
 * date is within 30 days (its own time zone) or past, e-mails the owner once when it comes within 30
 * days and once when it has expired, through the outbox, in one transaction per organisation. Each
 * reminder row is claimed first (insert … on conflict do nothing), so two runs at once send it once;
 * a new date is a new pair of reminders. An item found already expired gets only the "expired" one.
 * Returns the number of reminders sent.
 */
export async function sendEvidenceReminders(deps: AppDeps, log: Logger): Promise<number> {
  const utcToday = deps.clock().toISOString().slice(0, 10);
  return runReminderJob(deps, log, {
    name: 'evidence-reminders',
    sends: 'evidence reminders',
    orgIds: await findOrgsWithDueEvidence(deps.database.db, { horizon: addDays(utcToday, evidenceExpiringDays + 1), mayHaveExpired: addDays(utcToday, 1) }, 500),
    remind: async (ctx, org) => {
      let count = 0;
      for (const item of await listDueEvidence(ctx.tx, org.id, addDays(org.today, evidenceExpiringDays))) {
        const threshold: ReminderThreshold = item.valid_until < org.today ? 'expired' : 'expiring';
        if (item.sent.includes(threshold)) continue;
        if (!(await claimEvidenceReminder(ctx.tx, { org_id: org.id, evidence_id: item.id, valid_until: item.valid_until, threshold, sent_to: item.owner_user_id, sent_at: ctx.now }))) continue;
        const mail = mailText(item, threshold, org.name, `${deps.config.publicUrl}/evidence/${item.id}`);
        await mailReminder(
          ctx,
          org.id,
          { to: item.owner_email, subject: mail.subject, text: mail.text },
          { action: 'evidence.reminder_sent', entity: { type: 'evidence', id: item.id }, after: { title: item.title, ownerName: item.owner_name, validUntil: item.valid_until, threshold } },
        );
        count += 1;
      }
      return count;
    },
  });
}
