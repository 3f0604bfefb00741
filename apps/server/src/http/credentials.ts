import type { FastifyRequest } from 'fastify';
import { apiTokenPattern } from '@custodian/shared/api-scopes.ts';
import { AppError } from '@custodian/shared/errors.ts';
import type { AppDeps } from '../core/deps.ts';
import { sha256Hex } from '../lib/crypto.ts';
import { sessionIdHash } from '../modules/auth/session.service.ts';
import { csrfCookie, sessionCookie } from './csrf.ts';

/**
 * How a request says who it is: the browser's session cookie, or an API token in
 * `Authorization: Bearer cust_…`. A bearer request carries no ambient authority (no cookies), so it
 * needs no CSRF token; one that carries both is refused, so a page can never mix the two.
 */
export type RequestCredential = { kind: 'cookie'; idHash: string | null } | { kind: 'bearer'; tokenHash: string };

export function requestCredential(request: FastifyRequest): RequestCredential {
  const header = request.headers.authorization;
  if (header === undefined) return { kind: 'cookie', idHash: sessionIdHash(request.cookies[sessionCookie]) };
  if (request.cookies[sessionCookie] !== undefined || request.cookies[csrfCookie] !== undefined) {
    throw new AppError('bad_request', 'This request carries both an API token and the sign-in cookies of a browser. Send one or the other.');
  }
  const token = /^Bearer +(\S+) *$/i.exec(header)?.[1];
  if (!token || !apiTokenPattern.test(token)) {
    throw new AppError('unauthenticated', 'The Authorization header must be "Bearer " followed by a Custodian API token (it starts with cust_).');
  }
  return { kind: 'bearer', tokenHash: sha256Hex(token) };
}

const windows = new WeakMap<AppDeps, Map<string, { minute: number; count: number }>>();

/**
 * The per-token rate limit (API_TOKEN_RATE_LIMIT_PER_MINUTE requests a minute, each token counted on
 * its own, beside the per-address limit every request has). Kept in this process's memory.
 */
export function countTokenRequest(deps: AppDeps, tokenId: string, now: Date): void {
  let counts = windows.get(deps);
  if (!counts) {
    counts = new Map();
    windows.set(deps, counts);
  }
  const minute = Math.floor(now.getTime() / 60_000);
  const entry = counts.get(tokenId);
  if (!entry || entry.minute !== minute) {
    if (counts.size > 10_000) counts.clear();
    counts.set(tokenId, { minute, count: 1 });
    return;
  }
  entry.count += 1;
  const limit = deps.config.apiTokenRateLimitPerMinute;
  if (entry.count > limit) throw new AppError('rate_limited', `This API token has made more than ${limit} requests in the last minute. Wait a minute, then try again.`);
}
