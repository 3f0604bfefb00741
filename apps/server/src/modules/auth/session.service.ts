import type { SessionReply } from '@custodian/shared/contracts/auth.ts';
import { permissions, type Action, type Role } from '@custodian/shared/permissions.ts';
import { anonymous, mustEnrolMfa, userLabel, type AuthState } from '../../core/auth-state.ts';
import type { AppDeps } from '../../core/deps.ts';
import type { TxCtx } from '../../core/ctx.ts';
import { resolveSessionScope, touchSession, type ResolvedSession, type TransactionStart } from '../../db/scope.ts';
import type { Opened } from '../../core/transaction.ts';
import type { Tx } from '../../db/with-org.ts';
import { randomToken, sha256Hex } from '../../lib/crypto.ts';
import { newId } from '../../lib/ids.ts';
import { describeDevice } from '../../lib/user-agent.ts';
import { listMembershipsOfUser } from '../org/org.service.ts';
import type { OrgKindName } from '@custodian/shared/contracts/auth.ts';
import {
  countRecoveryCodesLeft,
  isPlatformOperator,
  deleteEndedSessions,
  deleteExpiredSessionsOf,
  deleteForgottenUnknownFailures,
  deleteSession,
  insertSession,
} from './auth.repo.ts';
import { findOwnMfaMethods } from './passkey.repo.ts';

/** A new session the route hands to the browser: the token goes in the cookie, the hash binds CSRF tokens. */
export interface SessionGrant {
  token: string;
  idHash: string;
}

/** The session id hash of a cookie value (null for none or an implausible one). */
export function sessionIdHash(token: string | undefined): string | null {
  if (!token || token.length > 100) return null;
  return sha256Hex(token);
}

/**
 * Resolves who is asking and sets the transaction's tenancy scope, in one statement (the first of every
 * request). An expired or idle session resolves to nobody; revoking a session (deleting its row) takes
 * effect on the next request.
 */
export async function resolveAuth(tx: Tx, deps: AppDeps, idHash: string | null, now: Date): Promise<AuthState> {
  return toAuthState(await resolveSessionScope(tx, { idHash, now, idleMinutes: deps.config.sessionIdleMinutes, isCountingWrites: false }));
}

/** resolveAuth as the first statement of a request's transaction (with the write counter for writes). */
export async function openRequest(
  tx: Tx,
  deps: AppDeps,
  idHash: string | null,
  now: Date,
  isCountingWrites: boolean,
  begin: TransactionStart,
): Promise<Opened> {
  const row = await resolveSessionScope(tx, { idHash, now, idleMinutes: deps.config.sessionIdleMinutes, isCountingWrites, begin });
  return { auth: toAuthState(row), writesBefore: row.writes_before ?? 0 };
}

function toAuthState(row: ResolvedSession): AuthState {
  if (!row.id_hash || !row.user_id || !row.user_name || !row.user_email) return anonymous;
  const user = { id: row.user_id, name: row.user_name, email: row.user_email, hasMfa: row.has_mfa === true };
  const isPending = row.is_mfa_pending === true;
  const isMember = row.member_role !== null && row.session_org_id !== null;
  const org =
    isMember && row.session_org_id
      ? {
          id: row.session_org_id,
          name: row.org_name ?? '',
          timeZone: row.time_zone ?? 'Australia/Sydney',
          isDemo: row.is_demo === true,
          isMfaRequired: row.is_mfa_required === true,
        }
      : null;
  return {
    session: { idHash: row.id_hash, userId: user.id, orgId: row.session_org_id, isMfaPending: isPending, createdAt: new Date(row.created_at ?? 0), ssoOrgId: row.sso_org_id },
    user,
    actor: org && !isPending ? { userId: user.id, userLabel: userLabel(user), orgId: org.id, role: row.member_role as Role } : null,
    org: isPending ? null : org,
    isMfaRequiredByOrg: row.is_mfa_required === true && row.is_sso_blocked !== true,
    isSsoBlocked: row.is_sso_blocked === true,
    needsTouch: row.needs_touch === true,
  };
}

/** Moves the session's idle clock on; called after the request's transaction, at most once a minute. */
export async function keepSessionAlive(deps: AppDeps, idHash: string, now: Date): Promise<void> {
  await touchSession(deps.database.db, idHash, now);
}

