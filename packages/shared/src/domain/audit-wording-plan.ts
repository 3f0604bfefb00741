import { auDay, text, type Wording } from './audit-wording-words.ts';

/** The audit trail's words for the plan to certification, the calendar feed and dated reminders (spread into `auditSentences` in audit-wording.ts, which holds the rest). */
export const planSentences = {
  'plan.created': { title: 'Certification plan started', says: ({ after }) => `started the plan to certification, aiming for Stage 2 on ${auDay(after.targetStage2On, 'a date')}` },
  'plan.updated': { title: 'Stage 2 date changed', says: ({ before, after }) => `moved the planned Stage 2 date from ${auDay(before.targetStage2On, 'an earlier date')} to ${auDay(after.targetStage2On, 'a new date')}` },
  'plan.milestone_added': { title: 'Milestone added', says: ({ after }) => `added the milestone “${text(after.title, 'untitled')}” due ${auDay(after.dueOn, 'on a date')}` },
  'plan.milestone_updated': { title: 'Milestone changed', says: ({ before, after }) => (after.completedOn && !before.completedOn ? `marked the milestone “${text(after.title, 'untitled')}” done` : `changed the milestone “${text(after.title, text(before.title, 'untitled'))}”`) },
  'plan.milestone_deleted': { title: 'Milestone deleted', says: ({ before }) => `deleted the milestone “${text(before.title, 'untitled')}”` },
  'calendar_feed.issued': { title: 'Calendar feed address made', says: () => 'made a new address for their calendar feed (any earlier one stopped working)' },
  'calendar_feed.revoked': { title: 'Calendar feed stopped', says: () => 'stopped their calendar feed' },
  'obligation.reminder_sent': { title: 'Reminder sent', says: ({ after }) => `e-mailed ${text(after.ownerName, 'the owner')} that “${text(after.title, 'an obligation')}” ${after.stage === 'overdue' ? 'is overdue' : 'is due soon'}` },
} satisfies Record<string, Wording>;
