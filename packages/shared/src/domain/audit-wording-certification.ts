/** What the audit trail says about the certification cycle (spread into `audit-wording.ts`). */
type Fields = Record<string, unknown>;
type Phrase = (e: { subject: string; before: Fields; after: Fields }) => string;

const text = (value: unknown, fallback: string): string => (typeof value === 'string' && value !== '' ? value : fallback);

/** "the certificate IS 123456", or "the certificate being worked towards" before it has a number. */
const certificateWords = (fields: Fields): string => {
  const number = text(fields.number ?? fields.certificate, '');
  return number ? `the certificate ${number}` : 'the certificate being worked towards';
};

export const certificationSentences = {
  'certification.certificate_added': { title: 'Certificate recorded', says: (({ after }) => `recorded ${certificateWords(after)} as the current certificate`) as Phrase },
  'certification.certificate_changed': { title: 'Certificate changed', says: (({ after }) => `changed ${certificateWords(after)}`) as Phrase },
  'certification.certificate_made_current': { title: 'Current certificate changed', says: (({ after }) => `made ${certificateWords(after)} the current certificate`) as Phrase },
  'certification.certificate_deleted': { title: 'Certificate deleted', says: (({ before }) => `deleted ${certificateWords(before)} and its audit dates`) as Phrase },
  'certification.audit_changed': {
    title: 'Certification audit updated',
    says: (({ after }) => `updated the ${text(after.audit, 'certification audit')} of ${certificateWords(after)}`) as Phrase,
  },
};

export const certificationFieldLabels: Record<string, string> = {
  number: 'Certificate number',
  bodyName: 'Certification body',
  engagement: 'Marketplace engagement',
  scope: 'Scope',
  issuedOn: 'Issued on',
  plannedOn: 'Planned for',
  heldOn: 'Held on',
  outcome: 'Outcome',
  audit: 'Audit',
  certificate: 'Certificate',
  replaces: 'Replaces',
  isCurrent: 'Current certificate',
};
