import { apiTokenBytes, apiTokenPrefix, describeScopes } from '@custodian/shared/api-scopes.ts';
import type { ApiToken, ApiTokenListQuery, ApiTokenStatus, createApiTokenBody } from '@custodian/shared/contracts/api-tokens.ts';
import type { ListReply } from '@custodian/shared/contracts/list.ts';
import { AppError } from '@custodian/shared/errors.ts';
import type { z } from 'zod';
import { mustEnrolMfa, type OrgActor, type OrgInfo } from '../../core/auth-state.ts';
import type { SessionCtx } from '../../core/ctx.ts';
import { randomToken, sha256Hex } from '../../lib/crypto.ts';
import { toIso, todayIn } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { canOverseeEveryToken, canRevokeToken } from './api-tokens.policy.ts';
import { findApiToken, insertApiToken, listApiTokens, revokeApiTokenRow, type ApiTokenRow } from './api-tokens.repo.ts';

export { noteTokenUsed, openTokenRequest } from './token-auth.service.ts';

/** A person's tokens belong to the organisation they are working in; the route's access is 'session'. */
function memberOf(ctx: SessionCtx): { actor: OrgActor; org: OrgInfo } {
  const { actor, org } = ctx.auth;
  if (!actor || !org) throw new AppError('forbidden', 'Choose an organisation you belong to first.');
  if (mustEnrolMfa(ctx.auth)) {
    throw new AppError('forbidden', 'Your organisation requires two-factor authentication. Set it up under Account security to continue.', { reason: 'mfa_enrolment_required' });
  }
  return { actor, org };
}

function statusOf(row: ApiTokenRow, now: Date): ApiTokenStatus {
  if (row.revoked_at) return 'revoked';
  if (new Date(row.expires_at) <= now) return 'expired';
  return row.member_since === null ? 'member_left' : 'active';
}

function toDto(row: ApiTokenRow, actor: OrgActor, now: Date): ApiToken {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes.split(' '),
    hint: `${row.hint}…`,
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: new Date(row.expires_at).toISOString(),
    lastUsedAt: toIso(row.last_used_at),
    revokedAt: toIso(row.revoked_at),
    status: statusOf(row, now),
    createdBy: { userId: row.user_id, name: row.user_name },
    isOwn: row.user_id === actor.userId,
  };
}

/**
 * Creates a personal API token for the organisation the person is working in. The secret (the prefix
 * and 280 random bits, of which lists show the first 24) is returned this once; only its SHA-256 is kept.
 */
export async function createApiToken(ctx: SessionCtx, input: z.output<typeof createApiTokenBody>): Promise<{ token: ApiToken; secret: string }> {
  const { actor, org } = memberOf(ctx);
  const secret = `${apiTokenPrefix}${randomToken(apiTokenBytes)}`;
  const id = newId(ctx.now.getTime());
  const scopes = [...input.scopes];
  const expiresAt = new Date(ctx.now.getTime() + input.expiresInDays * 86_400_000);
  const row = { org_id: org.id, id, user_id: actor.userId, name: input.name, scopes: scopes.join(' '), token_hash: sha256Hex(secret), hint: secret.slice(0, apiTokenPrefix.length + 4), created_at: ctx.now, expires_at: expiresAt };
  await insertApiToken(ctx.tx, row);
  const after = { name: input.name, permissions: describeScopes(scopes).join('; '), expiresOn: todayIn(org.timeZone, expiresAt), scopes };
  await ctx.recordAudit({ orgId: org.id, userId: actor.userId, label: actor.userLabel }, { action: 'api_token.created', entity: { type: 'api_token', id }, after });
  const stored = { ...row, user_name: ctx.user.name, last_used_at: null, revoked_at: null, member_since: ctx.now };
  return { token: toDto(stored, actor, ctx.now), secret };
}

/** The person's tokens in this organisation (an owner: everyone's), newest first. */
export async function listOrgApiTokens(ctx: SessionCtx, query: ApiTokenListQuery): Promise<ListReply<ApiToken>> {
  const { actor, org } = memberOf(ctx);
  const page = await listApiTokens(ctx.tx, org.id, { userId: canOverseeEveryToken(actor) ? null : actor.userId, now: ctx.now }, query);
  return { ...page, items: page.items.map((row) => toDto(row, actor, ctx.now)) };
}

/**
 * Revokes a token (its creator, or an owner). From the moment this commits, no request with it
 * succeeds: writes already under way finish first (the token row is share-locked while they run).
 * Of two revocations at once, one succeeds and is audited; the other is told it was already revoked.
 */
export async function revokeApiToken(ctx: SessionCtx, tokenId: string): Promise<void> {
  const { actor, org } = memberOf(ctx);
  const found = await findApiToken(ctx.tx, org.id, tokenId);
  // Somebody else's token is "not found" to a member who may not see it.
  if (!found || !canRevokeToken(actor, found.user_id)) throw new AppError('not_found', 'That API token was not found.');
  if (found.revoked_at || !(await revokeApiTokenRow(ctx.tx, org.id, tokenId, ctx.now, actor.userId))) {
    throw new AppError('conflict', 'This API token was already revoked.');
  }
  const before = { name: found.name, createdBy: found.user_name };
  await ctx.recordAudit({ orgId: org.id, userId: actor.userId, label: actor.userLabel }, { action: 'api_token.revoked', entity: { type: 'api_token', id: tokenId }, before });
}
