import { AppError } from '@custodian/shared/errors.ts';
import type { Role } from '@custodian/shared/permissions.ts';
import { tokenUserLabel, type AuthState } from '../../core/auth-state.ts';
import type { AppDeps } from '../../core/deps.ts';
import type { Opened } from '../../core/transaction.ts';
import { resolveTokenScope, touchApiToken, type ResolvedToken, type TokenState, type TransactionStart } from '../../db/scope.ts';
import type { Tx } from '../../db/with-org.ts';

/** What a bearer request is told when its token cannot be used (401), in words its holder can act on. */
const refusals: Record<Exclude<TokenState, 'ok'>, string> = {
  unknown: 'This API token is not recognised. Check that it was copied in full, or create a new one in Custodian under Account → API tokens.',
  revoked: 'This API token has been revoked. Create a new one in Custodian under Account → API tokens.',
  expired: 'This API token has expired. Create a new one in Custodian under Account → API tokens.',
  not_member: 'This API token no longer works: the person who created it is no longer a member of the organisation.',
};

function toTokenAuth(row: ResolvedToken): AuthState {
  if (row.token_state !== 'ok' || !row.user_id || !row.user_name || !row.user_email || !row.session_org_id || !row.member_role || !row.token_id) {
    throw new AppError('unauthenticated', refusals[row.token_state === 'ok' ? 'unknown' : row.token_state]);
  }
  const user = { id: row.user_id, name: row.user_name, email: row.user_email, hasMfa: row.has_mfa === true };
  const tokenName = row.token_name ?? '';
  const orgId = row.session_org_id;
  return {
    // Not a stored session: the token's person in the token's organisation (no cookie, no CSRF binding).
    session: { idHash: `api-token:${row.token_id}`, userId: user.id, orgId, isMfaPending: false, createdAt: new Date(row.created_at ?? 0) },
    user,
    actor: { userId: user.id, userLabel: tokenUserLabel(user, tokenName), orgId, role: row.member_role as Role },
    org: { id: orgId, name: row.org_name ?? '', timeZone: row.time_zone ?? 'Australia/Sydney', isDemo: row.is_demo === true, isMfaRequired: row.is_mfa_required === true },
    isMfaRequiredByOrg: row.is_mfa_required === true,
    needsTouch: false,
    token: { id: row.token_id, name: tokenName, scopes: (row.token_scopes ?? '').split(' ').filter(Boolean), needsTouch: row.needs_touch === true },
  };
}

/**
 * The first statement of a request made with an API token (instead of a session cookie): resolves the
 * token's hash, sets the scope of its person and organisation, and drops to the application role. A
 * token that is unknown, revoked, expired, or whose person has left the organisation is refused (401).
 */
export async function openTokenRequest(tx: Tx, tokenHash: string, now: Date, isCountingWrites: boolean, begin: TransactionStart): Promise<Opened> {
  const row = await resolveTokenScope(tx, { tokenHash, now, isCountingWrites, begin });
  return { auth: toTokenAuth(row), writesBefore: row.writes_before ?? 0 };
}

/** Moves the token's last-used time on; called after the request's transaction, at most once a minute. */
export async function noteTokenUsed(deps: AppDeps, tokenId: string, now: Date): Promise<void> {
  await touchApiToken(deps.database.db, tokenId, now);
}
