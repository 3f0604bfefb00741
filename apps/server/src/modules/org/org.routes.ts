import { orgApi } from '@custodian/shared/contracts/org.ts';
import { defineRoute } from '../../http/route-kit.ts';
import { listOutbox } from '../mail/mail.service.ts';
import { deidentifyFormerMember, listFormerMembers } from './former-members.service.ts';
import { inviteMember, listInvitations, revokeInvitation } from './invitation.service.ts';
import { changeMemberRole, createAnotherOrg, getOrg, listMembers, listMyOrganisations, removeMember, updateOrg } from './org.service.ts';

const ok = { ok: true as const };

/** The organisation, its members, invitations and outbox. */
export const orgRoutes = [
  defineRoute(orgApi.mine, { handler: (ctx, { query }) => listMyOrganisations(ctx, query) }),
  defineRoute(orgApi.create, { handler: (ctx, { body }) => createAnotherOrg(ctx, body.name) }),
  defineRoute(orgApi.get, { handler: (ctx) => getOrg(ctx) }),
  defineRoute(orgApi.update, { handler: (ctx, { body }) => updateOrg(ctx, body) }),
  defineRoute(orgApi.members, { handler: (ctx, { query }) => listMembers(ctx, query) }),
  defineRoute(orgApi.changeRole, { handler: (ctx, { params, body }) => changeMemberRole(ctx, params.userId, body) }),
  defineRoute(orgApi.removeMember, { handler: async (ctx, { params }) => (await removeMember(ctx, params.userId), ok) }),
  defineRoute(orgApi.invitations, { handler: (ctx, { query }) => listInvitations(ctx, query) }),
  defineRoute(orgApi.invite, { handler: (ctx, { body }) => inviteMember(ctx, body) }),
  defineRoute(orgApi.revokeInvitation, { handler: async (ctx, { params }) => (await revokeInvitation(ctx, params.id), ok) }),
  defineRoute(orgApi.formerMembers, { handler: (ctx, { query }) => listFormerMembers(ctx, query) }),
  defineRoute(orgApi.deidentify, { handler: (ctx, { params }) => deidentifyFormerMember(ctx, params.userId) }),
  defineRoute(orgApi.outbox, { handler: (ctx, { query }) => listOutbox(ctx, query) }),
];
