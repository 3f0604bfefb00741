import { apiTokensApi } from '@custodian/shared/contracts/api-tokens.ts';
import { defineRoute } from '../../http/route-kit.ts';
import { createApiToken, listOrgApiTokens, revokeApiToken } from './api-tokens.service.ts';

const ok = { ok: true as const };

/** Personal API tokens: list, create (the secret shown once), revoke. Account routes: a token cannot reach them. */
export const apiTokenRoutes = [
  defineRoute(apiTokensApi.list, { handler: (ctx, { query }) => listOrgApiTokens(ctx, query) }),
  defineRoute(apiTokensApi.create, { handler: (ctx, { body }) => createApiToken(ctx, body) }),
  defineRoute(apiTokensApi.revoke, { handler: async (ctx, { params }) => (await revokeApiToken(ctx, params.tokenId), ok) }),
];
