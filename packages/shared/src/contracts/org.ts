import { z } from 'zod';
import { roles } from '../permissions.ts';
import { apiRoute } from './api-route.ts';
import { okReply, recordVersion, singleLineName, uuidParam } from './common.ts';
import { listOf, listQuery } from './list.ts';

export const organisation = z.object({
  orgId: z.uuid(),
  name: z.string(),
  timeZone: z.string(),
  isMfaRequired: z.boolean(),
  isDemo: z.boolean(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type Organisation = z.infer<typeof organisation>;

export const timeZoneName = z
  .string()
  .max(64)
  .refine((tz) => Intl.supportedValuesOf('timeZone').includes(tz), { message: 'must be an IANA time zone such as Australia/Sydney' });

/** An organisation's name, as its settings and 'create another organisation' take it. */
const organisationName = singleLineName(2, 160).describe('the organisation’s name');

export const updateOrgBody = z.strictObject({
  version: recordVersion,
  name: organisationName.optional(),
  timeZone: timeZoneName.optional(),
  isMfaRequired: z.boolean().optional(),
});
export type UpdateOrgBody = z.input<typeof updateOrgBody>;

export const createOrgBody = z.strictObject({ name: organisationName });

export const member = z.object({
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.enum(roles),
  hasMfa: z.boolean(),
  joinedAt: z.string(),
  version: z.number().int(),
});
export type Member = z.infer<typeof member>;

export const memberListQuery = listQuery({
  sorts: ['name', 'email', 'role', 'joinedAt'],
  sort: 'name',
  filters: {
    role: z.enum(roles).optional(),
    q: z.string().trim().max(200).optional(),
  },
});
export type MemberListQuery = z.infer<typeof memberListQuery>;

export const updateMemberBody = z.strictObject({ version: recordVersion, role: z.enum(roles) });

export const invitationStatuses = ['pending', 'accepted', 'revoked', 'expired'] as const;

export const invitation = z.object({
  id: z.uuid(),
  email: z.string(),
  role: z.enum(roles),
  expiresAt: z.string(),
  status: z.enum(invitationStatuses),
  createdAt: z.string(),
});
export type Invitation = z.infer<typeof invitation>;

/**
 * The reply to a new invitation: the invitation, and whether an e-mail goes out ('email', over SMTP)
 * or Custodian has no mail server and only recorded the message in the Outbox ('outbox_only').
 */
export const sentInvitation = invitation.extend({ delivery: z.enum(['email', 'outbox_only']) });
export type SentInvitation = z.infer<typeof sentInvitation>;

export const invitationListQuery = listQuery({
  sorts: ['createdAt', 'email'],
  sort: 'createdAt',
  order: 'desc',
  filters: { status: z.enum(invitationStatuses).optional() },
});

export const createInvitationBody = z.strictObject({
  email: z
    .email({ message: 'must be a valid e-mail address' })
    .max(254)
    .transform((v) => v.toLowerCase()),
  role: z.enum(roles),
});

export const outboxStatuses = ['pending', 'sent', 'logged', 'failed'] as const;

export const outboxMessage = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  status: z.enum(outboxStatuses),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type OutboxMessage = z.infer<typeof outboxMessage>;

export const outboxListQuery = listQuery({ sorts: ['createdAt'], sort: 'createdAt', order: 'desc', filters: { status: z.enum(outboxStatuses).optional() } });

export const departureReasons = ['removed', 'account_deleted'] as const;

/** Someone who has left the organisation, as it knew them (or their pseudonym once de-identified). */
export const formerMember = z.object({
  userId: z.uuid(),
  name: z.string(),
  /** Null once de-identified. */
  email: z.string().nullable(),
  role: z.enum(roles),
  leftAt: z.string(),
  reason: z.enum(departureReasons),
  isDeidentified: z.boolean(),
  deidentifiedAt: z.string().nullable(),
});
export type FormerMember = z.infer<typeof formerMember>;

export const formerMemberListQuery = listQuery({ sorts: ['leftAt'], sort: 'leftAt', order: 'desc', filters: {} });

export const myOrganisation = z.object({ orgId: z.uuid(), name: z.string(), role: z.enum(roles), isDemo: z.boolean() });

export const myOrganisationListQuery = listQuery({ sorts: ['name'], sort: 'name', filters: {} });

const userParams = z.strictObject({ userId: uuidParam });
const idParams = z.strictObject({ id: uuidParam });
const tag = 'organisation';

/** The organisation, its members, invitations and outbox. */
export const orgApi = {
  mine: apiRoute({ method: 'GET', path: '/orgs', access: 'session', tag, summary: 'Organisations you belong to', query: myOrganisationListQuery, reply: listOf(myOrganisation) }),
  create: apiRoute({ method: 'POST', path: '/orgs', access: 'session', tag, summary: 'Create another organisation (you become its owner)', body: createOrgBody, reply: organisation, status: 201 }),
  get: apiRoute({ method: 'GET', path: '/org', access: 'org.read', tag, summary: 'The current organisation', reply: organisation }),
  update: apiRoute({
    method: 'PATCH',
    path: '/org',
    access: 'org.update',
    tag,
    summary: 'Change name, time zone or the MFA requirement (send the version you read)',
    body: updateOrgBody,
    reply: organisation,
  }),
  members: apiRoute({ method: 'GET', path: '/members', access: 'members.read', tag, summary: 'Members of the organisation', query: memberListQuery, reply: listOf(member) }),
  changeRole: apiRoute({ method: 'PATCH', path: '/members/:userId', access: 'members.manage', tag, summary: "Change a member's role", params: userParams, body: updateMemberBody, reply: member }),
  removeMember: apiRoute({ method: 'DELETE', path: '/members/:userId', access: 'members.manage', tag, summary: 'Remove a member', params: userParams, reply: okReply }),
  invitations: apiRoute({ method: 'GET', path: '/invitations', access: 'members.invite', tag, summary: 'Invitations sent', query: invitationListQuery, reply: listOf(invitation) }),
  invite: apiRoute({ method: 'POST', path: '/invitations', access: 'members.invite', tag, summary: 'Invite someone by e-mail', body: createInvitationBody, reply: sentInvitation, status: 201 }),
  revokeInvitation: apiRoute({ method: 'DELETE', path: '/invitations/:id', access: 'members.invite', tag, summary: 'Withdraw an invitation', params: idParams, reply: okReply }),
  formerMembers: apiRoute({ method: 'GET', path: '/former-members', access: 'members.manage', tag, summary: 'People who have left the organisation', query: formerMemberListQuery, reply: listOf(formerMember) }),
  deidentify: apiRoute({
    method: 'POST',
    path: '/former-members/:userId/deidentify',
    access: 'members.manage',
    tag,
    summary: "Replace a former member's name and e-mail address with a pseudonym in the organisation's records",
    params: userParams,
    reply: formerMember,
  }),
  outbox: apiRoute({ method: 'GET', path: '/outbox', access: 'outbox.read', tag, summary: 'E-mail sent or logged for the organisation', query: outboxListQuery, reply: listOf(outboxMessage) }),
};
