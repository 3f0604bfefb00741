import { controlReasonLabels, type ControlReason } from '../contracts/controls.ts';
import { gapStatusLabels, type GapStatus } from '../contracts/gap.ts';
import { roleLabels, type Role } from '../permissions.ts';
import { certificationFieldLabels, certificationSentences } from './audit-wording-certification.ts';
import { internalAuditSentences } from './audit-wording-audits.ts';
import { planSentences } from './audit-wording-plan.ts';
import { policyAndTrainingSentences } from './audit-wording-policies.ts';
import { text, type Fields, type Wording } from './audit-wording-words.ts';
import { managementReviewSentences } from './audit-wording-reviews.ts';
import { formatAud } from './quote-normaliser.ts';

/**
 * What the audit trail says, in plain words: one sentence per action code the server can write, and
 * every changed field as before → after. The web page and any export read it from here, so a practice
 * manager never sees an action code, an id or JSON.
 */
export interface WordingEvent {
  action: string;
  /** The person who acted, by name. */
  actorName: string;
  /** The item acted on, in words: a control's id and title, a member's name, an address; null when unknown. */
  subject: string | null;
  before: unknown;
  after: unknown;
  /** Names of the people the event mentions by id (owners of gap items). */
  people: Record<string, string>;
}

const roleWord = (value: unknown): string => (typeof value === 'string' && value in roleLabels ? roleLabels[value as Role] : 'an unknown role');

/** "the asset A-0001 Practice management system" from an asset's audit snapshot ("an asset" without one). */
const assetWords = (fields: Fields): string => {
  const words = [text(fields.ref, ''), text(fields.name, '')].filter(Boolean).join(' ');
  return words ? `the asset ${words}` : 'an asset';
};

/** " and signed out of 2 other sessions" (nothing when the count is missing or zero). */
const countEnded = (value: unknown, lead: string): string =>
  typeof value === 'number' && value > 0 ? `${lead.startsWith(',') ? '' : ' '}${lead} ${value} other session${value === 1 ? '' : 's'}` : '';

const signInMethods: Record<string, string> = {
  password: 'with a password',
  totp: 'with a password and a two-step verification code',
  recovery_code: 'with a password and a recovery code',
  passkey: 'with a passkey',
  password_passkey: 'with a password and a passkey',
  sso: "through the organisation's single sign-on",
};

