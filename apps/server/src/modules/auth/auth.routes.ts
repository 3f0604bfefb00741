import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  acceptInvitationBody,
  acceptInvitationReply,
  invitationPreviewQuery,
  invitationPreviewReply,
  mfaConfirmBody,
  loginBody,
  loginReply,
  mfaCodeBody,
  mfaSetupReply,
  recoveryCodesReply,
  resendVerificationBody,
  sessionReply,
  signUpBody,
  signUpReply,
  switchOrgBody,
  verifyEmailBody,
} from '@custodian/shared/contracts/auth.ts';
import { okReply } from '@custodian/shared/contracts/common.ts';
import { baseCtx, type AppDeps } from '../../http/context.ts';
import { logIn, logOut, resendVerification, signUp, verifyEmail } from './auth.service.ts';
import { acceptInvitation, describeInvitation, switchOrganisation } from './invitation-accept.service.ts';
import { completeMfaChallenge, confirmMfa, regenerateRecoveryCodes, setUpMfa } from './mfa.service.ts';
import { describeSession, issueCsrfToken, resolveAuth } from './session.service.ts';

const tags = ['auth'];

/** Sign-up, e-mail verification, sign-in with MFA, sessions and switching organisation. */
export function authRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const strict = { rateLimit: { max: deps.config.authRateLimitPerMinute, timeWindow: '1 minute' } };
  return async (app) => {
    app.get('/auth/session', {
      config: { access: 'public' },
      schema: { tags, summary: 'The current session, with a fresh CSRF token', response: { 200: sessionReply } },
      handler: async (request, reply) => describeSession(deps, request.auth, issueCsrfToken(deps, reply, request.auth.session?.idHash ?? null)),
    });
    app.post('/auth/signup', {
      config: { access: 'public', ...strict },
      schema: { tags, summary: 'Create an account and its organisation', body: signUpBody, response: { 201: signUpReply } },
      handler: async (request, reply) => {
        const { email } = await signUp(baseCtx(request, deps), request.body);
        return reply.status(201).send({ status: 'verification_sent', email });
      },
    });
    app.post('/auth/verify-email', {
      config: { access: 'public', ...strict },
      schema: { tags, summary: 'Confirm an e-mail address', body: verifyEmailBody, response: { 200: okReply } },
      handler: async (request) => {
        await verifyEmail(baseCtx(request, deps), request.body.token);
        return { ok: true as const };
      },
    });
    app.post('/auth/resend-verification', {
      config: { access: 'public', ...strict },
      schema: { tags, summary: 'Send a new confirmation link', body: resendVerificationBody, response: { 200: okReply } },
      handler: async (request) => {
        await resendVerification(baseCtx(request, deps), request.body.email);
        return { ok: true as const };
      },
    });
    app.post('/auth/login', {
      config: { access: 'public', ...strict },
      schema: { tags, summary: 'Sign in with e-mail and password', body: loginBody, response: { 200: loginReply } },
      handler: async (request, reply) => logIn(baseCtx(request, deps), reply, request.body, request.auth),
    });
    app.post('/auth/mfa/challenge', {
      config: { access: 'mfa_pending', ...strict },
      schema: { tags, summary: 'Second sign-in step: authenticator or recovery code', body: mfaCodeBody, response: { 200: loginReply } },
      handler: async (request, reply) => completeMfaChallenge(baseCtx(request, deps), reply, request.auth, request.body),
    });
    app.post('/auth/logout', {
      config: { access: 'public' },
      schema: { tags, summary: 'Sign out', response: { 200: okReply } },
      handler: async (request, reply) => {
        await logOut(baseCtx(request, deps), reply, request.auth);
        issueCsrfToken(deps, reply, null);
        return { ok: true as const };
      },
    });
    app.post('/auth/mfa/setup', {
      config: { access: 'session', ...strict },
      schema: { tags, summary: 'Start authenticator app enrolment', response: { 200: mfaSetupReply } },
      handler: async (request) => setUpMfa(baseCtx(request, deps), request.auth),
    });
    app.post('/auth/mfa/confirm', {
      config: { access: 'session', ...strict },
      schema: { tags, summary: 'Confirm enrolment; returns ten recovery codes once', body: mfaConfirmBody, response: { 200: recoveryCodesReply } },
      handler: async (request) => confirmMfa(baseCtx(request, deps), request.auth, request.body.code),
    });
    app.post('/auth/mfa/recovery-codes', {
      config: { access: 'session', ...strict },
      schema: { tags, summary: 'Replace the recovery codes', body: mfaConfirmBody, response: { 200: recoveryCodesReply } },
      handler: async (request) => regenerateRecoveryCodes(baseCtx(request, deps), request.auth, request.body.code),
    });
    app.post('/auth/switch-org', {
      config: { access: 'session' },
      schema: { tags, summary: 'Work in another organisation you belong to', body: switchOrgBody, response: { 200: sessionReply } },
      handler: async (request, reply) => {
        await switchOrganisation(baseCtx(request, deps), request.auth, request.body.orgId);
        const auth = await resolveAuth(deps, request.cookies.custodian_session);
        return describeSession(deps, auth, issueCsrfToken(deps, reply, auth.session?.idHash ?? null));
      },
    });
    app.get('/invitations/preview', {
      config: { access: 'public', ...strict },
      schema: {
        tags,
        summary: 'What an invitation link is for',
        querystring: invitationPreviewQuery,
        response: { 200: invitationPreviewReply },
      },
      handler: async (request) => describeInvitation(baseCtx(request, deps), request.query.token),
    });
    app.post('/auth/accept-invitation', {
      config: { access: 'public', ...strict },
      schema: { tags, summary: 'Accept an invitation (creating an account if needed)', body: acceptInvitationBody, response: { 200: acceptInvitationReply } },
      handler: async (request, reply) => acceptInvitation(baseCtx(request, deps), reply, request.auth, request.body),
    });
  };
}
