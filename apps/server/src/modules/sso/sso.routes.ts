import { ssoApi } from '@custodian/shared/contracts/sso.ts';
import { defineRoute } from '../../http/route-kit.ts';
import { completeSsoSignIn, startSsoSignIn } from './sso-sign-in.service.ts';
import { addSsoDomain, describeSsoSettings, removeSsoDomain, saveSsoSettings } from './sso-settings.service.ts';

const auth = 'auth' as const;

/** Single sign-on: an organisation's provider and domains (owners), and signing in through it. */
export const ssoRoutes = [
  defineRoute(ssoApi.settings, { handler: (ctx) => describeSsoSettings(ctx) }),
  defineRoute(ssoApi.saveSettings, { steps: (ctx, { body }) => saveSsoSettings(ctx, body) }),
  defineRoute(ssoApi.addDomain, { handler: (ctx, { body }) => addSsoDomain(ctx, body.domain) }),
  defineRoute(ssoApi.removeDomain, { handler: (ctx, { params }) => removeSsoDomain(ctx, params.domain) }),
  defineRoute(ssoApi.start, { rateLimit: auth, steps: (ctx, { body }) => startSsoSignIn(ctx, body.email) }),
  defineRoute(ssoApi.complete, {
    rateLimit: auth,
    steps: (ctx, { body }) => completeSsoSignIn(ctx, body),
    respond: (result, http) => {
      http.startSession(result.grant);
      return { status: result.status };
    },
  }),
];
