import type { AppDeps } from '../../core/deps.ts';
import type { TxCtx } from '../../core/ctx.ts';
import type { Logger } from '../../core/logger.ts';
import { formatAuDate } from '../../lib/dates.ts';
import { mailReminder, runReminderJob, type ReminderOrg } from '../mail/mail.service.ts';
import { outstandingAcknowledgementRows } from './acknowledgements.repo.ts';
import { claimDocumentReminder, findOrgsWithApprovedDocuments, listDueReviews } from './document-reminders.repo.ts';
import { dayString } from './document-views.ts';

/** Days before a review date when its owner is reminded. */
export const reviewReminderDays = 30;
/** Days after approval when someone who has not acknowledged a policy is reminded. */
export const acknowledgementReminderDays = 7;

const addDays = (isoDay: string, days: number) => new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function remindOrg(ctx: TxCtx, org: ReminderOrg, publicUrl: string): Promise<number> {
  const [orgId, today, now] = [org.id, org.today, ctx.now];
  let count = 0;
  const remind = async (mail: { to: string; subject: string; text: string }, documentId: string, after: Record<string, string>) => {
    await mailReminder(ctx, orgId, mail, { action: 'documents.reminder_sent', entity: { type: 'documents', id: documentId }, after });
    count += 1;
  };
  for (const doc of await listDueReviews(ctx.tx, orgId, addDays(today, reviewReminderDays))) {
    const due = dayString(doc.next_review_on as string);
    if (!doc.owner_user_id || !(await claimDocumentReminder(ctx.tx, { org_id: orgId, document_id: doc.id, reminder_key: `review:${due}`, user_id: doc.owner_user_id, sent_at: now }))) continue;
    const isOverdue = due < today;
    await remind({
      to: doc.owner_email,
      subject: `${isOverdue ? 'Review overdue' : 'Review due'}: ${doc.name} (${org.name})`,
      text: [
        `Hello ${doc.owner_name},`,
        '',
        `You own “${doc.name}” in ${org.name}'s information security documents. Its review ${isOverdue ? 'was due on' : 'is due by'} ${formatAuDate(due)}.`,
        '',
        'Read it through, update anything that has changed in the practice, and approve it again (a minor version if nothing important changed), so auditors see it is kept current.',
        '',
        `${publicUrl}/documents/${doc.id}`,
      ].join('\n'),
    }, doc.id, { name: doc.name, toName: doc.owner_name, reason: `review ${isOverdue ? 'overdue since' : 'due by'} ${formatAuDate(due)}` });
  }
  const remindBefore = now.getTime() - acknowledgementReminderDays * 86_400_000;
  for (const row of await outstandingAcknowledgementRows(ctx.tx, orgId)) {
    if (new Date(row.approved_at).getTime() > remindBefore) continue;
    if (!(await claimDocumentReminder(ctx.tx, { org_id: orgId, document_id: row.document_id, reminder_key: `ack:${row.major}`, user_id: row.user_id, sent_at: now }))) continue;
    await remind({
      to: row.email,
      subject: `Please read and acknowledge: ${row.name} (${org.name})`,
      text: [`Hello ${row.user_name},`, '', `${org.name} asks you to read “${row.name}” and confirm you have read it. It takes a few minutes.`, '', `${publicUrl}/my-policies`].join('\n'),
    }, row.document_id, { name: row.name, toName: row.user_name, reason: 'acknowledgement outstanding' });
  }
  return count;
}

/**
 * One run of the document reminder job: per organisation with approved documents, in one scoped
 * transaction each, e-mails the owner once per review date (30 days before it, or when found overdue)
 * and each person who has not acknowledged an assigned policy once per major version (7 days after its
 * approval), through the outbox. Each reminder is claimed first, so two runs at once send it once.
 */
export async function sendDocumentReminders(deps: AppDeps, log: Logger): Promise<number> {
  return runReminderJob(deps, log, {
    name: 'document-reminders',
    sends: 'document reminders',
    orgIds: await findOrgsWithApprovedDocuments(deps.database.db, 5000),
    remind: (ctx, org) => remindOrg(ctx, org, deps.config.publicUrl),
  });
}
