import { authApi } from '@custodian/shared/contracts/auth.ts';
import { defineRoute, type HttpControl } from '../../http/route-kit.ts';
import { logIn, logOut } from './auth.service.ts';
import { resendVerification, signUp, verifyEmail } from './signup.service.ts';
import { acceptInvitation, describeInvitation, switchOrganisation } from './invitation-accept.service.ts';
import { completeMfaChallenge, confirmMfa, disableMfa, regenerateRecoveryCodes, renderMfaEnrolment, setUpMfa } from './mfa.service.ts';
import { describeSession, type SessionGrant } from './session.service.ts';

const ok = { ok: true as const };
const auth = 'auth' as const;

/** A sign-in step that ended in a new session: the cookie is set, the reply says where the sign-in stands. */
function replyWithSession<S extends string>(result: { status: S; grant: SessionGrant }, http: HttpControl): { status: S } {
  http.startSession(result.grant);
  return { status: result.status };
}

/** Sign-up, e-mail verification, sign-in with MFA, sessions, switching organisation and invitations. */
export const authRoutes = [
  defineRoute(authApi.session, {
    handler: (ctx) => describeSession(ctx),
    respond: (session, http) => ({ ...session, csrfToken: http.csrfToken() }),
  }),
  defineRoute(authApi.signUp, {
    rateLimit: auth,
    steps: async (ctx, { body }) => ({ status: 'verification_sent' as const, ...(await signUp(ctx, body)) }),
  }),
  defineRoute(authApi.verifyEmail, { rateLimit: auth, handler: async (ctx, { body }) => ({ ...ok, ...(await verifyEmail(ctx, body.token)) }) }),
  defineRoute(authApi.resendVerification, { rateLimit: auth, handler: async (ctx, { body }) => (await resendVerification(ctx, body.email), ok) }),
  defineRoute(authApi.logIn, {
    rateLimit: auth,
    steps: (ctx, { body }) => logIn(ctx, body),
    respond: replyWithSession,
  }),
  defineRoute(authApi.mfaChallenge, {
    rateLimit: auth,
    steps: (ctx, { body }) => completeMfaChallenge(ctx, body),
    respond: replyWithSession,
  }),
  defineRoute(authApi.logOut, {
    handler: async (ctx) => (await logOut(ctx), ok),
    respond: (reply, http) => {
      http.endSession();
      return reply;
    },
  }),
  defineRoute(authApi.mfaSetup, { rateLimit: auth, handler: (ctx) => setUpMfa(ctx), respond: (started) => renderMfaEnrolment(started) }),
  defineRoute(authApi.mfaConfirm, { rateLimit: auth, handler: (ctx, { body }) => confirmMfa(ctx, body.code) }),
  defineRoute(authApi.mfaDisable, { rateLimit: auth, handler: async (ctx) => (await disableMfa(ctx), ok) }),
  defineRoute(authApi.recoveryCodes, { rateLimit: auth, steps: (ctx, { body }) => regenerateRecoveryCodes(ctx, body.code) }),
  defineRoute(authApi.switchOrg, {
    handler: (ctx, { body }) => switchOrganisation(ctx, body.orgId),
    respond: (session, http) => ({ ...session, csrfToken: http.csrfToken() }),
  }),
  defineRoute(authApi.invitationPreview, { rateLimit: auth, handler: (ctx, { query }) => describeInvitation(ctx, query.token) }),
  defineRoute(authApi.acceptInvitation, {
    rateLimit: auth,
    steps: (ctx, { body }) => acceptInvitation(ctx, body),
    respond: (result, http) => {
      if (result.grant) http.startSession(result.grant);
      return { status: result.status };
    },
  }),
];
