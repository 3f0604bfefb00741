import { accountApi } from '@custodian/shared/contracts/account.ts';
import { defineRoute } from '../../http/route-kit.ts';
import { confirmEmailChange, requestEmailChange } from './email-change.service.ts';
import { deleteOwnAccount, previewAccountDeletion } from './account-deletion.service.ts';
import { changePassword } from './password-change.service.ts';
import { checkPasswordReset, requestPasswordReset, resetPassword } from './password-reset.service.ts';
import { endOtherSessions, endOwnSession, listOwnSessions } from './own-sessions.service.ts';

const ok = { ok: true as const };
const auth = 'auth' as const;

/** Password reset by e-mail, password change, e-mail address change, and a person's own sessions. */
export const accountRoutes = [
  defineRoute(accountApi.requestPasswordReset, { rateLimit: auth, steps: async (ctx, { body }) => (await requestPasswordReset(ctx, body.email), ok) }),
  defineRoute(accountApi.checkPasswordReset, { rateLimit: auth, handler: (ctx, { body }) => checkPasswordReset(ctx, body.token) }),
  defineRoute(accountApi.resetPassword, {
    rateLimit: auth,
    steps: (ctx, { body }) => resetPassword(ctx, body),
    respond: (result, http, caller) => {
      // Every session of the person ended; a browser signed in as them forgets its cookie now.
      if (caller.user?.id === result.userId) http.endSession();
      return ok;
    },
  }),
  defineRoute(accountApi.changePassword, {
    rateLimit: auth,
    steps: (ctx, { body }) => changePassword(ctx, body),
    respond: (grant, http) => {
      http.startSession(grant);
      return ok;
    },
  }),
  defineRoute(accountApi.requestEmailChange, { rateLimit: auth, handler: (ctx, { body }) => requestEmailChange(ctx, body) }),
  defineRoute(accountApi.confirmEmailChange, { rateLimit: auth, handler: (ctx, { body }) => confirmEmailChange(ctx, body.token) }),
  defineRoute(accountApi.listSessions, { handler: (ctx, { query }) => listOwnSessions(ctx, query) }),
  defineRoute(accountApi.endOtherSessions, { handler: (ctx) => endOtherSessions(ctx) }),
  defineRoute(accountApi.endSession, { handler: async (ctx, { params }) => (await endOwnSession(ctx, params.sessionId), ok) }),
  defineRoute(accountApi.deletionPreview, { handler: (ctx) => previewAccountDeletion(ctx) }),
  defineRoute(accountApi.deleteAccount, {
    handler: (ctx, { body }) => deleteOwnAccount(ctx, body),
    respond: (result, http) => {
      // Every session of the person ended with the account; this browser forgets its cookie now.
      http.endSession();
      return { ok: true as const, closedOrganisations: result.closedOrganisations };
    },
  }),
];
