import { z } from 'zod';
import { apiScopes } from '../api-scopes.ts';
import { apiRoute } from './api-route.ts';
import { okReply, singleLineName } from './common.ts';
import { listOf, listQuery } from './list.ts';

/** How long a new token lasts unless the person chooses otherwise, and the longest it may last. */
export const defaultTokenDays = 90;
export const maxTokenDays = 365;

/** member_left: the person who made it has left the organisation since, so it no longer works. */
export const apiTokenStatuses = ['active', 'expired', 'revoked', 'member_left'] as const;
export type ApiTokenStatus = (typeof apiTokenStatuses)[number];

export const apiTokenScope = z.enum(apiScopes, { message: 'must be one of the listed permissions' });

export const createApiTokenBody = z.strictObject({
  name: singleLineName(1, 80).describe('the token’s name'),
  scopes: z
    .array(apiTokenScope)
    .min(1, { message: 'choose at least one thing the token may do' })
    .max(apiScopes.length)
    .refine((list) => new Set(list).size === list.length, { message: 'lists a permission twice' }),
  expiresInDays: z.number().int().min(1).max(maxTokenDays).default(defaultTokenDays).describe('how many days the token lasts'),
});
export type CreateApiTokenBody = z.input<typeof createApiTokenBody>;

/** A token as lists show it: never its secret (only its first characters, to tell tokens apart). */
export const apiToken = z.object({
  id: z.uuid(),
  name: z.string(),
  scopes: z.array(z.string()),
  /** "cust_Ab3d…": the start of the secret, enough to recognise it, not to use it. */
  hint: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  status: z.enum(apiTokenStatuses),
  createdBy: z.object({ userId: z.uuid(), name: z.string() }),
  /** The token belongs to the person asking (an owner also sees everyone else's). */
  isOwn: z.boolean(),
});
export type ApiToken = z.infer<typeof apiToken>;

/** A new token with its secret: shown this once, never again. */
export const createdApiToken = z.object({ token: apiToken, secret: z.string() });

export const apiTokenListQuery = listQuery({
  filters: { status: z.enum(apiTokenStatuses).optional() },
  sorts: ['createdAt'],
  sort: 'createdAt',
  order: 'desc',
});
export type ApiTokenListQuery = z.infer<typeof apiTokenListQuery>;

export const apiTokenParams = z.strictObject({ tokenId: z.uuid({ message: 'must be a valid id' }) });

const tag = 'api-tokens';

/**
 * A person's API tokens in the organisation they are working in. Account routes ('session' access):
 * an API token can never reach them, so a token cannot mint or revoke tokens.
 */
export const apiTokensApi = {
  list: apiRoute({ method: 'GET', path: '/api-tokens', access: 'session', tag, summary: 'API tokens of the organisation (yours; an owner sees everyone’s)', query: apiTokenListQuery, reply: listOf(apiToken) }),
  create: apiRoute({ method: 'POST', path: '/api-tokens', access: 'session', tag, summary: 'Create a personal API token (its secret is in this reply only)', body: createApiTokenBody, reply: createdApiToken, status: 201 }),
  revoke: apiRoute({ method: 'POST', path: '/api-tokens/:tokenId/revoke', access: 'session', tag, summary: 'Revoke an API token (its creator or an owner)', params: apiTokenParams, reply: okReply }),
};
