import { evidenceExpiringDays } from '@custodian/shared/contracts/evidence.ts';
import type { AppDeps } from '../../core/deps.ts';
import type { BaseCtx } from '../../core/ctx.ts';
import type { Logger } from '../../core/logger.ts';
import { runTransaction, scopedOpen } from '../../core/transaction.ts';
import { formatAuDate, todayIn } from '../../lib/dates.ts';
import { queueMail } from '../mail/mail.service.ts';
import { systemActorLabel } from '../org/org.service.ts';
import { addDays } from './evidence-views.ts';
import { claimEvidenceReminder, findOrgForEvidenceReminders, findOrgsWithDueEvidence, listDueEvidence, type DueEvidence, type ReminderThreshold } from './evidence-reminders.repo.ts';

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
  const now = deps.clock();
  const utcToday = now.toISOString().slice(0, 10);
  const orgIds = await findOrgsWithDueEvidence(deps.database.db, { horizon: addDays(utcToday, evidenceExpiringDays + 1), mayHaveExpired: addDays(utcToday, 1) }, 500);
  const base: BaseCtx = { deps, now, requestId: 'evidence-reminders', log };
  let total = 0;
  for (const orgId of orgIds) {
    const outcome = await runTransaction(base, { isReadOnly: false, open: scopedOpen({ orgId, userId: null }) }, async (ctx) => {
      const org = await findOrgForEvidenceReminders(ctx.tx, orgId);
      if (!org) {
        ctx.skipAudit('the organisation is gone');
        return 0;
      }
      const today = todayIn(org.time_zone, now);
      let count = 0;
      for (const item of await listDueEvidence(ctx.tx, orgId, addDays(today, evidenceExpiringDays))) {
        const threshold: ReminderThreshold = item.valid_until < today ? 'expired' : 'expiring';
        if (item.sent.includes(threshold)) continue;
        if (!(await claimEvidenceReminder(ctx.tx, { org_id: orgId, evidence_id: item.id, valid_until: item.valid_until, threshold, sent_to: item.owner_user_id, sent_at: now }))) continue;
        const mail = mailText(item, threshold, org.name, `${deps.config.publicUrl}/evidence/${item.id}`);
        await queueMail(ctx, orgId, { to: item.owner_email, subject: mail.subject, text: mail.text });
        await ctx.recordAudit(
          { orgId, userId: null, label: systemActorLabel },
          { action: 'evidence.reminder_sent', entity: { type: 'evidence', id: item.id }, after: { title: item.title, ownerName: item.owner_name, validUntil: item.valid_until, threshold } },
        );
        count += 1;
      }
      if (count === 0) ctx.skipAudit('every due reminder was already sent');
      return count;
    }).then(
      (result) => result.result,
      (error: unknown) => {
        log.warn({ err: error, orgId }, 'evidence reminders failed for an organisation; the next run tries again');
        return 0;
      },
    );
    total += outcome;
  }
  return total;
}