/** The title and sentence of each action the server writes. */
export const auditSentences = {
  'org.created': { title: 'Organisation created', says: ({ subject }) => `created the organisation ${subject}` },
  'org.closed': {
    title: 'Organisation closed',
    says: ({ subject, after }) => {
      // Closed by its last member deleting their account (no reason given), or by Custodian for an unconfirmed sign-up.
      if (after.reason === undefined) return 'closed the organisation by deleting their account as its last member; its records are kept, read-only';
      return `closed the organisation ${subject}: ${after.reason === 'expired' ? 'the e-mail address of the person who created it was never confirmed' : 'the owner of the e-mail address it was created with confirmed a sign-up of their own'}`;
    },
  },
  'org.updated': { title: 'Organisation settings changed', says: () => "changed the organisation's settings" },
  'member.added': { title: 'Member added', says: ({ subject, after }) => `added ${subject} as ${roleWord(after.role)}` },
  'member.role_changed': {
    title: 'Role changed',
    says: ({ subject, before, after }) => `changed the role of ${subject} from ${roleWord(before.role)} to ${roleWord(after.role)}`,
  },
  'member.removed': { title: 'Member removed', says: ({ subject, before }) => `removed ${subject} (${roleWord(before.role)}) from the organisation` },
  'invitation.created': { title: 'Invitation sent', says: ({ after }) => `invited ${text(after.email, 'someone')} to join as ${roleWord(after.role)}` },
  'invitation.revoked': { title: 'Invitation withdrawn', says: ({ before }) => `withdrew the invitation to ${text(before.email, 'someone')}` },
  'invitation.revoked_with_sender': {
    title: 'Invitation withdrawn with its sender',
    says: ({ before, after }) =>
      `withdrew the invitation to ${text(before.email, 'someone')}: the person who sent it ${after.reason === 'sender_removed' ? 'was removed from the organisation' : `can no longer invite people as ${roleWord(before.role)}`}`,
  },
  'invitation.accepted': { title: 'Invitation accepted', says: ({ subject }) => `accepted the invitation sent to ${subject} and joined the organisation` },
  'gap.updated': { title: 'Gap analysis updated', says: ({ subject }) => `updated ${subject} in the gap analysis` },
  'user.signed_in': { title: 'Signed in', says: ({ after }) => `signed in ${signInMethods[text(after.method, 'password')] ?? 'with a password'}` },
  'user.signed_out': { title: 'Signed out', says: () => 'signed out' },
  'user.sign_in_failed': {
    title: 'Sign-in failed',
    says: ({ after }) =>
      `failed to sign in (${typeof after.failures === 'number' ? `${after.failures} failed attempt${after.failures === 1 ? '' : 's'} in a row` : 'wrong password or code'})`,
  },
  'user.locked': { title: 'Account locked', says: () => 'was locked out after too many failed sign-in attempts' },
  'user.email_verified': { title: 'E-mail address confirmed', says: () => 'confirmed their e-mail address' },
  'user.signup_attempted': { title: 'Sign-up tried with this address', says: () => 'had someone try to sign up again with their e-mail address (they were sent a notice or a confirmation link)' },
  'user.email_change_requested': { title: 'E-mail change asked for', says: ({ after }) => `asked to change their e-mail address to ${text(after.email, 'a new address')} (a link was sent there)` },
  'user.email_changed': {
    title: 'E-mail address changed',
    says: ({ before, after }) => `changed their e-mail address from ${text(before.email, 'their old address')} to ${text(after.email, 'a new address')}${countEnded(after.sessionsEnded, 'and was signed out of')}`,
  },
  'user.verification_sent': { title: 'Confirmation link sent again', says: () => 'asked for a new e-mail confirmation link' },
  'user.mfa_enabled': { title: 'Two-step verification turned on', says: () => 'turned on two-step verification' },
  'user.mfa_disabled': { title: 'Authenticator app turned off', says: () => 'turned off the authenticator app for two-step verification' },
  'user.passkey_added': { title: 'Passkey added', says: ({ after }) => `added a passkey named “${text(after.name, 'unnamed')}”` },
  'user.passkey_renamed': { title: 'Passkey renamed', says: ({ before, after }) => `renamed a passkey from “${text(before.name, 'unnamed')}” to “${text(after.name, 'unnamed')}”` },
  'user.passkey_removed': { title: 'Passkey removed', says: ({ before }) => `removed the passkey named “${text(before.name, 'unnamed')}”` },
  'user.recovery_codes_regenerated': { title: 'Recovery codes replaced', says: () => 'made a new set of recovery codes (the old ones no longer work)' },
  'user.password_reset_requested': { title: 'Password reset link asked for', says: () => 'asked for a password reset link by e-mail' },
  'user.password_reset': {
    title: 'Password reset',
    says: ({ after }) => `set a new password from a reset link${countEnded(after.sessionsEnded, 'and was signed out of')}`,
  },
  'user.password_changed': {
    title: 'Password changed',
    says: ({ after }) => `changed their password${countEnded(after.otherSessionsEnded, 'and signed out of')}`,
  },
  'user.signed_out_elsewhere': {
    title: 'Signed out everywhere else',
    says: ({ after }) => `signed out everywhere else${countEnded(after.sessionsEnded, ', ending')}`,
  },
  'user.session_ended': { title: 'Signed out a device', says: ({ after }) => `signed out ${text(after.device, 'another device')}` },
  'user.switched_organisation': { title: 'Switched organisation', says: () => 'switched to working in this organisation' },
  'user.account_deleted': { title: 'Account deleted', says: ({ before }) => `deleted their account and so left the organisation (they were ${roleWord(before.role)})` },
  'member.deidentified': {
    title: 'Former member de-identified',
    says: ({ after }) => `replaced a former member's name and e-mail address with “${text(after.pseudonym, 'a pseudonym')}” throughout the organisation's records`,
  },
  'audit.checkpoint_mailed': { title: 'Checkpoint e-mailed to owners', says: () => 'e-mailed a signed checkpoint of the audit trail to the owners' },
  'sso.settings_changed': {
    title: 'Single sign-on settings changed',
    says: ({ after }) => `changed the single sign-on settings${after.isRequired === true ? ' (single sign-on is required)' : ''}${after.isSecretReplaced === true ? ' and replaced the client secret' : ''}`,
  },
  'sso.domain_added': { title: 'Single sign-on domain added', says: ({ after }) => `added the e-mail domain ${text(after.domain, 'a domain')} for single sign-on` },
  'sso.domain_removed': { title: 'Single sign-on domain removed', says: ({ before }) => `removed the e-mail domain ${text(before.domain, 'a domain')} from single sign-on` },
  'member.joined_by_sso': {
    title: 'Joined through single sign-on',
    says: ({ after }) => `joined the organisation through single sign-on as ${roleWord(after.role)}${after.isNewAccount === true ? ' (a new Custodian account)' : ''}`,
  },
  'api_token.created': { title: 'API token created', says: ({ subject }) => `created ${subject}` },
  'api_token.revoked': { title: 'API token revoked', says: ({ subject, before }) => `revoked ${subject}${typeof before.createdBy === 'string' ? ` (made by ${before.createdBy})` : ''}` },
  // Marketplace quotes (issue 8): the quote builder, messages, the decision and reviews.
  'marketplace.quote_saved': { title: 'Quote saved', says: () => 'saved a draft quote for a marketplace lead' },
  'marketplace.quote_submitted': { title: 'Quote submitted', says: () => 'sent a quote to a requester in the marketplace' },
  'marketplace.quote_withdrawn': { title: 'Quote withdrawn', says: () => 'withdrew a quote sent to a requester in the marketplace' },
  'marketplace.message_sent': { title: 'Marketplace message sent', says: ({ after }) => `sent a message ${after.side === 'provider' ? 'to a requester' : 'to a provider'} in the marketplace` },
  'marketplace.quote_accepted': { title: 'Quote accepted', says: ({ after }) => `accepted the quote of ${text(after.providerName, 'a provider')} and engaged them` },
  'marketplace.review_submitted': { title: 'Review written', says: ({ after }) => `wrote a review of ${text(after.providerName, 'a provider')}, to be published after moderation` },
  'marketplace.review_published': { title: 'Review published', says: () => 'published a review on a provider’s profile' },
  'marketplace.review_rejected': { title: 'Review rejected', says: () => 'rejected a review of a provider' },
  'marketplace_request.created': { title: 'Request for quotes made', says: () => 'asked for quotes through the marketplace (waiting for the marketplace to check it)' },
  'marketplace_request.guest_created': { title: 'Guest request for quotes made', says: () => 'asked for quotes without an account (waiting for the e-mail address to be confirmed)' },
  'marketplace_request.confirmed': { title: 'Guest request confirmed', says: () => 'confirmed their e-mail address, so the request for quotes waits for approval' },
  'marketplace_request.guest_withdrawn': {
    title: 'Unconfirmed guest request withdrawn',
    says: () => 'withdrew a guest request for quotes never confirmed within seven days, and removed who sent it',
  },
  'marketplace_request.approved': { title: 'Request for quotes approved', says: () => 'approved a request for quotes and sent it to matched providers' },
  'marketplace_request.rejected': { title: 'Request for quotes not sent', says: ({ after }) => `decided not to send a request for quotes (${text(after.reason, 'no reason given')})` },
  'marketplace_lead.offered': { title: 'Request offered to a provider', says: ({ after }) => `offered a request for quotes to a provider (${text(after.lane, 'a lane')}, rank ${typeof after.rank === 'number' ? after.rank : '?'})` },
  'marketplace_lead.accepted': { title: 'Lead accepted', says: () => 'accepted a request for quotes (a quote will follow)' },
  'marketplace_lead.declined': { title: 'Lead declined', says: ({ after }) => `declined a request for quotes (${text(after.reason, 'no reason given')})` },
  'marketplace_lead.expired': { title: 'Lead passed on', says: () => 'passed a request for quotes on to the next provider: the provider did not answer in time' },
  'marketplace_lead.identity_revealed': { title: 'Details shown to a provider', says: () => 'showed their name, e-mail address and organisation to one provider' },
  'provider.profile_created': { title: 'Provider profile created', says: ({ after }) => `created the marketplace profile ${text(after.displayName, 'of a provider')}` },
  'provider.profile_updated': { title: 'Provider profile changed', says: () => "changed the provider's marketplace profile" },
  'provider.accreditation_added': { title: 'Accreditation added', says: ({ after }) => `added the ${text(after.subject, 'accreditation')}` },
  'provider.accreditation_updated': { title: 'Accreditation changed', says: ({ before }) => `changed the ${text(before.subject, 'accreditation')}` },
  'provider.accreditation_removed': { title: 'Accreditation removed', says: ({ before }) => `removed the ${text(before.subject, 'accreditation')}` },
  'provider.affiliation_added': { title: 'Affiliation recorded', says: ({ after }) => `recorded a tie with ${text(after.consultancy, 'a consultancy')} in the affiliation register` },
  'provider.affiliation_updated': { title: 'Affiliation changed', says: ({ before }) => `changed the recorded tie with ${text(before.consultancy, 'a consultancy')}` },
  'provider.affiliation_removed': { title: 'Affiliation removed', says: ({ before }) => `removed the recorded tie with ${text(before.consultancy, 'a consultancy')}` },
  'provider.verified': { title: 'Provider claim verified', says: ({ after }) => `verified the ${text(after.claim, 'claim').replace(/^Profile$/, 'profile')} of ${text(after.provider, 'a provider')}` },
  'provider.verification_revoked': { title: 'Verification withdrawn', says: ({ before }) => `withdrew the verification of the ${text(before.claim, 'claim').toLowerCase()} of ${text(before.provider, 'a provider')}` },
  'provider.suspended': { title: 'Provider suspended', says: ({ after }) => `suspended ${text(after.provider, 'a provider')}: ${text(after.reason, 'no reason given')}` },
  'provider.reinstated': { title: 'Provider reinstated', says: ({ before }) => `reinstated ${text(before.provider, 'a provider')}` },
  'platform_operator.granted': { title: 'Platform operator added', says: ({ after }) => `made ${text(after.email, 'a person')} the platform operator (from the command line)` },
  'platform_operator.revoked': { title: 'Platform operator removed', says: ({ before }) => `removed the platform operator role from ${text(before.email, 'a person')} (from the command line)` },
  'scope.item_added': { title: 'Scope entry added', says: ({ after }) => `added the ${text(after.part, 'entry').toLowerCase()} “${text(after.name, 'unnamed')}” to the context and scope` },
  'scope.item_changed': { title: 'Scope entry changed', says: ({ before }) => `changed the ${text(before.part, 'entry').toLowerCase()} “${text(before.name, 'unnamed')}” in the context and scope` },
  'scope.item_removed': { title: 'Scope entry removed', says: ({ before }) => `removed the ${text(before.part, 'entry').toLowerCase()} “${text(before.name, 'unnamed')}” from the context and scope` },
  'scope.summary_changed': { title: 'Scope summary changed', says: () => 'changed the summary of the scope statement' },
  'scope.approved': { title: 'Scope statement approved', says: ({ after }) => `approved revision ${typeof after.revision === 'number' ? after.revision : '?'} of the scope statement` },
  'asset.created': { title: 'Asset added', says: ({ after }) => `added ${assetWords(after)} to the register` },
  'asset.updated': { title: 'Asset changed', says: ({ after }) => `changed ${assetWords(after)}` },
  'asset.deleted': { title: 'Asset deleted', says: ({ before }) => `deleted ${assetWords(before)} and its links` },
  'asset.linked': { title: 'Assets linked', says: ({ after }) => `recorded that ${text(after.from, 'an asset')} ${text(after.relation, 'is linked to')} ${text(after.to, 'another asset')}` },
  'asset.unlinked': {
    title: 'Asset link removed',
    says: ({ before }) => `removed the link “${text(before.from, 'an asset')} ${text(before.relation, 'is linked to')} ${text(before.to, 'another asset')}”`,
  },
  'asset.scheme_changed': { title: 'Classification scheme changed', says: () => "changed the organisation's classification scheme for assets" },
  'risk.created': { title: 'Risk added', says: ({ subject }) => `added the risk ${subject}` },
  'risk.updated': { title: 'Risk changed', says: ({ subject }) => `changed the risk ${subject}` },
  'risk.deleted': { title: 'Risk deleted', says: ({ subject }) => `deleted the risk ${subject}` },
  'risk.accepted': {
    title: 'Residual risk accepted',
    says: ({ subject, after }) =>
      `formally accepted the residual risk of ${subject} at ${text(after.levelLabel, 'its level')}${after.isAboveAppetite === true ? ', above the risk appetite' : ''}`,
  },
  'risk.acceptance_withdrawn': {
    title: 'Risk acceptance withdrawn',
    says: ({ subject, after }) => `withdrew the acceptance of ${subject}: ${text(after.reason, 'its residual score changed')}`,
  },
  'risk_task.added': { title: 'Treatment task added', says: ({ subject, after }) => `added the treatment task "${text(after.task, 'a task')}" to ${subject}` },
  'risk_task.updated': { title: 'Treatment task changed', says: ({ subject, after, before }) => `changed the treatment task "${text(after.task ?? before.task, 'a task')}" of ${subject}` },
  'risk_task.removed': { title: 'Treatment task removed', says: ({ subject, before }) => `removed the treatment task "${text(before.task, 'a task')}" from ${subject}` },
  'risk.review_reminder_sent': {
    title: 'Risk review reminder sent',
    says: ({ subject, after }) => `sent ${text(after.ownerName, 'the owner')} a reminder to review ${subject} (due ${text(after.reviewOn, 'soon')})`,
  },
  'risk_method.changed': {
    title: 'Risk method changed',
    says: ({ after }) => {
      const moved = typeof after.movedCount === 'number' ? after.movedCount : 0;
      return `changed the risk method to version ${String(after.version ?? '')} and re-scored the register: ${moved} risk${moved === 1 ? '' : 's'} moved`;
    },
  },
  'register.imported': {
    title: 'Register imported',
    says: ({ after }) => {
      const nouns = [
        [after.assets, 'asset', 'assets'],
        [after.assetLinks, 'link between assets', 'links between assets'],
        [after.risks, 'risk', 'risks'],
        [after.treatmentTasks, 'treatment task', 'treatment tasks'],
      ] as const;
      const parts = nouns.flatMap(([count, one, many]) => (typeof count === 'number' && count > 0 ? [`${count.toLocaleString('en-AU')} ${count === 1 ? one : many}`] : []));
      const listed = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1] ?? ''}` : (parts[0] ?? 'nothing');
      return `imported ${listed} from the file ${text(after.fileName, 'uploaded')}`;
    },
  },
  'control.created': { title: 'Control added', says: ({ subject }) => `added ${subject} to the controls register` },
  'control.updated': { title: 'Control changed', says: ({ subject }) => `changed ${subject} in the controls register` },
  'control.deleted': { title: 'Control deleted', says: ({ subject }) => `deleted ${subject} from the controls register` },
  'soa.approved': {
    title: 'Statement of Applicability approved',
    says: ({ after }) => `approved version ${typeof after.version === 'number' ? after.version : '?'} of the Statement of Applicability`,
  },
  'evidence.created': { title: 'Evidence added', says: ({ after }) => `added the evidence “${text(after.title, 'untitled')}”` },
  'evidence.updated': { title: 'Evidence changed', says: ({ after, before }) => `changed the evidence “${text(after.title, text(before.title, 'untitled'))}”` },
  'evidence.deleted': { title: 'Evidence deleted', says: ({ before }) => `deleted the evidence “${text(before.title, 'untitled')}” and its links` },
  'evidence.linked': { title: 'Evidence linked', says: ({ after }) => `recorded “${text(after.title, 'an item')}” as evidence of ${text(after.target, 'an item')}` },
  'evidence.unlinked': { title: 'Evidence link removed', says: ({ before }) => `removed “${text(before.title, 'an item')}” as evidence of ${text(before.target, 'an item')}` },
  'evidence.reminder_sent': {
    title: 'Evidence reminder sent',
    says: ({ after }) => `e-mailed ${text(after.ownerName, 'the owner')} that the evidence “${text(after.title, 'untitled')}” ${after.threshold === 'expired' ? 'has expired' : 'expires soon'}`,
  },
  ...certificationSentences,
  ...managementReviewSentences,
  ...internalAuditSentences,
  ...policyAndTrainingSentences,
  ...planSentences,
  // new-module: audit sentences (npm run new-module adds a module's actions above this line)
} satisfies Record<string, Wording>;

/** Every action code the server may record (the compiler refuses any other). */
export type AuditAction = keyof typeof auditSentences;

export function isAuditAction(action: string): action is AuditAction {
  return Object.hasOwn(auditSentences, action);
}

function asFields(value: unknown): Fields {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : {};
}

/** "Dr Jane Lee changed the role of Sam Park from Staff to Owner." */
export function auditSentence(event: WordingEvent): string {
  const subject = event.subject ?? 'an item that no longer exists';
  const phrase = isAuditAction(event.action)
    ? auditSentences[event.action].says({ subject, before: asFields(event.before), after: asFields(event.after) })
    : `made a change to ${subject}`;
  return `${event.actorName} ${phrase}.`;
}

const fieldLabels: Record<string, string> = {
  ...certificationFieldLabels,
  status: 'Status',
  ownerUserId: 'Owner',
  targetDate: 'Target date',
  notes: 'Notes',
  justification: 'Reason it does not apply',
  part: 'Part of the scope',
  requirements: 'Requirements',
  summary: 'Summary',
  role: 'Role',
  name: 'Name',
  email: 'E-mail address',
  pseudonym: 'Now shown as',
  invitationsWithdrawn: 'Invitations withdrawn',
  timeZone: 'Time zone',
  isMfaRequired: 'Two-step verification required for everyone',
  issuer: 'Single sign-on provider address',
  clientId: 'Single sign-on client id',
  isRequired: 'Single sign-on required',
  isJitEnabled: 'New people join on their first single sign-on',
  jitRole: 'Role of people who join through single sign-on',
  isSecretReplaced: 'Client secret replaced',
  permissions: 'What it may do',
  expiresOn: 'Expires on',
  totalCents: 'Three-year total',
  valueCents: 'Value',
  validUntil: 'Valid until',
  displayName: 'Name in the directory',
  slug: 'Directory address',
  isRemote: 'Works remotely',
  isPublished: 'Shown in the directory',
  dayRateMinCents: 'Lowest day rate (cents)',
  dayRateMaxCents: 'Highest day rate (cents)',
  capacityPerMonth: 'New engagements a month',
  commissionPercent: 'Referral commission (%)',
  isIafMember: 'Body is an IAF member',
  lapsesOn: 'Valid until',
  verifiedOn: 'Verified on',
  ref: 'Reference',
  assetKind: 'Kind of asset',
  classification: 'Classification',
  levels: 'Levels',
  inherent: 'Inherent risk',
  current: 'Current risk',
  residual: 'Residual risk',
  treatment: 'Treatment',
  treatmentNotes: 'Treatment notes',
  nextReviewOn: 'Next review',
  assets: 'Assets',
  controls: 'Annex A controls',
  dueOn: 'Due',
  task: 'Task',
  levelLabel: 'Accepted level',
  isAboveAppetite: 'Above the risk appetite',
  fileName: 'File',
  url: 'Web address',
  note: 'Note',
  target: 'Evidence of',
  kind: 'Kind',
  fileSha256: 'File fingerprint (SHA-256)',
  rows: 'Rows read',
  assetLinks: 'Links between assets',
  reasons: 'Reasons for including it',
  implementation: 'How it is implemented',
  noEvidenceReason: 'Why there is no evidence',
  checksum: 'Fingerprint of the approved statement (SHA-256)',
};

/** Fields that are bookkeeping, never shown as a change. */
const hiddenFields = new Set(['orgId', 'version', 'createdAt', 'isDemo', 'method', 'failures', 'lockedUntil', 'reason', 'scopes', 'pseudonymNo']);

/** A calendar date as the rest of Custodian shows it: dd/mm/yyyy (the stored date, no time-zone shift). */
const auDate = new Intl.DateTimeFormat('en-AU', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });

function valueWords(field: string, value: unknown, people: Record<string, string>): string {
  if (value === null || value === undefined || value === '') return 'none';
  if (field === 'status' && typeof value === 'string' && value in gapStatusLabels) return gapStatusLabels[value as GapStatus];
  if (field === 'role' || field === 'jitRole') return roleWord(value);
  if (field === 'reasons' && Array.isArray(value)) return value.map((reason) => (typeof reason === 'string' && reason in controlReasonLabels ? controlReasonLabels[reason as ControlReason] : 'another reason')).join('; ') || 'none';
  if (field === 'ownerUserId' && typeof value === 'string') return people[value] ?? 'a former member';
  if (field.endsWith('Cents') && typeof value === 'number') return formatAud(value);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return auDate.format(new Date(`${value}T00:00:00Z`));
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return 'a list of values';
}

function labelOf(field: string): string {
  return (
    fieldLabels[field] ??
    field
      .replace(/([A-Z])/g, ' $1')
      .replace(/^./, (c) => c.toUpperCase())
      .replace(/ ([A-Z])/g, (_m, c: string) => ` ${c.toLowerCase()}`)
  );
}

export interface FieldChange {
  field: string;
  before: string | null;
  after: string;
}

/** The fields an event changed, each as before → after in words (before is null for a new record). */
export function auditChanges(event: Pick<WordingEvent, 'before' | 'after' | 'people'>): FieldChange[] {
  // A removal's sentence says what went; there are no fields left to compare.
  if (event.after === null || event.after === undefined) return [];
  const before = event.before === null || event.before === undefined ? null : asFields(event.before);
  const after = asFields(event.after);
  const changes: FieldChange[] = [];
  // Known fields in a fixed order (the database keeps JSON keys in its own order), then any others.
  const order = Object.keys(fieldLabels);
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  const fields = Object.keys({ ...before, ...after }).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  for (const field of fields) {
    if (hiddenFields.has(field)) continue;
    const was = before ? valueWords(field, before[field], event.people) : null;
    const now = field in after ? valueWords(field, after[field], event.people) : 'removed';
    // A new record lists what it was given; empty fields say nothing.
    if (was === null && now === 'none') continue;
    if (was !== now) changes.push({ field: labelOf(field), before: was, after: now });
  }
  return changes;
}
