/**
 * The audit trail's words for internal audits and nonconformities (spread into `auditSentences` in
 * audit-wording.ts, which holds the rest).
 */
type Fields = Record<string, unknown>;
type Phrase = (e: { subject: string; before: Fields; after: Fields }) => string;

const text = (value: unknown, fallback: string): string => (typeof value === 'string' && value !== '' ? value : fallback);
const findingWords: Record<string, string> = {
  major: 'major nonconformity',
  minor: 'minor nonconformity',
  observation: 'observation',
  improvement: 'opportunity for improvement',
};
const findingWord = (value: unknown): string => (typeof value === 'string' ? (findingWords[value] ?? 'finding') : 'finding');

export const internalAuditSentences = {
  'audits.created': { title: 'Internal audit planned', says: ({ after }) => `planned the internal audit “${text(after.title, 'untitled')}”` },
  'audits.updated': {
    title: 'Internal audit changed',
    says: ({ after, before }) => `changed the internal audit “${text(after.title, text(before.title, 'untitled'))}”`,
  },
  'audits.completed': {
    title: 'Internal audit completed',
    says: ({ after }) => `completed the internal audit “${text(after.title, 'untitled')}” and issued its report`,
  },
  'audits.deleted': { title: 'Internal audit deleted', says: ({ before }) => `deleted the planned internal audit “${text(before.title, 'untitled')}”` },
  'audits.checklist_recorded': {
    title: 'Audit checklist recorded',
    says: ({ after }) => `recorded the audit checklist line ${text(after.ref, 'an item')} as ${text(after.result, 'not checked').replace(/_/g, ' ')}`,
  },
  'audits.finding_added': {
    title: 'Audit finding recorded',
    says: ({ after }) => `recorded a finding (${findingWord(after.type)})${after.ref ? ` on ${text(after.ref, '')}` : ''}: “${text(after.description, '')}”`,
  },
  'nonconformities.raised': {
    title: 'Nonconformity raised',
    says: ({ after }) => `raised the nonconformity ${text(after.ref, '')} “${text(after.title, 'untitled')}”`,
  },
  'nonconformities.updated': { title: 'Nonconformity changed', says: ({ after }) => `changed the nonconformity “${text(after.title, 'untitled')}”` },
  'nonconformities.action_added': {
    title: 'Corrective action added',
    says: ({ after }) => `added a corrective action to ${text(after.ref, 'a nonconformity')}: “${text(after.description, '')}”`,
  },
  'nonconformities.action_updated': {
    title: 'Corrective action changed',
    says: ({ after, before }) =>
      after.completedOn && !before.completedOn
        ? `completed a corrective action of ${text(after.ref, 'a nonconformity')}`
        : `changed a corrective action of ${text(after.ref, 'a nonconformity')}`,
  },
  'nonconformities.reviewed': {
    title: 'Effectiveness reviewed',
    says: ({ after }) =>
      after.isEffective === true
        ? `found the corrective actions of “${text(after.title, 'a nonconformity')}” effective and closed it`
        : `found the corrective actions of “${text(after.title, 'a nonconformity')}” not effective and reopened it`,
  },
  'nonconformities.reminder_sent': {
    title: 'Corrective action reminder sent',
    says: ({ after }) => `e-mailed ${text(after.ownerName, 'the owner')} that a corrective action of ${text(after.ref, 'a nonconformity')} is overdue`,
  },
} satisfies Record<string, { title: string; says: Phrase }>;
