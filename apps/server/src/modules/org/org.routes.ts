import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { membershipSummary } from '@custodian/shared/contracts/auth.ts';
import { okReply, pageOf, pageQuery, uuidParam } from '@custodian/shared/contracts/common.ts';
import { createInvitationBody, createOrgBody, invitation, member, organisation, outboxMessage, updateMemberBody, updateOrgBody } from '@custodian/shared/contracts/org.ts';
import { AppError } from '@custodian/shared/errors.ts';
import { orgCtx, type AppDeps } from '../../http/context.ts';
import { listOutbox } from '../mail/mail.service.ts';
import { inviteMember, listInvitations, revokeInvitation } from './invitation.service.ts';
import { changeMemberRole, createAnotherOrg, getOrg, listMembers, listMyOrganisations, removeMember, updateOrg } from './org.service.ts';

const tags = ['organisation'];
const pageQuerySchema = z.strictObject(pageQuery);
const userParams = z.strictObject({ userId: uuidParam });
const idParams = z.strictObject({ id: uuidParam });

/** The organisation, its members, invitations and outbox. */
export function orgRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/orgs', {
      config: { access: 'session' },
      schema: { tags, summary: 'Organisations you belong to', response: { 200: z.array(membershipSummary) } },
      handler: async (request) => listMyOrganisations(deps, request.auth.user?.id ?? ''),
    });
    app.post('/orgs', {
      config: { access: 'session' },
      schema: { tags, summary: 'Create another organisation (you become its owner)', body: createOrgBody, response: { 201: organisation } },
      handler: async (request, reply) => {
        const user = request.auth.user;
        if (!user) throw new AppError('unauthenticated', 'Sign in first.');
        return reply.status(201).send(await createAnotherOrg(deps, user, request.body.name, request.id));
      },
    });
    app.get('/org', {
      config: { access: 'org.read' },
      schema: { tags, summary: 'The current organisation', response: { 200: organisation } },
      handler: async (request) => getOrg(orgCtx(request, deps)),
    });
    app.patch('/org', {
      config: { access: 'org.update' },
      schema: { tags, summary: 'Change name, time zone or the MFA requirement', body: updateOrgBody, response: { 200: organisation } },
      handler: async (request) => updateOrg(orgCtx(request, deps), request.body),
    });
    app.get('/members', {
      config: { access: 'members.read' },
      schema: { tags, summary: 'Members of the organisation', querystring: pageQuerySchema, response: { 200: pageOf(member) } },
      handler: async (request) => listMembers(orgCtx(request, deps), request.query.page, request.query.pageSize),
    });
    app.patch('/members/:userId', {
      config: { access: 'members.manage' },
      schema: { tags, summary: "Change a member's role", params: userParams, body: updateMemberBody, response: { 200: member } },
      handler: async (request) => changeMemberRole(orgCtx(request, deps), request.params.userId, request.body.role),
    });
    app.delete('/members/:userId', {
      config: { access: 'members.manage' },
      schema: { tags, summary: 'Remove a member', params: userParams, response: { 200: okReply } },
      handler: async (request) => {
        await removeMember(orgCtx(request, deps), request.params.userId);
        return { ok: true as const };
      },
    });
    app.get('/invitations', {
      config: { access: 'members.invite' },
      schema: { tags, summary: 'Invitations sent', response: { 200: z.array(invitation) } },
      handler: async (request) => listInvitations(orgCtx(request, deps)),
    });
    app.post('/invitations', {
      config: { access: 'members.invite' },
      schema: { tags, summary: 'Invite someone by e-mail', body: createInvitationBody, response: { 201: invitation } },
      handler: async (request, reply) => reply.status(201).send(await inviteMember(orgCtx(request, deps), request.body)),
    });
    app.delete('/invitations/:id', {
      config: { access: 'members.invite' },
      schema: { tags, summary: 'Withdraw an invitation', params: idParams, response: { 200: okReply } },
      handler: async (request) => {
        await revokeInvitation(orgCtx(request, deps), request.params.id);
        return { ok: true as const };
      },
    });
    app.get('/outbox', {
      config: { access: 'outbox.read' },
      schema: { tags, summary: 'E-mail sent or logged for the organisation', querystring: pageQuerySchema, response: { 200: pageOf(outboxMessage) } },
      handler: async (request) => listOutbox(orgCtx(request, deps), request.query.page, request.query.pageSize),
    });
  };
}
