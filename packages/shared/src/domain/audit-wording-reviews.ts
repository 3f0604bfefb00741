/**
 * The audit trail's words for management reviews (spread into `auditSentences` in audit-wording.ts,
 * which holds the rest).
 */
type Fields = Record<string, unknown>;
type Phrase = (e: { subject: string; before: Fields; after: Fields }) => string;

const text = (value: unknown, fallback: string): string => (typeof value === 'string' && value !== '' ? value : fallback);

/** Management review (issue 11): the meeting, its inputs, decisions and actions. */
export const managementReviewSentences = {
  'management_reviews.created': {
    title: 'Management review prepared',
    says: ({ after }) => `prepared the management review “${text(after.title, 'untitled')}” and filled in its inputs from the records`,
  },
  'management_reviews.updated': {
    title: 'Management review changed',
    says: ({ after, before }) => `changed the management review “${text(after.title, text(before.title, 'untitled'))}”`,
  },
  'management_reviews.refreshed': {
    title: 'Management review inputs read again',
    says: ({ after }) => `read the inputs of the management review “${text(after.title, 'untitled')}” again from the records`,
  },
  'management_reviews.held': {
    title: 'Management review held',
    says: ({ after }) => `recorded the management review “${text(after.title, 'untitled')}” as held and froze its inputs`,
  },
  'management_reviews.approved': {
    title: 'Management review minutes approved',
    says: ({ after }) => `approved the minutes of the management review “${text(after.title, 'untitled')}”`,
  },
  'management_reviews.deleted': {
    title: 'Management review deleted',
    says: ({ before }) => `deleted the planned management review “${text(before.title, 'untitled')}”`,
  },
  'management_reviews.input_noted': {
    title: 'Management review notes changed',
    says: ({ after }) => `changed the notes on “${text(after.input, 'an input')}” of the management review “${text(after.title, 'untitled')}”`,
  },
  'management_reviews.action_added': {
    title: 'Management review action added',
    says: ({ after }) => `added the action “${text(after.title, 'untitled')}” to the management review “${text(after.review, 'untitled')}”`,
  },
  'management_reviews.action_updated': {
    title: 'Management review action changed',
    says: ({ after, before }) =>
      `changed the action “${text(after.title, text(before.title, 'untitled'))}” of the management review “${text(after.review, 'untitled')}”`,
  },
  'management_reviews.action_deleted': {
    title: 'Management review action deleted',
    says: ({ before }) => `deleted the action “${text(before.title, 'untitled')}” of the management review “${text(before.review, 'untitled')}”`,
  },
} satisfies Record<string, { title: string; says: Phrase }>;
