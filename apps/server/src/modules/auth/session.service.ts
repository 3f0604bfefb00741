import type { FastifyReply } from 'fastify';
import { permissions, type Action, type Role } from '@custodian/shared/permissions.ts';
import type { SessionReply } from '@custodian/shared/contracts/auth.ts';
import { setScope, withUser, type Tx } from '../../db/with-org.ts';
import { hmacHex, randomToken, safeEqual, sha256Hex } from '../../lib/crypto.ts';
import type { AppDeps, AuthState } from '../../http/context.ts';
import { listMembershipsOfUser } from '../org/org.service.ts';
import { countRecoveryCodesLeft, deleteSession, findSession, findUserById, insertSession, touchSession } from './auth.repo.ts';

export const sessionCookie = 'custodian_session';
export const csrfCookie = 'custodian_csrf';
export const csrfHeader = 'x-csrf-token';

const anonymous: AuthState = { session: null, user: null, actor: null, isMfaRequiredByOrg: false };

function cookieOptions(deps: AppDeps, isHttpOnly: boolean) {
  return { path: '/', httpOnly: isHttpOnly, sameSite: 'lax' as const, secure: deps.config.publicUrl.startsWith('https://') };
}

/** A CSRF token bound to the session (or to "anonymous" before sign-in): nonce.hmac(binding, nonce). */
export function issueCsrfToken(deps: AppDeps, reply: FastifyReply, sessionIdHash: string | null): string {
  const nonce = randomToken(16);
  const token = `${nonce}.${hmacHex(deps.keys.csrf, `${sessionIdHash ?? 'anonymous'}:${nonce}`)}`;
  reply.setCookie(csrfCookie, token, cookieOptions(deps, false));
  return token;
}

/** Signed double-submit check: the header equals the cookie and was issued for this session. */
export function isCsrfValid(deps: AppDeps, header: string | undefined, cookie: string | undefined, sessionIdHash: string | null): boolean {
  if (!header || !cookie || !safeEqual(header, cookie)) return false;
  const [nonce, mac] = header.split('.');
  if (!nonce || !mac) return false;
  return safeEqual(mac, hmacHex(deps.keys.csrf, `${sessionIdHash ?? 'anonymous'}:${nonce}`));
}

/**
 * Starts a fresh session (a new id every time someone signs in or passes MFA: no fixation) and sets
 * the cookie. Returns the id hash for CSRF binding.
 */
export async function startSession(
  trx: Tx,
  deps: AppDeps,
  reply: FastifyReply,
  input: { userId: string; orgId: string | null; isMfaPending: boolean; replacesIdHash: string | null },
): Promise<string> {
  if (input.replacesIdHash) await deleteSession(trx, input.replacesIdHash);
  const token = randomToken();
  const idHash = sha256Hex(token);
  const now = deps.clock();
  await insertSession(trx, {
    id_hash: idHash,
    user_id: input.userId,
    org_id: input.orgId,
    is_mfa_pending: input.isMfaPending,
    created_at: now,
    last_seen_at: now,
    expires_at: new Date(now.getTime() + deps.config.sessionAbsoluteHours * 3_600_000),
  });
  reply.setCookie(sessionCookie, token, cookieOptions(deps, true));
  issueCsrfToken(deps, reply, idHash);
  return idHash;
}

/** Deletes a session on the server. */
export async function endSession(deps: AppDeps, idHash: string): Promise<void> {
  await withUser(deps.database.db, null, (trx) => deleteSession(trx, idHash));
}

export function clearSessionCookie(deps: AppDeps, reply: FastifyReply): void {
  reply.clearCookie(sessionCookie, cookieOptions(deps, true));
}

/**
 * Resolves the session cookie into who is acting: the session (expired ones are deleted), the person
 * and, when the session has an organisation they still belong to, their role there.
 */
export async function resolveAuth(deps: AppDeps, token: string | undefined): Promise<AuthState> {
  if (!token || token.length > 100) return anonymous;
  const idHash = sha256Hex(token);
  const now = deps.clock();
  return withUser(deps.database.db, null, async (trx) => {
    const session = await findSession(trx, idHash);
    if (!session) return anonymous;
    const idleLimit = new Date(session.last_seen_at).getTime() + deps.config.sessionIdleMinutes * 60_000;
    if (new Date(session.expires_at) <= now || idleLimit <= now.getTime()) {
      await deleteSession(trx, idHash);
      return anonymous;
    }
    if (now.getTime() - new Date(session.last_seen_at).getTime() > 60_000) await touchSession(trx, idHash, now);
    await setScope(trx, { orgId: null, userId: session.user_id });
    const user = await findUserById(trx, session.user_id);
    if (!user) return anonymous;
    const memberships = session.org_id ? await listMembershipsOfUser(trx, user.id) : [];
    const membership = memberships.find((m) => m.org_id === session.org_id);
    const hasMfa = user.mfa_enabled_at !== null;
    return {
      session: { idHash, userId: user.id, orgId: session.org_id, isMfaPending: session.is_mfa_pending, createdAt: new Date(session.created_at) },
      user: { id: user.id, name: user.name, email: user.email, hasMfa },
      actor:
        membership && !session.is_mfa_pending
          ? { userId: user.id, userLabel: `${user.name} <${user.email}>`, orgId: membership.org_id, role: membership.role as Role }
          : null,
      isMfaRequiredByOrg: membership?.is_mfa_required ?? false,
    };
  });
}

/** True when the organisation requires MFA and this person has not set it up yet. */
export function mustEnrolMfa(auth: AuthState): boolean {
  return auth.isMfaRequiredByOrg && auth.user !== null && !auth.user.hasMfa;
}

/** The session as the web app sees it. */
export async function describeSession(deps: AppDeps, auth: AuthState, csrfToken: string): Promise<SessionReply> {
  const signedOut: SessionReply = {
    isSignedIn: false,
    isMfaPending: auth.session?.isMfaPending ?? false,
    user: null,
    organisation: null,
    memberships: [],
    mustEnrolMfa: false,
    permissions: [],
    csrfToken,
  };
  if (!auth.session || !auth.user || auth.session.isMfaPending) return signedOut;
  const user = auth.user;
  return withUser(deps.database.db, user.id, async (trx) => {
    const memberships = await listMembershipsOfUser(trx, user.id);
    const current = memberships.find((m) => m.org_id === auth.actor?.orgId);
    const role = auth.actor?.role;
    const allowed = role ? (Object.keys(permissions) as Action[]).filter((action) => (permissions[action] as readonly Role[]).includes(role)) : [];
    return {
      isSignedIn: true,
      isMfaPending: false,
      user: { ...user, recoveryCodesLeft: user.hasMfa ? await countRecoveryCodesLeft(trx, user.id) : 0 },
      organisation: current
        ? { orgId: current.org_id, name: current.name, role: current.role as Role, isDemo: current.is_demo, isMfaRequired: current.is_mfa_required, timeZone: current.time_zone }
        : null,
      memberships: memberships.map((m) => ({ orgId: m.org_id, name: m.name, role: m.role as Role, isDemo: m.is_demo })),
      mustEnrolMfa: mustEnrolMfa(auth),
      permissions: allowed,
      csrfToken,
    };
  });
}
