import type { AppDeps } from '../../core/deps.ts';
import type { BaseCtx } from '../../core/ctx.ts';
import type { Logger } from '../../core/logger.ts';
import { runTransaction, scopedOpen } from '../../core/transaction.ts';
import { formatAuDate, todayIn } from '../../lib/dates.ts';
import { queueMail } from '../mail/mail.service.ts';
import { systemActorLabel } from '../org/org.service.ts';
import { addDays } from './audit-days.ts';
import { ncRef } from './audit-views.ts';
import { claimActionReminder, findOrgForActionReminders, findOrgsWithOverdueActions, listOverdueActions } from './ca-reminders.repo.ts';

/**
 * One run of the overdue corrective-action job: each open action past its due day (in its
 * organisation's time zone) e-mails its owner once per due day, through the outbox, one transaction
 * per organisation. The reminder row is claimed first, so two runs at once send it once; a new due day
 * is a new reminder. Returns the number sent.
 */
export async function sendCorrectiveActionReminders(deps: AppDeps, log: Logger): Promise<number> {
  const now = deps.clock();
  const orgIds = await findOrgsWithOverdueActions(deps.database.db, addDays(now.toISOString().slice(0, 10), 1), 500);
  const base: BaseCtx = { deps, now, requestId: 'corrective-action-reminders', log };
  let total = 0;
  for (const orgId of orgIds) {
    const outcome = await runTransaction(base, { isReadOnly: false, open: scopedOpen({ orgId, userId: null }) }, async (ctx) => {
      const org = await findOrgForActionReminders(ctx.tx, orgId);
      if (!org) {
        ctx.skipAudit('the organisation is gone');
        return 0;
      }
      let count = 0;
      for (const action of await listOverdueActions(ctx.tx, orgId, todayIn(org.time_zone, now))) {
        if (!(await claimActionReminder(ctx.tx, { org_id: orgId, action_id: action.id, due_on: action.due_on, sent_to: action.owner_user_id ?? '', sent_at: now }))) continue;
        const ref = ncRef(action.number);
        await queueMail(ctx, orgId, {
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
        });
        await ctx.recordAudit(
          { orgId, userId: null, label: systemActorLabel },
          { action: 'nonconformities.reminder_sent', entity: { type: 'nonconformity', id: action.nonconformity_id }, after: { ref, ownerName: action.owner_name, dueOn: action.due_on } },
        );
        count += 1;
      }
      if (count === 0) ctx.skipAudit('every due reminder was already sent');
      return count;
    }).then(
      (result) => result.result,
      (error: unknown) => {
        log.warn({ err: error, orgId }, 'corrective action reminders failed for an organisation; the next run tries again');
        return 0;
      },
    );
    total += outcome;
  }
  return total;
}
