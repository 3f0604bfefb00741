import { passkeyApi } from '@custodian/shared/contracts/passkeys.ts';
import { defineRoute, type HttpControl } from '../../http/route-kit.ts';
import { completeMfaWithPasskey, signInWithPasskey, startMfaWithPasskey, startPasskeySignIn } from './passkey-sign-in.service.ts';
import { listOwnPasskeys, registerPasskey, removeOwnPasskey, renameOwnPasskey, startPasskeyRegistration } from './passkey.service.ts';
import type { SessionGrant } from './session.service.ts';
import { startPasskeyStepUp, stepUp } from './step-up.service.ts';

const ok = { ok: true as const };
const auth = 'auth' as const;

function replyWithSession<S extends string>(result: { status: S; grant: SessionGrant }, http: HttpControl): { status: S } {
  http.startSession(result.grant);
  return { status: result.status };
}

/** Passkeys: adding, naming and removing them, signing in with one (alone or as the second step), and step-up. */
export const passkeyRoutes = [
  defineRoute(passkeyApi.list, { handler: (ctx, { query }) => listOwnPasskeys(ctx, query) }),
  defineRoute(passkeyApi.registrationOptions, { rateLimit: auth, handler: (ctx) => startPasskeyRegistration(ctx) }),
  defineRoute(passkeyApi.register, { rateLimit: auth, steps: (ctx, { body }) => registerPasskey(ctx, body) }),
  defineRoute(passkeyApi.rename, { handler: (ctx, { params, body }) => renameOwnPasskey(ctx, params.passkeyId, body) }),
  defineRoute(passkeyApi.remove, { handler: async (ctx, { params }) => (await removeOwnPasskey(ctx, params.passkeyId), ok) }),
  defineRoute(passkeyApi.signInOptions, { rateLimit: auth, handler: (ctx) => startPasskeySignIn(ctx) }),
  defineRoute(passkeyApi.signIn, { rateLimit: auth, steps: (ctx, { body }) => signInWithPasskey(ctx, body.response), respond: replyWithSession }),
  defineRoute(passkeyApi.mfaOptions, { rateLimit: auth, handler: (ctx) => startMfaWithPasskey(ctx) }),
  defineRoute(passkeyApi.mfaPasskey, { rateLimit: auth, steps: (ctx, { body }) => completeMfaWithPasskey(ctx, body.response), respond: replyWithSession }),
  defineRoute(passkeyApi.stepUpOptions, { rateLimit: auth, handler: (ctx) => startPasskeyStepUp(ctx) }),
  defineRoute(passkeyApi.stepUp, { rateLimit: auth, steps: async (ctx, { body }) => (await stepUp(ctx, body), ok) }),
];