/**
 * Starts a fresh session (a new id every time someone signs in or passes MFA: no fixation), replacing
 * the one the browser had; `ssoOrgId` when it came through that organisation's single sign-on. The
 * route sets the cookie from the grant.
 */
export async function startSession(ctx: TxCtx, input: { userId: string; orgId: string | null; isMfaPending: boolean; replacesIdHash: string | null; ssoOrgId?: string | null }): Promise<SessionGrant> {
  if (input.replacesIdHash) await deleteSession(ctx.tx, input.replacesIdHash);
  await deleteExpiredSessionsOf(ctx.tx, input.userId, ctx.now, ctx.deps.config.sessionIdleMinutes);
  const token = randomToken();
  const idHash = sha256Hex(token);
  await insertSession(ctx.tx, {
    id_hash: idHash,
    id: newId(ctx.now.getTime()),
    device: describeDevice(ctx.userAgent),
    user_id: input.userId,
    org_id: input.orgId,
    sso_org_id: input.ssoOrgId ?? null,
    is_mfa_pending: input.isMfaPending,
    created_at: ctx.now,
    last_seen_at: ctx.now,
    expires_at: new Date(ctx.now.getTime() + ctx.deps.config.sessionAbsoluteHours * 3_600_000),
    // A complete sign-in is a fresh proof of who the person is: it counts as a step-up (step-up.service.ts).
    stepped_up_at: input.isMfaPending ? null : ctx.now,
  });
  return { token, idHash };
}

/** Deletes a session on the server. */
export async function endSession(ctx: TxCtx, idHash: string): Promise<void> {
  await deleteSession(ctx.tx, idHash);
}

/** The session as the web app sees it (the route adds the CSRF token). */
export async function describeSession(ctx: TxCtx): Promise<Omit<SessionReply, 'csrfToken'>> {
  const { auth } = ctx;
  const catalogue = { version: ctx.deps.catalogue.catalogue.version, checksum: ctx.deps.catalogue.checksum };
  const mfaMethods = auth.user?.hasMfa ? await findOwnMfaMethods(ctx.tx) : { hasTotp: false, hasPasskey: false };
  if (!auth.session || !auth.user || auth.session.isMfaPending) {
    const isMfaPending = auth.session?.isMfaPending ?? false;
    return { isSignedIn: false, isMfaPending, user: null, organisation: null, memberships: [], mustEnrolMfa: false, mfaMethods, permissions: [], catalogue };
  }
  const user = auth.user;
  const memberships = await listMembershipsOfUser(ctx.tx, user.id);
  const current = memberships.find((m) => m.org_id === auth.actor?.orgId);
  const role = auth.actor?.role;
  const allowed = role ? (Object.keys(permissions) as Action[]).filter((action) => (permissions[action] as readonly Role[]).includes(role)) : [];
  return {
    isSignedIn: true,
    isMfaPending: false,
    user: { ...user, recoveryCodesLeft: user.hasMfa ? await countRecoveryCodesLeft(ctx.tx, user.id) : 0, isPlatformOperator: await isPlatformOperator(ctx.tx, user.id) },
    organisation: current
      ? {
          orgId: current.org_id,
          name: current.name,
          role: current.role as Role,
          isDemo: current.is_demo,
          isMfaRequired: current.is_mfa_required,
          timeZone: current.time_zone,
          kind: current.kind as OrgKindName,
        }
      : null,
    memberships: memberships.map((m) => ({ orgId: m.org_id, name: m.name, role: m.role as Role, isDemo: m.is_demo })),
    mustEnrolMfa: mustEnrolMfa(auth),
    mfaMethods,
    permissions: allowed,
    catalogue,
  };
}

/**
 * Deletes every session that has expired or gone idle, and the failed sign-ins of unknown addresses
 * that are forgotten by now (the sweeper job, as the tables' owner); returns how many sessions.
 */
export async function sweepEndedSessions(deps: AppDeps): Promise<number> {
  const now = deps.clock();
  await deleteForgottenUnknownFailures(deps.database.db, now);
  return deleteEndedSessions(deps.database.db, now, deps.config.sessionIdleMinutes);
}
