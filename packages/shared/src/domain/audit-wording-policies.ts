import { text, type Wording } from './audit-wording-words.ts';

/** The audit trail's words for policies, their acknowledgement and awareness training (spread into `auditSentences` in audit-wording.ts, which holds the rest). */
export const policyAndTrainingSentences = {
  'documents.created': { title: 'Document added', says: ({ after }) => `added the document “${text(after.name, 'untitled')}”` },
  'documents.updated': { title: 'Document changed', says: ({ after, before }) => `changed the draft or details of “${text(after.name, text(before.name, 'untitled'))}”` },
  'documents.deleted': { title: 'Document deleted', says: ({ before }) => `deleted the document “${text(before.name, 'untitled')}” with its versions and acknowledgements` },
  'documents.approved': { title: 'Document approved', says: ({ after }) => `approved version ${text(after.label, '?')} of “${text(after.name, 'untitled')}”: ${text(after.changeNote, 'no note')}` },
  'documents.assigned': { title: 'Document assigned', says: ({ after }) => `asked ${text(after.who, 'someone')} to read and acknowledge “${text(after.name, 'untitled')}”` },
  'documents.unassigned': { title: 'Document assignment removed', says: ({ before }) => `stopped asking ${text(before.who, 'someone')} to acknowledge “${text(before.name, 'untitled')}”` },
  'documents.acknowledged': { title: 'Policy acknowledged', says: ({ after }) => `acknowledged reading version ${text(after.label, '?')} of “${text(after.name, 'untitled')}”` },
  'documents.reminder_sent': { title: 'Document reminder sent', says: ({ after }) => `e-mailed ${text(after.toName, 'a member')} about “${text(after.name, 'untitled')}”: ${text(after.reason, 'a reminder')}` },
  'training.created': { title: 'Training added', says: ({ after }) => `added the training “${text(after.title, 'untitled')}”` },
  'training.updated': { title: 'Training changed', says: ({ after, before }) => `changed the training “${text(after.title, text(before.title, 'untitled'))}”` },
  'training.deleted': { title: 'Training deleted', says: ({ before }) => `deleted the training “${text(before.title, 'untitled')}”` },
  'training.assigned': { title: 'Training assigned', says: ({ after }) => `assigned the training “${text(after.title, 'untitled')}” to ${text(after.to, 'someone')}` },
  'training.unassigned': { title: 'Training assignment removed', says: ({ before }) => `stopped assigning the training “${text(before.title, 'untitled')}” to ${text(before.to, 'someone')}` },
  'training.completed': { title: 'Training completed', says: ({ after }) => (after.isSelf === true ? 'completed' : `recorded that ${text(after.personName, 'a member')} completed`) + ` the training “${text(after.title, 'untitled')}”` },
  'training.team_created': { title: 'Team added', says: ({ after }) => `added the team “${text(after.name, 'unnamed')}”` },
  'training.team_changed': { title: 'Team membership changed', says: ({ after }) => (after.team ? `put ${text(after.name, 'a member')} in the team “${text(after.team, '')}”` : `took ${text(after.name, 'a member')} out of their team`) },
  'training.reminder_sent': { title: 'Training reminder sent', says: ({ after }) => `e-mailed ${text(after.personName, 'a member')} that the training “${text(after.title, 'untitled')}” is ${after.stage === 'overdue' ? 'overdue' : 'due soon'}` },
} satisfies Record<string, Wording>;
